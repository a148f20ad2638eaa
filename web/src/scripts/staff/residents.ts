/**
 * 第一步 of the worker's console: find the resident by name or the phone's last 4
 * digits, or register them (with their consent); the one chosen is who the console
 * books for.
 */
import { staffEraseResident, staffRegisterResident, staffResidents } from "../../../../shared/routes.ts";
import type { RegisteredResident } from "../../../../shared/staff.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { say } from "../msg.ts";

let chosen: RegisteredResident | null = null;

/** The resident the console books for now, if one is chosen. */
export const chosenResident = () => chosen;

function choose(r: RegisteredResident) {
  chosen = r;
  $("#chosen-name").textContent = r.name;
  $("#step-service").hidden = false;
  $("#step-done").hidden = true;
  say(`已选中 ${r.name}（${r.phone}），请为 TA 选服务。`);
  control("svc-q", HTMLInputElement).focus();
}

/**
 * 撤销登记 (PIPL, DELETE /api/staff/residents/{id}): in two presses, no pop-up; the
 * resident's name, phone, address and notes are erased, their live bookings cancelled.
 */
function withdrawButton(r: RegisteredResident, row: HTMLElement) {
  const b = h("button", { type: "button" }, "撤销登记");
  b.addEventListener("click", async () => {
    if (!b.dataset.armed) {
      b.dataset.armed = "1";
      b.textContent = "确定删除 TA 的信息？再按一次";
      return;
    }
    const res = await call(staffEraseResident, { params: { id: r.id } });
    if (!res.ok) return say(res.error.message, "err");
    if (chosen?.id === r.id) {
      chosen = null;
      $("#step-service").hidden = true;
    }
    row.replaceChildren(h("span", {}, "已撤销登记，这位居民的个人信息已删除。"));
    say("已撤销登记，这位居民的个人信息已删除。");
  });
  return b;
}

function residentRow(r: RegisteredResident) {
  const row = h(
    "li",
    { "data-resident": r.id },
    h("span", {}, h("span", { class: "who" }, r.name), ` ${r.phone}`, r.address ? ` · ${r.address}` : ""),
    h("button", { type: "button", class: "primary", onclick: () => choose(r) }, `为${r.name}预约`),
  );
  row.append(withdrawButton(r, row));
  return row;
}

async function find(q: string) {
  const res = await call(staffResidents, { query: q ? { q } : {} });
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
  const res = await call(staffRegisterResident, { body });
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

export function mountResidents(): void {
  $("#find").addEventListener("submit", (e) => {
    e.preventDefault();
    void find(control("find-q", HTMLInputElement).value.trim());
  });
  $("#register").addEventListener("submit", (e) => {
    e.preventDefault();
    void register();
  });
}
