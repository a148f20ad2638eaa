/** 按类别, 按社区 and 按党支部 (components/admin/Breakdowns.astro): heat tables and the communities' requests. */
import type { Stats, StatsRow } from "../../../../shared/schemas.ts";
import { barChart } from "../../lib/charts.ts";
import { $, control, h } from "../../lib/dom.ts";
import { type Column, renderHeatTable } from "../heat-table.ts";
import { num, pct } from "./headline.ts";

const requests = (r: StatsRow) => r.requested + r.waitlisted;

const COLUMNS: Column<StatsRow>[] = [
  { label: "请求", value: requests, text: (r) => String(requests(r)) },
  { label: "完成", tone: "good", value: (r) => r.completed, text: (r) => String(r.completed) },
  { label: "完成率", tone: "good", value: (r) => r.fulfilmentRate, text: (r) => pct(r.fulfilmentRate) },
  {
    label: "婉拒+过期",
    tone: "bad",
    value: (r) => r.declined + r.expired,
    text: (r) => String(r.declined + r.expired),
  },
  { label: "时长", tone: "good", value: (r) => r.hoursServed, text: (r) => String(r.hoursServed) },
  {
    label: "接单中位(时)",
    tone: "bad",
    value: (r) => r.medianHoursToAccept,
    text: (r) => num(r.medianHoursToAccept),
  },
  // Scheduled services: seats taken ÷ seats over the sessions held, and residents who did not come.
  { label: "场次满座率", tone: "good", value: (r) => r.fillRate, text: (r) => pct(r.fillRate) },
  { label: "居民未到", tone: "bad", value: (r) => r.noShow, text: (r) => String(r.noShow) },
];

export function renderBreakdowns(st: Stats): void {
  renderHeatTable(control("by-category-table", HTMLTableElement), "类别", COLUMNS, st.byCategory);
  renderHeatTable(control("by-community", HTMLTableElement), "社区", COLUMNS, st.byCommunity);
  renderHeatTable(control("by-branch", HTMLTableElement), "党支部", COLUMNS, st.byBranch);
  const top = st.byCommunity.slice(0, 12);
  $("#community-chart").replaceChildren(
    top.length
      ? barChart(
          top.map((c) => ({ label: c.name, value: requests(c) })),
          `社区请求量：${top.map((c) => `${c.name} ${requests(c)}`).join("，")}`,
        )
      : h("p", { class: "muted" }, "所选日期内没有请求。"),
  );
}
