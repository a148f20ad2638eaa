/** The 8 fixed service categories (DESIGN.md). Everything reads this list. */
export const CATEGORIES = [
  { slug: "convenience", name: "便民利民", icon: "🏠", examples: ["义务理发", "家电维修", "周末上门打扫"] },
  { slug: "eco", name: "环保公益", icon: "🌱", examples: ["垃圾分类指导", "河道清洁", "旧物改造"] },
  { slug: "donation", name: "爱心捐赠", icon: "🎁", examples: ["衣物捐赠", "图书漂流", "助学捐赠"] },
  { slug: "pairing", name: "帮扶结对", icon: "🤝", examples: ["独居老人结对", "困难家庭帮扶", "陪伴就医"] },
  {
    slug: "counseling",
    name: "咨询辅导",
    icon: "💬",
    examples: ["法律咨询", "心理疏导", "课业辅导", "智能手机教学"],
  },
  { slug: "health", name: "医疗健康", icon: "🩺", examples: ["量血压测血糖", "健康讲座", "康复指导"] },
  { slug: "culture", name: "文体活动", icon: "🎨", examples: ["书法课", "广场舞教学", "社区观影"] },
  { slug: "safety", name: "平安守护", icon: "🛡️", examples: ["防诈骗宣传", "夜间巡防", "消防检查"] },
] as const;

export type Category = (typeof CATEGORIES)[number];
export type CategorySlug = Category["slug"];

export const CATEGORY_SLUGS = CATEGORIES.map((c) => c.slug) as [CategorySlug, ...CategorySlug[]];

const bySlug = new Map<string, Category>(CATEGORIES.map((c) => [c.slug, c]));

export function categoryName(slug: string): string | undefined {
  return bySlug.get(slug)?.name;
}

export function isCategory(slug: string): slug is CategorySlug {
  return bySlug.has(slug);
}
