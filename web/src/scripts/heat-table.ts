/** Fill a heat table (components/HeatTable.astro): one row per item, one shaded cell per column. */
import { heatLevel } from "../lib/charts.ts";
import { h } from "../lib/dom.ts";

export interface Column<Row> {
  label: string;
  /** Whether more is better (green), worse (red), or only more (grey, the default). */
  tone?: "good" | "bad";
  /** The value that sets the shade (null counts as 0). */
  value: (r: Row) => number | null;
  text: (r: Row) => string;
}

export function renderHeatTable<Row extends { name: string }>(
  table: HTMLTableElement,
  what: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): void {
  const max = columns.map((c) => Math.max(0, ...rows.map((r) => c.value(r) ?? 0)));
  const body = rows.length
    ? rows.map((r) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, r.name),
          ...columns.map((c, i) =>
            h(
              "td",
              { class: `heat-${c.tone ?? "plain"} heat-${heatLevel(c.value(r) ?? 0, max[i] ?? 0)}` },
              c.text(r),
            ),
          ),
        ),
      )
    : [h("tr", {}, h("td", { colspan: columns.length + 1 }, "所选日期内没有数据。"))];
  table.replaceChildren(
    h("caption", { class: "visually-hidden" }, `按${what}的统计`),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, what), ...columns.map((c) => h("th", { scope: "col" }, c.label))),
    ),
    h("tbody", {}, ...body),
  );
  showScrollHint(table);
}

/** The hint over a table wider than the screen (its columns past the edge): shown only then. */
function showScrollHint(table: HTMLTableElement): void {
  const wrap = table.closest(".table-wrap");
  const hint = wrap?.previousElementSibling;
  if (!(wrap instanceof HTMLElement) || !(hint instanceof HTMLElement) || !hint.matches(".table-hint"))
    return;
  const check = () => {
    hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1;
  };
  check();
  new ResizeObserver(check).observe(wrap);
}
