/**
 * 场次名单 (/volunteer/roster/?id=…&session=…): one session of my scheduled
 * service — who booked, in arrival order; 接受 one or all; 核销 one resident after
 * another without leaving the page (after each, the next code box has the focus);
 * 取消这一场 with a reason.
 */
import { listingsRoster } from "../../../../shared/routes.ts";
import type { Roster } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, control, h, param } from "../../lib/dom.ts";
import { sessionSeats, sessionWhen } from "../../lib/sessions.ts";
import { gate } from "../gate.ts";
import { say, went } from "../msg.ts";
import { mountCancel } from "./cancel-session.ts";
import { accept, type RowHooks, rosterRow } from "./roster-row.ts";

const listingId = param("id") ?? "";
const sessionId = param("session") ?? "";
const here = `/volunteer/roster/?id=${encodeURIComponent(listingId)}&session=${encodeURIComponent(sessionId)}`;
let roster: Roster | undefined;

function hoursSelect(durationHours: number) {
  const s = control("roster-hours", HTMLSelectElement);
  const pick = Math.min(12, Math.max(0.5, Math.round(durationHours * 2) / 2));
  for (let x = 0.5; x <= 12; x += 0.5) s.append(h("option", { value: x, selected: x === pick }, `${x} 小时`));
}

const hooks: RowHooks = {
  hours: () => Number(control("roster-hours", HTMLSelectElement).value),
  async changed(completed) {
    await load();
    if (!completed || !roster) return;
    // Move on: the next resident still to complete, after the one just done.
    const order = roster.items.map((b) => b.id);
    const after = order.indexOf(completed);
    const next =
      roster.items.find((b, i) => i > after && b.status === "accepted") ??
      roster.items.find((b) => b.status === "accepted");
    if (next) control(`code-${next.id}`, HTMLInputElement).focus();
  },
};

function render(r: Roster) {
  const s = r.session;
  const cancelled = s.status === "cancelled";
  $("#roster-when").textContent = `${sessionWhen(s)}${cancelled ? "（已取消）" : ""}`;
  const done = r.items.filter((b) => b.status === "completed").length;
  $("#roster-figures").textContent =
    `已报名 ${s.seatsTaken}/${s.capacity} · ${sessionSeats(s).text} · 候补 ${s.waitlistCount} · 已核销 ${done}`;
  const why = $("#roster-cancelled");
  why.hidden = !cancelled;
  why.textContent = cancelled ? `这一场已取消${s.cancelReason ? `：${s.cancelReason}` : ""}` : "";
  $("#cancel-box").hidden = s.status !== "open";
  $("#accept-all").hidden = !r.items.some((b) => b.status === "requested");
  $("#roster").replaceChildren(
    ...(r.items.length
      ? r.items.map((b, i) => rosterRow(b, i + 1, hooks))
      : [h("li", { class: "muted" }, cancelled ? "这一场已取消，报名都已取消。" : "这一场还没有人报名。")]),
  );
}

async function load(): Promise<void> {
  const res = await call(listingsRoster, { params: { id: listingId, sessionId } });
  if (!went(res) || !res.ok) return;
  roster = res.data;
  render(res.data);
}

async function acceptAll() {
  const todo = roster?.items.filter((b) => b.status === "requested") ?? [];
  let n = 0;
  for (const b of todo) if (await accept(b)) n++;
  if (n) say(`已接受 ${n} 位居民`);
  await load();
}

const user = gate(["volunteer"], here, (u) => `您现在登录的是${u.name}（不是志愿者账号）。`);
if (user) {
  $("#roster-page").hidden = false;
  await load();
  if (roster) {
    $("#roster-title").textContent = `${roster.listingTitle} · 名单`;
    document.title = `${roster.listingTitle} 名单 · 网淘`;
    hoursSelect((Date.parse(roster.session.endsAt) - Date.parse(roster.session.startsAt)) / 3_600_000);
  }
  $("#accept-all").addEventListener("click", () => void acceptAll());
  mountCancel(listingId, sessionId, load);
}
