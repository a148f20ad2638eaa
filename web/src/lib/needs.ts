/** Needs (群众点单) in the storefront: words for their states, and the 发布需求 link prefilled from a search. */
import { CATEGORIES, type CategorySlug } from "../../../shared/categories.ts";
import type { Need } from "../../../shared/needs.ts";
import { WORD_GROUPS } from "../../../shared/search/words.ts";

export const NEED_STATUS_LABEL: Record<Need["status"], string> = {
  open: "等志愿者接单",
  claimed: "志愿者已接单",
  fulfilled: "已完成",
  cancelled: "已取消",
  expired: "已结束",
};

export const PART_LABEL = { morning: "上午", afternoon: "下午", evening: "晚上", any: "时间都行" } as const;

/**
 * The category a resident's words most likely mean, from the search's one word list
 * (shared/search/words.ts) and the categories' own names and examples; undefined when
 * nothing hints at one.
 */
export function guessCategory(q: string): CategorySlug | undefined {
  const text = q.trim();
  if (!text) return undefined;
  const score = new Map<CategorySlug, number>();
  const hits = (words: readonly string[]) => words.filter((w) => text.includes(w) || w.includes(text)).length;
  for (const g of WORD_GROUPS)
    score.set(g.category, (score.get(g.category) ?? 0) + hits([...g.terms, ...g.words]));
  for (const c of CATEGORIES) score.set(c.slug, (score.get(c.slug) ?? 0) + hits([...c.examples, c.name]));
  let best: CategorySlug | undefined;
  let top = 0;
  for (const [slug, s] of score)
    if (s > top) {
      top = s;
      best = slug;
    }
  return best;
}

/** /needs/new/ with what she typed and the category guessed from it (or the page's own). */
export function postNeedHref(q: string, category?: string): string {
  const p = new URLSearchParams();
  if (q) p.set("q", q);
  const c = category ?? guessCategory(q);
  if (c) p.set("category", c);
  return `/needs/new/${p.size ? `?${p}` : ""}`;
}
