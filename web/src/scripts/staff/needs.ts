/**
 * Needs (群众点单) on the worker's console: post a need for the chosen resident (第二步,
 * when no service fits), and 待派单 — the community's open needs, oldest first, each
 * with how long it has waited and 派单 to a volunteer of the community (those with a
 * service in it); then the slip, as for any booking.
 */
import type { Need } from "../../../../shared/needs.ts";
import { listingsList, needsAssign, needsCreate, needsList } from "../../../../shared/routes.ts";
import { CategorySchema } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { categoryOf } from "../../lib/format.ts";
import { say } from "../msg.ts";
import { loadMine } from "./mine.ts";
import { chosenResident } from "./residents.ts";

/** The community's volunteers: those with a published service in it (one page of the catalogue). */
async function volunteersOf(community: string): Promise<{ id: string; name: string }[]> {
  const res = await call(listingsList, { query: { community, limit: 50 } });
  if (!res.ok) return [];
  const byId = new Map(res.data.items.map((l) => [l.volunteer.id, l.volunteer.name]));
  return [...byId].map(([id, name]) => ({ id, name }));
}

const waited = (hours: number | undefined) =>
  hours === undefined
    ? ""
    : hours >= 24
      ? `已等 ${Math.floor(hours / 24)} 天`
      : `已等 ${Math.max(1, Math.round(hours))} 小时`;

function waitingRow(n: Need, volunteers: { id: string; name: string }[], changed: () => void): HTMLLIElement {
  const c = categoryOf(n.category);
  const id = `as-${n.id}`;
  const pick = h("select", { id }, ...volunteers.map((v) => h("option", { value: v.id }, v.name)));
  const assign = h("button", { type: "button", class: "primary" }, "派单");
  assign.addEventListener("click", async () => {
    if (!pick.value) return say("本社区还没有可派的志愿者。", "warn");
    const res = await call(needsAssign, { params: { id: n.id }, body: { volunteerId: pick.value } });
    if (!res.ok) return say(res.error.message, "err");
    const b = res.data.booking;
    say(`已派给${res.data.need.claimedBy?.name ?? ""}：${n.title}`);
    changed();
    // A need the worker posted for a resident: her slip, as for any booking they made.
    if (!b.completionCode) return;
    $("#step-done").hidden = false;
    $("#done").replaceChildren(
      h(
        "p",
        {},
        `已为 ${n.residentName} 派单「${n.title}」，核销码 `,
        h("strong", {}, b.completionCode ?? ""),
        "。",
      ),
      h(
        "a",
        { class: "btn btn-primary btn-big", href: `/staff/slip/?id=${encodeURIComponent(b.id)}` },
        "打印预约单",
      ),
    );
    void loadMine();
  });
  return h(
    "li",
    { "data-need": n.id, class: n.escalatedAt ? "late" : "" },
    h(
      "span",
      {},
      h("span", { class: "who" }, n.title),
      ` · ${c?.name ?? n.category} · ${n.residentName} · `,
      h("strong", {}, waited(n.waitingHours)),
    ),
    h("span", { class: "row" }, h("label", { for: id }, "派给"), pick, assign),
  );
}

export async function loadWaiting(community: string | undefined): Promise<void> {
  const list = $("#waiting");
  const [res, volunteers] = await Promise.all([
    call(needsList, { query: {} }),
    community ? volunteersOf(community) : Promise.resolve([]),
  ]);
  if (!res.ok) return list.replaceChildren(h("li", {}, res.error.message));
  // Open a day and more (the needs job marked them): said at the top of the list, not in a pop-up.
  const late = res.data.items.filter((n) => n.escalatedAt).length;
  $("#waiting-alert").replaceChildren(
    ...(late
      ? [h("p", { class: "notice warn" }, `有 ${late} 个需求已等了一天以上还没人接，请尽快派单。`)]
      : []),
  );
  if (!res.data.items.length) return list.replaceChildren(h("li", {}, "没有等待派单的需求。"));
  list.replaceChildren(
    ...res.data.items.map((n) => waitingRow(n, volunteers, () => void loadWaiting(community))),
  );
}

/** 为 TA 发布需求: the chosen resident's need, with the registry's phone and address. */
export function mountStaffNeed(posted: () => void): void {
  $("#staff-need").addEventListener("submit", async (e) => {
    e.preventDefault();
    const who = chosenResident();
    if (!who) return say("请先选择居民。", "warn");
    const cat = CategorySchema.safeParse(control("sn-category", HTMLSelectElement).value);
    const description = control("sn-description", HTMLInputElement).value.trim();
    const res = await call(needsCreate, {
      body: {
        onBehalfOf: who.id,
        title: control("sn-title", HTMLInputElement).value.trim(),
        category: cat.success ? cat.data : "convenience",
        ...(description ? { description } : {}),
        community: who.community,
        mode: "door",
      },
    });
    if (!res.ok) return say(res.error.message, "err");
    ($("#staff-need") as HTMLFormElement).reset();
    say(`已为 ${who.name} 发布需求「${res.data.title}」，可在下面“待派单”里派给志愿者。`);
    posted();
  });
}
