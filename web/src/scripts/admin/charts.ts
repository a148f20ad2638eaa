/** 服务漏斗, 每日趋势, 按服务类别 (components/admin/Charts.astro). */
import type { Stats } from "../../../../shared/schemas.ts";
import { barChart, COLORS, funnelChart, trendChart } from "../../lib/charts.ts";
import { $ } from "../../lib/dom.ts";

export function renderCharts(st: Stats): void {
  const t = st.totals;
  const stages = [
    { label: "请求", value: t.requested + t.promoted, color: COLORS.muted },
    { label: "接单", value: t.accepted, color: COLORS.brand },
    { label: "完成", value: t.completed, color: COLORS.ok },
  ];
  $("#funnel").replaceChildren(
    funnelChart(stages, `服务漏斗：请求 ${stages[0]?.value}，接单 ${t.accepted}，完成 ${t.completed}`),
  );
  $("#funnel-side").textContent =
    `未走到完成：婉拒 ${t.declined}，取消 ${t.cancelled}，过期未回应 ${t.expired}；候补 ${t.waitlisted}（其中转正 ${t.promoted}）。漏斗只数个数：还在进行中的请求也在「请求」里，所以不拿它算完成率（完成率见总览）。`;
  $("#trend").replaceChildren(
    trendChart(
      st.byDay.map((d) => d.key),
      [
        { name: "请求", color: COLORS.muted, values: st.byDay.map((d) => d.requested + d.waitlisted) },
        { name: "完成", color: COLORS.ok, values: st.byDay.map((d) => d.completed) },
      ],
      `每日趋势：${st.from} 至 ${st.to}，共请求 ${t.requested + t.waitlisted}，完成 ${t.completed}`,
    ),
  );
  $("#by-category").replaceChildren(
    barChart(
      st.byCategory.map((c) => ({
        label: c.name,
        value: c.requested + c.waitlisted,
        text: `${c.requested + c.waitlisted} · 完成 ${c.completed}`,
      })),
      `按类别的请求数：${st.byCategory.map((c) => `${c.name} ${c.requested + c.waitlisted}`).join("，")}`,
    ),
  );
}
