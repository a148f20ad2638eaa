/**
 * The district dashboard (admins): a date range → GET /api/admin/stats → every
 * panel; the same range as CSV; moderation from the unmet-demand lists.
 */
import { adminStats, adminStatsCsv } from "../../../../shared/routes.ts";
import type { Stats } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, download, notice } from "../../lib/dom.ts";
import { mountDateRange, type Range } from "../date-range.ts";
import { gate } from "../gate.ts";
import { renderBreakdowns } from "./breakdowns.ts";
import { renderCharts } from "./charts.ts";
import { renderHeadline } from "./headline.ts";
import { mountModeration } from "./moderation.ts";
import { renderUnmet } from "./unmet.ts";

const msg = $("#msg");

function render(st: Stats) {
  renderHeadline(st);
  renderCharts(st);
  renderBreakdowns(st);
  renderUnmet(st, moderation.moderate);
}

async function load(query: Range) {
  notice(msg, "正在加载…");
  const res = await call(adminStats, { query });
  if (!res.ok) return notice(msg, res.error.message, "err");
  range.set(res.data);
  history.replaceState(null, "", `?from=${res.data.from}&to=${res.data.to}`);
  render(res.data);
  msg.replaceChildren();
}

async function csv() {
  const query = range.value();
  const res = await call(adminStatsCsv, { query });
  if (!res.ok) return notice(msg, "下载失败，请稍后再试", "err");
  download(res.data, `服务看板-${query.from ?? ""}-${query.to ?? ""}.csv`);
}

const range = mountDateRange((r) => void load(r));
const moderation = mountModeration(() => load(range.value()));
$("#csv").addEventListener("click", () => void csv());

if (gate(["admin"], "/admin/", (u) => `您当前以「${u.name}」登录，此页面仅供区管理员使用。`)) {
  $("#dash").hidden = false;
  const url = new URLSearchParams(location.search);
  void load({
    ...(url.get("from") ? { from: url.get("from") ?? "" } : {}),
    ...(url.get("to") ? { to: url.get("to") ?? "" } : {}),
  });
}
