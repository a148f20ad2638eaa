/** 需求大厅 (pages/volunteer/needs): my community's open needs, then the district's; 接单 on each. */
import type { Need } from "../../../../shared/needs.ts";
import { needsClaim, needsList } from "../../../../shared/routes.ts";
import { CategorySchema } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { categoryOf, day } from "../../lib/format.ts";
import { PART_LABEL } from "../../lib/needs.ts";
import { gate } from "../gate.ts";
import { say } from "../msg.ts";

const user = gate(["volunteer"], "/volunteer/needs/", () => "需求大厅由志愿者接单。");
const category = control("board-category", HTMLSelectElement);

function claimed(li: HTMLElement, n: Need, phone: string, address: string) {
  li.replaceChildren(
    h("h3", {}, n.title),
    h(
      "div",
      { class: "notice ok", role: "status" },
      h("p", {}, h("strong", {}, `已接单。请尽快给${n.residentName}打电话约时间：`)),
      h("p", {}, h("a", { href: `tel:${phone}` }, phone), address ? ` · 地址：${address}` : ""),
      h("p", {}, "服务做完时，请居民告诉您核销码，在", h("a", { href: "/volunteer/" }, "工作台"), "里完成。"),
    ),
  );
}

function needRow(n: Need): HTMLLIElement {
  const c = categoryOf(n.category);
  const li = h(
    "li",
    { class: "card-box", "data-need": n.id },
    h("h3", {}, n.title),
    h(
      "p",
      {},
      h("span", { class: "tag" }, `${c?.icon ?? ""} ${c?.name ?? n.category}`),
      ` ${n.community} · ${n.residentName} · ${n.mode === "door" ? "上门" : "到社区服务点"}`,
    ),
    n.description ? h("p", {}, n.description) : null,
    h(
      "p",
      { class: "muted" },
      `发布于 ${day(n.createdAt)}${n.when ? ` · 希望 ${n.when.date} ${PART_LABEL[n.when.part]}` : ""}`,
    ),
  );
  const take = h("button", { type: "button", class: "primary btn-big" }, "接单");
  take.addEventListener("click", async () => {
    take.disabled = true;
    const res = await call(needsClaim, { params: { id: n.id } });
    if (!res.ok) {
      take.disabled = false;
      say(
        res.error.code === "ALREADY_CLAIMED"
          ? "这个需求刚被别的志愿者接了，看看其他的吧。"
          : res.error.message,
        "err",
      );
      if (res.error.code === "ALREADY_CLAIMED") li.remove();
      return;
    }
    say(`已接单：${n.title}`);
    claimed(li, res.data.need, res.data.booking.phone, res.data.booking.address);
  });
  li.append(take);
  return li;
}

async function fill(target: string, query: { community?: string }, skip: Set<string>) {
  const c = CategorySchema.safeParse(category.value);
  const res = await call(needsList, { query: { ...query, ...(c.success ? { category: c.data } : {}) } });
  if (!res.ok) return say(res.error.message, "err");
  const items = res.data.items.filter((n) => !skip.has(n.id));
  for (const n of items) skip.add(n.id);
  $(target).replaceChildren(
    ...(items.length ? items.map(needRow) : [h("li", { class: "muted" }, "现在没有等待接单的需求。")]),
  );
}

async function load() {
  const seen = new Set<string>();
  if (user?.community) await fill("#board-mine", { community: user.community }, seen);
  else $("#board-mine").replaceChildren(h("li", { class: "muted" }, "您的账号没有填写社区。"));
  // The district's board: every community's open needs, oldest first (those shown above left out).
  await fill("#board-all", {}, seen);
}

if (user) {
  $("#content").hidden = false;
  category.addEventListener("change", () => void load());
  void load();
}
