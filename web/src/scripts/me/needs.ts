/** 我的需求 on 我的预约 (components/me/MyNeeds.astro): what she asked for, and who is coming. */
import type { Need } from "../../../../shared/needs.ts";
import { meNeeds, needsCancel } from "../../../../shared/routes.ts";
import { call } from "../../lib/client.ts";
import { $, h } from "../../lib/dom.ts";
import { day } from "../../lib/format.ts";
import { NEED_STATUS_LABEL, PART_LABEL } from "../../lib/needs.ts";
import { say } from "../msg.ts";

function nextStep(n: Need): string {
  switch (n.status) {
    case "open":
      return "正在等本社区的志愿者接单。有人接单时会短信告诉您。";
    case "claimed":
      return `志愿者${n.claimedBy?.name ?? ""}接了您的需求，会打电话和您约时间。核销码在上面“我加入的服务”里，服务做完时告诉志愿者。`;
    case "fulfilled":
      return "服务已完成，谢谢您。可以在上面给志愿者打个分。";
    case "cancelled":
      return n.hidden ? "这个需求不符合发布要求，已被隐藏。" : "您已取消这个需求。";
    case "expired":
      return "三天没有志愿者接单，需求已结束。请打居委会电话，社区帮您想办法。";
  }
}

function needItem(n: Need, reload: () => Promise<void>): HTMLLIElement {
  const cancel =
    n.status === "open" ? h("button", { type: "button", "data-need-cancel": n.id }, "取消这个需求") : null;
  cancel?.addEventListener("click", async () => {
    if (!cancel.dataset.armed) {
      cancel.dataset.armed = "1";
      cancel.textContent = "确定取消？再点一次";
      return;
    }
    const res = await call(needsCancel, { params: { id: n.id } });
    if (!res.ok) return say(res.error.message, "err");
    say("已取消这个需求。");
    await reload();
  });
  return h(
    "li",
    { class: `card-box booking need s-${n.status}`, "data-need": n.id },
    h("h3", {}, n.title),
    h(
      "p",
      {},
      h(
        "span",
        { class: `tag status ${n.status === "fulfilled" ? "completed" : "accepted"}` },
        NEED_STATUS_LABEL[n.status],
      ),
    ),
    n.claimedBy ? h("p", {}, h("strong", { class: "coming" }, `接单志愿者：${n.claimedBy.name}`)) : null,
    h("p", { class: "next" }, nextStep(n)),
    h(
      "p",
      { class: "muted" },
      `发布于 ${day(n.createdAt)}${n.when ? ` · 希望 ${n.when.date} ${PART_LABEL[n.when.part]}` : ""}`,
    ),
    cancel ? h("div", { class: "row" }, cancel) : null,
  );
}

export async function loadNeeds(): Promise<void> {
  const res = await call(meNeeds);
  if (!res.ok) return say(res.error.message, "err");
  const items = res.data.items;
  $("#needs").replaceChildren(
    ...(items.length
      ? items.map((n) => needItem(n, loadNeeds))
      : [h("li", { class: "card-box" }, "您还没有发布过需求。找不到想要的服务时，可以发布需求。")]),
  );
}
