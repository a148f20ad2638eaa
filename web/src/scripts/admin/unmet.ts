/** 未满足的需求 (components/admin/Unmet.astro); each listing named there links to its page and to 管理. */
import { adminHideNeed } from "../../../../shared/routes.ts";
import type { Stats } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, h } from "../../lib/dom.ts";
import { categoryOf } from "../../lib/format.ts";

export const listOr = (el: HTMLElement, items: HTMLElement[]) =>
  el.replaceChildren(...(items.length ? items : [h("li", { class: "muted none" }, "暂无")]));

/** 隐藏 an abusive need, with a reason (the resident is told): the reason box opens in place, no pop-up. */
function hideNeedButton(x: { id: string; title: string }): HTMLElement {
  const box = h("span", {});
  const open = h(
    "button",
    { type: "button", class: "link-btn", "aria-label": `隐藏需求「${x.title}」` },
    "隐藏",
  );
  open.addEventListener("click", () => {
    const reasonId = `hide-need-${x.id}`;
    const reason = h("input", { id: reasonId, maxlength: 200, required: true });
    const go = h("button", { type: "button", class: "link-btn" }, "确认隐藏");
    go.addEventListener("click", async () => {
      const res = await call(adminHideNeed, {
        params: { id: x.id },
        body: { reason: reason.value.trim() },
      });
      box.replaceChildren(
        h("span", { class: res.ok ? "muted" : "err" }, res.ok ? "已隐藏，已告知居民" : res.error.message),
      );
    });
    box.replaceChildren(h("label", { for: reasonId }, "隐藏原因"), reason, go);
    reason.focus();
  });
  box.append(open);
  return box;
}

export function renderUnmet(st: Stats, moderate: (listingId: string) => void): void {
  const u = st.unmet;
  const serviceLink = (id: string, title: string) =>
    h(
      "span",
      {},
      h("a", { href: `/service/?id=${encodeURIComponent(id)}` }, title),
      " ",
      h(
        "button",
        { type: "button", class: "link-btn", "aria-label": `管理「${title}」`, onclick: () => moderate(id) },
        "管理",
      ),
    );
  $("#unmet-months").textContent =
    u.months.from === u.months.to
      ? `搜索和婉拒/过期按月统计：${u.months.from}`
      : `搜索和婉拒/过期按月统计：${u.months.from} 至 ${u.months.to}`;
  listOr(
    $("#misses"),
    u.searchMisses.map((m) => h("li", {}, `“${m.q}” `, h("span", { class: "muted" }, `${m.count} 次`))),
  );
  listOr(
    $("#waitlists"),
    u.waitlists.map((w) => h("li", {}, serviceLink(w.listingId, w.title), ` ${w.waitlistCount} 人候补`)),
  );
  listOr(
    $("#unanswered"),
    u.expiredOrDeclined.map((x) =>
      h(
        "li",
        {},
        serviceLink(x.listingId, x.title),
        ` 婉拒 ${x.declined} · 过期 ${x.expired}`,
        h("span", { class: "muted" }, `（${x.community}）`),
      ),
    ),
  );
  // Needs (群众点单)
  const n = st.totals.needs;
  $("#need-figures").textContent = n
    ? `发布 ${n.posted} · 被接 ${n.claimed} · 完成 ${n.fulfilled} · 过期 ${n.expired}${
        n.medianHoursToClaim === null ? "" : ` · 接单用时中位数 ${n.medianHoursToClaim} 小时`
      }`
    : "暂无";
  listOr(
    $("#unclaimed"),
    (u.unclaimedNeeds ?? []).map((x) =>
      h(
        "li",
        { "data-need": x.id },
        x.title,
        h("span", { class: "muted" }, `（${x.community} · ${categoryOf(x.category)?.name ?? ""}）`),
        " ",
        hideNeedButton(x),
      ),
    ),
  );
  $("#empty-categories").textContent = u.emptyCategories.map((c) => c.name).join("、") || "无";
  $("#empty-communities").textContent = u.emptyCommunities.join("、") || "无";
}
