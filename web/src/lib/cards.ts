/** The shop-style product card for a listing, built with textContent only; and its placeholder while loading. */
import type { Listing } from "../../../shared/schemas.ts";
import { h } from "./dom.ts";
import { categoryOf, MODE_LABEL, seats, stars } from "./format.ts";
import { thumbImg } from "./photos.ts";

export const listingCard = (l: Listing): HTMLLIElement => card(l, false);

/** How many cards a phone shows on the first screen (a row of two; one in 长辈模式). */
export const FIRST_SCREEN_CARDS = 2;

/** The cards of a list that opens its page: the first screen's thumbs load at once, the others lazily. */
export const firstScreenCards = (items: readonly Listing[]): HTMLLIElement[] =>
  items.map((l, i) => card(l, i < FIRST_SCREEN_CARDS));

function card(l: Listing, first: boolean): HTMLLIElement {
  const s = seats(l);
  return h(
    "li",
    {},
    h(
      "a",
      { class: "card", href: `/service/?id=${encodeURIComponent(l.id)}`, "data-listing": l.id },
      h(
        "span",
        { class: "card-pic", "aria-hidden": "true" },
        l.photos[0] ? thumbImg(l.photos[0], true, first) : (categoryOf(l.category)?.icon ?? "🤝"),
      ),
      h(
        "span",
        { class: "card-body" },
        h("span", { class: "card-title" }, l.title),
        h("span", { class: "card-meta" }, `${l.community} · ${MODE_LABEL[l.mode]}`),
        h(
          "span",
          { class: "row" },
          h("span", { class: s.full ? "tag full" : "tag left" }, s.text),
          h(
            "span",
            { class: l.ratingCount ? "stars" : "muted card-meta" },
            stars(l.ratingAvg, l.ratingCount),
          ),
        ),
        h("span", { class: "card-meta" }, `志愿者 ${l.volunteer.name}`),
      ),
    ),
  );
}

/**
 * Cards' places while a list loads, as tall as real cards, so nothing below jumps
 * when they arrive. The first says 正在加载… (the class `loading` marks the state).
 */
export function placeholderCards(n: number): HTMLLIElement[] {
  return Array.from({ length: n }, (_, i) =>
    h("li", { class: "loading card-placeholder", "aria-hidden": i ? "true" : null }, i ? "" : "正在加载…"),
  );
}
