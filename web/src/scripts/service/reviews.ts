/** A listing's reviews on its service page, newest first, "看更多评价" with the API cursor. */
import { reviewsList } from "../../../../shared/routes.ts";
import type { Review } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, h } from "../../lib/dom.ts";
import { day, FACES, starRow } from "../../lib/format.ts";

function reviewItem(r: Review): HTMLLIElement {
  return h(
    "li",
    { class: "card-box review" },
    h(
      "p",
      {},
      h("span", { class: "stars", "aria-label": `${r.stars} 星` }, starRow(r.stars)),
      h("span", { "aria-hidden": "true" }, ` ${FACES[r.stars - 1] ?? ""} `),
      h("strong", {}, r.residentName),
      h("span", { class: "muted" }, ` · ${day(r.createdAt)}`),
    ),
    r.comment ? h("p", { class: "comment" }, r.comment) : null,
    r.reply ? h("p", { class: "reply" }, h("strong", {}, "志愿者回复："), r.reply) : null,
  );
}

export function mountReviews(listingId: string): Promise<void> {
  const list = $("#reviews");
  const more = $("#more-reviews");
  let cursor: string | null = null;

  async function load(reset: boolean): Promise<void> {
    const res = await call(reviewsList, {
      params: { id: listingId },
      query: !reset && cursor ? { cursor } : {},
    });
    if (!res.ok) {
      if (reset) list.replaceChildren(h("li", { class: "muted" }, res.error.message));
      return;
    }
    const page = res.data;
    if (reset) list.replaceChildren();
    list.append(...page.items.map(reviewItem));
    if (reset && !page.items.length)
      list.append(h("li", { class: "muted" }, "还没有评价。服务完成后，居民可以打分。"));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }

  more.addEventListener("click", () => void load(false));
  return load(true);
}
