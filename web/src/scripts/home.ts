/** The home page: live counts on the category tiles, 我附近的服务 by community, 新上架, 好评服务, the month's ranking. */
import { categoriesList, listingsList, rankingsList } from "../../../shared/routes.ts";
import type { Listing } from "../../../shared/schemas.ts";
import { listingCard } from "../lib/cards.ts";
import { call } from "../lib/client.ts";
import { COMMUNITY_KEY, fillCommunities } from "../lib/communities.ts";
import { $, control, h } from "../lib/dom.ts";

function fill(list: HTMLElement, items: Listing[], empty: string) {
  list.replaceChildren(...(items.length ? items.map(listingCard) : [h("li", { class: "muted" }, empty)]));
}

async function counts() {
  const res = await call(categoriesList);
  if (!res.ok) return;
  for (const c of res.data.items) {
    const el = document.querySelector(`[data-count="${c.slug}"]`);
    if (el) el.textContent = `${c.listingCount} 项`;
  }
}

const select = control("community", HTMLSelectElement);
async function near() {
  const community = select.value;
  localStorage.setItem(COMMUNITY_KEY, community);
  const list = $("#near-list");
  const more = $("#near-more");
  if (!community) {
    list.replaceChildren();
    more.textContent = "选好社区，就能看到离您最近的服务。";
    return;
  }
  const res = await call(listingsList, { query: { community, limit: 4 } });
  fill(list, res.ok ? res.data.items : [], "这个社区暂时还没有服务，看看下面的新服务吧。");
  more.replaceChildren(
    h("a", { href: `/search/?community=${encodeURIComponent(community)}` }, `查看${community}的全部服务`),
  );
}

async function shelf(id: string, sort: "new" | "rating", empty: string, failed: string) {
  const res = await call(listingsList, { query: { sort, limit: 4 } });
  fill($(id), res.ok ? res.data.items : [], res.ok ? empty : failed);
}

async function ranking() {
  const list = $("#ranking");
  const res = await call(rankingsList, { query: { by: "volunteer", period: "month" } });
  if (!res.ok) return list.replaceChildren(h("li", { class: "muted" }, "排行榜暂时无法显示。"));
  const rows = res.data.items
    .slice(0, 5)
    .map((r) =>
      h(
        "li",
        {},
        h("a", { href: `/shop/?id=${encodeURIComponent(r.id)}` }, r.name),
        h("span", { class: "muted" }, ` 服务 ${r.hoursServed} 小时 · ${r.completedCount} 次`),
      ),
    );
  list.replaceChildren(...(rows.length ? rows : [h("li", { class: "muted" }, "本月还没有记录。")]));
}

select.addEventListener("change", () => void near());
void counts();
void shelf("#new-list", "new", "还没有服务。", "加载失败，请刷新再试。");
void fillCommunities(select, localStorage.getItem(COMMUNITY_KEY) ?? "").then(near);
void shelf("#top-list", "rating", "还没有评价。", "加载失败。");
void ranking();
