/** 总览 (components/admin/Headline.astro): the period, the figures' freshness and the headline numbers. */
import { localTime } from "../../../../shared/clock.ts";
import type { Stats } from "../../../../shared/schemas.ts";
import { $, h } from "../../lib/dom.ts";

export const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 1000) / 10}%`);
export const num = (x: number | null, unit = "") => (x === null ? "—" : `${x}${unit}`);

function asOfText(asOf: string): string {
  const ms = Date.parse(asOf);
  // The epoch: nothing was ever projected (a fresh table), so there is no instant to name.
  if (!Number.isFinite(ms) || ms === 0) return "";
  const t = localTime(ms);
  return `数据截至 ${t.month}月${t.day}日 ${t.time}:${String(t.second).padStart(2, "0")}（预约变化通常几秒内计入）`;
}

export function renderHeadline(st: Stats): void {
  const t = st.totals;
  $("#period").textContent = `${st.from} 至 ${st.to}`;
  $("#as-of").textContent = asOfText(st.asOf);
  const head: [string, string, string][] = [
    ["requested", "服务请求", String(t.requested)],
    ["completed", "已完成", String(t.completed)],
    ["fulfilmentRate", "完成率", pct(t.fulfilmentRate)],
    ["hoursServed", "服务时长", `${t.hoursServed} 小时`],
    ["medianHoursToAccept", "接单用时中位数", num(t.medianHoursToAccept, " 小时")],
    ["p90HoursToAccept", "接单用时 P90", num(t.p90HoursToAccept, " 小时")],
    ["ratingAvg", `平均评分（${t.ratingCount} 条）`, t.ratingAvg === null ? "—" : `${t.ratingAvg} 分`],
    ["waitlisted", "候补", String(t.waitlisted)],
  ];
  $("#headline").replaceChildren(
    ...head.map(([k, label, value]) =>
      h("div", { class: "stat" }, h("dt", {}, label), h("dd", { "data-stat": k }, value)),
    ),
  );
}
