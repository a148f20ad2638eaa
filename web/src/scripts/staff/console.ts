/**
 * 社区工作台 (pages/staff/index.astro): find or register the resident → pick the
 * service (and its session) → book on their behalf → print the slip. Everything
 * through the typed client; every step is a button, nothing times out, no pop-ups.
 */
import type { Listing } from "../../../../shared/schemas.ts";
import type { RegisteredResident } from "../../../../shared/staff.ts";
import { whenOf } from "../../lib/booking-words.ts";
import { call } from "../../lib/client.ts";
import { $, control, h, notice } from "../../lib/dom.ts";
import { STATUS_LABEL } from "../../lib/format.ts";
import { gate } from "../gate.ts";

const user = gate(["staff"], "/staff/", () => "社区工作台仅限社区工作者使用。");
const msg = $("#msg");
let chosen: RegisteredResident | null = null;

const say = (text: string, kind: "ok" | "warn" | "err" = "ok") => notice(msg, text, kind);

function choose(r: RegisteredResident) {
  chosen = r;
  $("#chosen-name").textContent = r.name;
  $("#step-service").hidden = false;
  $("#step-done").hidden = true;
  say(`已选中 ${r.name}（${r.phone}），请为 TA 选服务。`);
  control("svc-q", HTMLInputElement).focus();
}

function residentRow(r: RegisteredResident) {
  return h(
    "li",
    {},
    h("span", {}, h("span", { class: "who" }, r.name), ` ${r.phone}`, r.address ? ` · ${r.address}` : ""),
    h("button", { type: "button", class: "primary", onclick: () => choose(r) }, `为${r.name}预约`),
  );
}

async function find(q: string) {
  const res = await call("staff/residents", { query: q ? { q } : {} });
  const list = $("#found");
  if (!res.ok) return say(res.error.message, "err");
  list.replaceChildren(...res.data.items.map(residentRow));
  if (!res.data.items.length) {
    list.append(h("li", {}, "没有找到。可以在下面登记这位居民。"));
    ($("#register-box") as HTMLDetailsElement).open = true;
  }
}

async function register() {
  const consent = control("reg-consent", HTMLInputElement).checked;
  if (!consent) return say("请先征得居民本人同意，并勾选同意。", "warn");
  const val = (id: string) => control(id, HTMLInputElement).value.trim();
  const body = {
    name: val("reg-name"),
    phone: val("reg-phone"),
    ...(val("reg-address") ? { address: val("reg-address") } : {}),
    ...(val("reg-note") ? { note: val("reg-note") } : {}),
    consent: true as const,
  };
  const res = await call("staff/register-resident", { body });
  if (res.ok) {
    ($("#register") as HTMLFormElement).reset();
    ($("#register-box") as HTMLDetailsElement).open = false;
    $("#found").replaceChildren(residentRow(res.data));
    return choose(res.data);
  }
  if (res.error.code === "RESIDENT_ALREADY_REGISTERED") {
    say("这个电话已经登记过了，下面是这位居民。", "warn");
    return find(body.phone.replace(/\D/g, "").slice(-4));
  }
  say(res.error.message, "err");
}

function serviceRow(l: Listing) {
  const li = h(
    "li",
    {},
    h("span", {}, h("span", { class: "who" }, l.title), ` · ${l.community} · 志愿者 ${l.volunteer.name}`),
  );
  const book = h("button", { type: "button", class: "primary" }, "预约");
  book.addEventListener("click", () => void (l.schedule ? pickSession(l, li) : bookFor(l, undefined)));
  li.append(book);
  return li;
}

async function pickSession(l: Listing, li: HTMLElement) {
  const res = await call("listings/sessions", { params: { id: l.id } });
  if (!res.ok) return say(res.error.message, "err");
  const open = res.data.items.filter((s) => s.status === "open").slice(0, 6);
  if (!open.length) return say("这项服务近期没有可预约的场次。", "warn");
  li.append(
    h(
      "div",
      { class: "row" },
      ...open.map((s) =>
        h(
          "button",
          { type: "button", onclick: () => void bookFor(l, s.id) },
          `${whenOf(s.startsAt)}（剩 ${Math.max(0, s.capacity - s.seatsTaken)} 位）`,
        ),
      ),
    ),
  );
}

async function bookFor(l: Listing, sessionId: string | undefined) {
  if (!chosen) return say("请先选择居民。", "warn");
  const who = chosen;
  const res = await call("bookings/create", {
    params: { id: l.id },
    body: { onBehalfOf: who.id, ...(sessionId ? { sessionId } : {}) },
    headers: { "idempotency-key": `staff-${who.id}-${l.id}-${sessionId ?? ""}` },
  });
  if (!res.ok) return say(res.error.message, "err");
  const b = res.data;
  $("#step-done").hidden = false;
  $("#done").replaceChildren(
    h(
      "p",
      {},
      `已为 ${who.name} 预约「${b.listingTitle}」，状态：${STATUS_LABEL[b.status]}。核销码 `,
      h("strong", {}, b.completionCode ?? ""),
      "。",
    ),
    h(
      "a",
      { class: "btn btn-primary btn-big", href: `/staff/slip/?id=${encodeURIComponent(b.id)}` },
      "打印预约单",
    ),
  );
  say(`预约成功：${who.name} · ${b.listingTitle}`);
  void loadMine();
}

async function act(id: string, action: "cancel" | "confirm") {
  const res =
    action === "cancel"
      ? await call("bookings/cancel", { params: { id } })
      : await call("bookings/confirm", { params: { id }, body: {} });
  if (!res.ok) return say(res.error.message, "err");
  say(action === "cancel" ? "已取消。" : "已确认服务完成。");
  void loadMine();
}

/** A second press confirms: no pop-up dialog. */
function twoStep(label: string, sure: string, run: () => void) {
  const b = h("button", { type: "button" }, label);
  b.addEventListener("click", () => {
    if (b.dataset.armed) return run();
    b.dataset.armed = "1";
    b.textContent = sure;
  });
  return b;
}

async function loadMine() {
  const res = await call("staff/bookings");
  const list = $("#mine");
  if (!res.ok) return list.replaceChildren(h("li", {}, res.error.message));
  if (!res.data.items.length) return list.replaceChildren(h("li", {}, "还没有代约的预约。"));
  list.replaceChildren(
    ...res.data.items.map((b) => {
      const live = b.status === "requested" || b.status === "accepted" || b.status === "waitlisted";
      return h(
        "li",
        {},
        h(
          "span",
          {},
          h("span", { class: "who" }, b.residentName ?? ""),
          ` · ${b.listingTitle} · ${STATUS_LABEL[b.status]}${b.startsAt ? ` · ${whenOf(b.startsAt)}` : ""}`,
        ),
        h(
          "span",
          { class: "row" },
          h("a", { class: "btn", href: `/staff/slip/?id=${encodeURIComponent(b.id)}` }, "预约单"),
          live ? twoStep("取消", "确定取消？再按一次", () => void act(b.id, "cancel")) : null,
          b.status === "accepted"
            ? twoStep("确认完成", "确定已服务？再按一次", () => void act(b.id, "confirm"))
            : null,
        ),
      );
    }),
  );
}

/** 本居委会电话: kept per community (every desk's slip and the family page show it), saved on change. */
async function committeePhone(community: string | undefined) {
  const field = control("jwh-phone", HTMLInputElement);
  field.addEventListener("change", async () => {
    const saved = await call("staff/community", { body: { phone: field.value } });
    if (!saved.ok) return say(saved.error.message, "err");
    field.value = saved.data.phone;
    say(`已保存：${saved.data.community}的居委会电话 ${saved.data.phone}`);
  });
  const res = await call("communities/list", { fresh: true });
  const mine = res.ok ? res.data.items.find((c) => c.name === community) : undefined;
  if (mine?.phone && !field.value) field.value = mine.phone;
}

if (user) {
  $("#content").hidden = false;
  $("#who").textContent = `${user.name} · ${user.community ?? "未设置社区"}`;
  void committeePhone(user.community);
  $("#find").addEventListener("submit", (e) => {
    e.preventDefault();
    void find(control("find-q", HTMLInputElement).value.trim());
  });
  $("#register").addEventListener("submit", (e) => {
    e.preventDefault();
    void register();
  });
  $("#svc").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = control("svc-q", HTMLInputElement).value.trim();
    void call("listings/list", { query: { ...(q ? { q } : {}), limit: 10 } }).then((res) => {
      if (!res.ok) return say(res.error.message, "err");
      $("#services").replaceChildren(
        ...(res.data.items.length ? res.data.items.map(serviceRow) : [h("li", {}, "没有找到这项服务。")]),
      );
    });
  });
  void loadMine();
}
