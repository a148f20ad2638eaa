/** Fill a heat table (components/HeatTable.astro): one row per item, one shaded cell per column. */
import { heatLevel } from "../lib/charts.ts";
import { h } from "../lib/dom.ts";

export interface Column<Row> {
  label: string;
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
            h("td", { class: `heat-${heatLevel(c.value(r) ?? 0, max[i] ?? 0)}` }, c.text(r)),
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
}
