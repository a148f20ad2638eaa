/**
 * Shop-style results (components/Browse.astro): sort, filter by community and kind,
 * "看更多" with the API cursor, and an honest empty state (a search that found
 * nothing is recorded as unmet demand).
 */
import * as z from "zod/mini";
import { CATEGORIES } from "../../../shared/categories.ts";
import { listingsList, searchesMiss, searchSuggest } from "../../../shared/routes.ts";
import { CategorySchema, Kind, Sort } from "../../../shared/schemas.ts";
import { firstScreenCards, listingCard, placeholderCards } from "../lib/cards.ts";
import { type CallArgs, call } from "../lib/client.ts";
import { COMMUNITY_KEY, fillCommunities, preselect } from "../lib/communities.ts";
import { $, control, h } from "../lib/dom.ts";
import { postNeedHref } from "../lib/needs.ts";

type Query = NonNullable<CallArgs<typeof listingsList>["query"]>;

const box = $(".browse");
const category = CategorySchema.safeParse(box.dataset.category);
const url = new URLSearchParams(location.search);
const q = (url.get("q") ?? "").trim();
const sort = control("sort", HTMLSelectElement);
const community = control("f-community", HTMLSelectElement);
const kind = control("kind", HTMLSelectElement);
const results = $("#results");
const more = control("more", HTMLButtonElement);
const summary = $("#summary");
let cursor: string | null = null;
let shown = 0;

sort.value = url.get("sort") ?? "new";
kind.value = url.get("kind") ?? "";
// The 社区 chosen anywhere (home, the calendar, here) carries over, unless the address names one.
const chosen = url.get("community") ?? localStorage.getItem(COMMUNITY_KEY) ?? "";
preselect(community, chosen);
void fillCommunities(community, chosen);

function query(): Query {
  const k = Kind.safeParse(kind.value);
  return {
    ...(category.success ? { category: category.data } : {}),
    ...(q ? { q } : {}),
    ...(community.value ? { community: community.value } : {}),
    ...(k.success ? { kind: k.data } : {}),
    sort: z.catch(Sort, "new").parse(sort.value),
    limit: 12,
    ...(cursor ? { cursor } : {}),
  };
}

/** The category a search that found nothing most likely meant: the first the suggestions name. */
async function guessedCategory(text: string): Promise<(typeof CATEGORIES)[number] | undefined> {
  const res = await call(searchSuggest, { query: { q: text } });
  const slug = res.ok ? res.data.items.find((s) => s.slug)?.slug : undefined;
  return CATEGORIES.find((c) => c.slug === slug);
}

/** 发布需求: the needs form with the search and the guessed category filled in; the nearest category beside it. */
async function offerNeed(text: string) {
  const guess = await guessedCategory(text);
  // Nothing fits: she can ask for it (群众点单), with what she typed.
  const post = h(
    "a",
    { class: "btn btn-big btn-primary", href: postNeedHref(text, guess?.slug), id: "post-need" },
    "发布需求，请志愿者来帮忙",
  );
  $("#empty-actions").replaceChildren(
    post,
    ...(guess
      ? [
          h(
            "p",
            { id: "nearest" },
            "最接近的分类：",
            h("a", { class: "btn", href: `/category/${guess.slug}/` }, `${guess.icon} ${guess.name}`),
          ),
        ]
      : []),
  );
}

function emptyState() {
  $("#empty").hidden = false;
  const where = community.value ? `在${community.value}` : "";
  $("#empty-text").textContent = q
    ? `${where}暂时没有找到和「${q}」有关的服务。别着急：我们已经记下这个需求，您也可以发布需求，请志愿者来帮忙。`
    : `${where}这个分类暂时还没有服务。`;
  if (q) void offerNeed(q);
  const others = CATEGORIES.filter((c) => !category.success || c.slug !== category.data);
  $("#related").replaceChildren(
    ...others.map((c) =>
      h("li", {}, h("a", { class: "btn", href: `/category/${c.slug}/` }, `${c.icon} ${c.name}`)),
    ),
  );
  if (q) void call(searchesMiss, { body: { q } });
}

async function load(reset: boolean) {
  if (reset) {
    cursor = null;
    shown = 0;
    results.replaceChildren(...placeholderCards(4));
    $("#empty").hidden = true;
  }
  more.disabled = true;
  const res = await call(listingsList, { query: query() });
  more.disabled = false;
  if (!res.ok) {
    results.replaceChildren(h("li", { class: "notice err" }, res.error.message));
    return;
  }
  if (reset) results.replaceChildren();
  // The first page's first cards are the first screen (its largest paint): their thumbs load at once.
  results.append(...(reset ? firstScreenCards(res.data.items) : res.data.items.map(listingCard)));
  shown += res.data.items.length;
  cursor = res.data.nextCursor;
  more.hidden = !cursor;
  summary.textContent = shown ? `已显示 ${shown} 项服务${cursor ? "，还有更多" : ""}` : "";
  if (!shown) emptyState();
}

$("#filters").addEventListener("change", () => {
  localStorage.setItem(COMMUNITY_KEY, community.value);
  const p = new URLSearchParams(location.search);
  for (const [k, el] of [
    ["sort", sort],
    ["community", community],
    ["kind", kind],
  ] as const) {
    if (el.value && !(k === "sort" && el.value === "new")) p.set(k, el.value);
    else p.delete(k);
  }
  history.replaceState(null, "", `${location.pathname}${p.size ? `?${p}` : ""}`);
  void load(true);
});
$("#filters").addEventListener("submit", (e) => e.preventDefault());
more.addEventListener("click", () => void load(false));
void load(true);
