import { describe, expect, it } from "vitest";
import {
  applyPatch,
  indexAttributes,
  type ListingItem,
  nextStatusAllowed,
  ratingAvg,
  reorderPhotos,
} from "./item.ts";

const base = (): ListingItem => ({
  id: "l1",
  title: "义务理发",
  description: "",
  category: "convenience",
  kind: "on_demand",
  community: "长乐社区",
  mode: "venue",
  capacity: 3,
  seatsTaken: 2,
  waitlistCount: 0,
  status: "published",
  volunteerId: "v1",
  volunteerName: "王",
  volunteerBranch: "",
  ratingSum: 9,
  ratingCount: 2,
  completedCount: 4,
  version: 3,
  photos: [],
  pendingPhotos: [],
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
});

describe("listing rules", () => {
  it("allows only forward status moves; closed is final", () => {
    expect(nextStatusAllowed("draft", "published")).toBe(true);
    expect(nextStatusAllowed("published", "paused")).toBe(true);
    expect(nextStatusAllowed("paused", "published")).toBe(true);
    expect(nextStatusAllowed("published", "draft")).toBe(false);
    expect(nextStatusAllowed("closed", "published")).toBe(false);
  });

  it("refuses a capacity below the seats taken and an event without a start", () => {
    expect(() => applyPatch(base(), { capacity: 1 }, new Date())).toThrow(
      expect.objectContaining({ status: 409 }),
    );
    expect(() => applyPatch({ ...base(), kind: "event" }, { startsAt: null }, new Date())).toThrow(
      expect.objectContaining({ code: "EVENT_NEEDS_START" }),
    );
  });

  it("indexes only published listings in the catalogue, always in the owner's shop", () => {
    expect(Object.keys(indexAttributes(base()))).toContain("gsi1pk");
    const draft = indexAttributes({ ...base(), status: "draft" });
    expect(Object.keys(draft).sort()).toEqual(["gsi7pk", "gsi7sk"]);
  });

  it("averages ratings to one decimal and orders the rating index by them", () => {
    expect(ratingAvg(9, 2)).toBe(4.5);
    expect(ratingAvg(0, 0)).toBe(0);
    const better = indexAttributes({ ...base(), ratingSum: 10, ratingCount: 2 }).gsi3sk as string;
    const worse = indexAttributes(base()).gsi3sk as string;
    expect(better > worse).toBe(true);
  });
});

describe("listing photos", () => {
  const photo = (id: string) => ({
    id,
    thumb: `/photos/${id}/t.webp`,
    full: `/photos/${id}/f.webp`,
    alt: "",
  });
  it("reorders every photo, the alt text defaulting to the title", () => {
    const out = reorderPhotos(
      [photo("a"), photo("b")],
      [
        { id: "b", alt: "" },
        { id: "a", alt: "理发前" },
      ],
      "义务理发",
    );
    expect(out.map((p) => [p.id, p.alt])).toEqual([
      ["b", "义务理发"],
      ["a", "理发前"],
    ]);
  });
  it("refuses an order that leaves out, repeats or invents a photo", () => {
    const current = [photo("a"), photo("b")];
    for (const order of [
      [{ id: "a", alt: "" }],
      [
        { id: "a", alt: "" },
        { id: "a", alt: "" },
      ],
      [
        { id: "a", alt: "" },
        { id: "c", alt: "" },
      ],
    ])
      expect(() => reorderPhotos(current, order, "t")).toThrow(/照片已有变化/);
  });
  it("a patch with photos reorders them on the listing", () => {
    const current = { ...base(), photos: [photo("a"), photo("b")] };
    const next = applyPatch(
      current,
      {
        photos: [
          { id: "b", alt: "x" },
          { id: "a", alt: "y" },
        ],
      },
      new Date(),
    );
    expect(next.photos.map((p) => p.id)).toEqual(["b", "a"]);
  });
});
