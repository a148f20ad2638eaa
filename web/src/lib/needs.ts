/** Needs (群众点单) in the storefront: words for their states, and the 发布需求 link prefilled from a search. */
import { CATEGORIES, type CategorySlug } from "../../../shared/categories.ts";
import type { Need } from "../../../shared/needs.ts";

export const NEED_STATUS_LABEL: Record<Need["status"], string> = {
  open: "等志愿者接单",
  claimed: "志愿者已接单",
  fulfilled: "已完成",
  cancelled: "已取消",
  expired: "已结束",
};

export const PART_LABEL = { morning: "上午", afternoon: "下午", evening: "晚上", any: "时间都行" } as const;

/** Everyday words that point to a category (a small list for the guess; search has the full one). */
const HINTS: Record<CategorySlug, string[]> = {
  convenience: ["修", "理发", "剪头", "打扫", "家电", "水龙头", "灯", "电视", "空调", "疏通", "换"],
  eco: ["垃圾", "分类", "河道", "旧物"],
  donation: ["捐", "衣物", "图书"],
  pairing: ["陪", "结对", "独居", "就医", "看病", "买菜", "代购"],
  counseling: ["咨询", "法律", "心理", "辅导", "作业", "手机", "微信"],
  health: ["血压", "血糖", "健康", "康复", "体检", "量"],
  culture: ["书法", "舞", "观影", "唱"],
  safety: ["诈骗", "巡", "消防", "安全"],
};

/** The category a resident's words most likely mean; undefined when nothing hints at one. */
export function guessCategory(q: string): CategorySlug | undefined {
  let best: CategorySlug | undefined;
  let score = 0;
  for (const c of CATEGORIES) {
    const words = [...HINTS[c.slug], ...c.examples, c.name];
    const s = words.filter((w) => q.includes(w) || w.includes(q)).length;
    if (s > score) {
      score = s;
      best = c.slug;
    }
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
