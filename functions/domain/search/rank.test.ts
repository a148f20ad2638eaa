import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SearchDoc } from "./doc.ts";
import { prepare, rank, rankTop } from "./rank.ts";
import { suggest } from "./suggest.ts";

const now = new Date("2026-12-02T04:00:00.000Z");
let n = 0;
const doc = (over: Partial<SearchDoc>): SearchDoc => ({
  id: `l${++n}`,
  title: "社区服务",
  description: "",
  category: "convenience",
  community: "大关西苑社区",
  kind: "on_demand",
  full: false,
  scheduled: false,
  createdAt: `2026-11-${String(10 + n).padStart(2, "0")}T00:00:00.000Z`,
  ratingAvg: 0,
  ratingCount: 0,
  completedCount: 0,
  ...over,
});
const titles = (docs: SearchDoc[], q: string, f: Parameters<typeof rank>[2] = { sort: "new" }) =>
  rank(docs.map(prepare), q, f, now).map((d) => d.title);

describe("ranking", () => {
  it("puts a title match before a description match, and the exact word before a synonym, pinyin and homophones", () => {
    const docs = [
      doc({ title: "理发用品捐赠", category: "donation", description: "旧推子、梳子" }), // exact in title (理发)
      doc({ title: "老人剪发", description: "" }), // a synonym in the title (剪发 for 理发)
      doc({ title: "社区服务日", description: "现场有义务理发" }), // exact in the description
    ];
    expect(titles(docs, "理发")).toEqual(["理发用品捐赠", "社区服务日", "老人剪发"]);
    const sounds = [doc({ title: "剪发" }), doc({ title: "理发" }), doc({ title: "立法讲堂" })];
    expect(titles(sounds, "lifa")).toEqual(["理发", "立法讲堂", "剪发"]);
    expect(titles(sounds, "理法")[0]).toBe("理发");
  });

  it("puts a listing one can still join before a full one or a past event", () => {
    const docs = [
      doc({ title: "义务理发 满", full: true }),
      doc({ title: "义务理发 已开始", kind: "event", startsAt: "2026-12-01T01:00:00.000Z" }),
      doc({ title: "义务理发 有空位" }),
    ];
    expect(titles(docs, "理发")[0]).toBe("义务理发 有空位");
  });

  it("keeps the filters and the sort with a query", () => {
    const docs = [
      doc({ title: "义务理发 甲", community: "小河社区", ratingAvg: 4 }),
      doc({ title: "义务理发 乙", kind: "event", ratingAvg: 5 }),
      doc({ title: "义务理发 丙", category: "pairing", completedCount: 9 }),
    ];
    expect(titles(docs, "理发", { sort: "new", community: "小河社区" })).toEqual(["义务理发 甲"]);
    expect(titles(docs, "理发", { sort: "new", kind: "event" })).toEqual(["义务理发 乙"]);
    expect(titles(docs, "理发", { sort: "new", category: "pairing" })).toEqual(["义务理发 丙"]);
    expect(titles(docs, "理发", { sort: "rating" })).toEqual(["义务理发 乙", "义务理发 甲", "义务理发 丙"]);
    expect(titles(docs, "理发", { sort: "popular" })[0]).toBe("义务理发 丙");
  });

  it("needs every word of a query with spaces, and takes typed pinyin with spaces as one", () => {
    const docs = [doc({ title: "义务理发", community: "小河社区" }), doc({ title: "家电维修" })];
    expect(titles(docs, "义务 潜水")).toEqual([]);
    expect(titles(docs, "义务 小河")).toEqual([]);
    expect(titles(docs, "维修 家电")).toEqual(["家电维修"]);
    expect(titles(docs, "Li Fa")).toEqual(["义务理发"]);
  });

  it("suggests listings, then categories, then words; at most 8", () => {
    const docs = [doc({ title: "义务理发" }), doc({ title: "家电维修" })].map(prepare);
    const items = suggest(docs, "剪头", now);
    expect(items[0]).toEqual({
      text: "义务理发",
      kind: "listing",
      id: expect.any(String),
      slug: "convenience",
    });
    expect(items).toContainEqual({ text: "便民利民", kind: "category", slug: "convenience" });
    expect(items).toContainEqual({ text: "剪头发", kind: "word", slug: "convenience" });
    expect(items.length).toBeLessThanOrEqual(8);
    expect(suggest(docs, "x", now).length).toBeLessThanOrEqual(8);
    expect(suggest(docs, "🙂", now)).toEqual([]);
  });

  it("picks the k best as the whole ranking's first k, for any docs, query, filters and k", () => {
    const words = [
      "义务理发",
      "剪头",
      "家电维修",
      "修电视",
      "lifa",
      "jd",
      "li",
      "理法",
      "社区",
      "陪诊",
      "满",
    ];
    const anyDoc = fc.record({
      title: fc.constantFrom(...words, "广场舞教学", "立法讲堂", "书法课"),
      description: fc.constantFrom("", "现场有义务理发", "电视、洗衣机", "陪同就医"),
      community: fc.constantFrom("小河社区", "大关西苑社区"),
      kind: fc.constantFrom("on_demand" as const, "event" as const),
      full: fc.boolean(),
      ratingAvg: fc.integer({ min: 0, max: 5 }),
      completedCount: fc.integer({ min: 0, max: 3 }),
      createdAt: fc.constantFrom("2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z"),
    });
    fc.assert(
      fc.property(
        fc.array(anyDoc, { maxLength: 40 }),
        fc.option(fc.constantFrom(...words), { nil: undefined }),
        fc.record({ sort: fc.constantFrom("new" as const, "rating" as const, "popular" as const) }),
        fc.integer({ min: 0, max: 6 }),
        (made, q, f, k) => {
          const docs = made.map((d) => prepare(doc(d)));
          expect(rankTop(docs, q, f, now, k).map((d) => d.id)).toEqual(
            rank(docs, q, f, now)
              .slice(0, k)
              .map((d) => d.id),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
