import { describe, expect, it } from "vitest";
import { statsUpdates } from "./stats.ts";
import { mergeUpdates, type TransactItem } from "./transact.ts";

const fact = {
  at: new Date("2025-03-10T03:00:00Z"),
  category: "health" as const,
  community: "大关西苑社区",
  branch: "第一党支部",
  listingId: "l1",
  listingTitle: "量血压",
};

describe("mergeUpdates", () => {
  it("merges two facts' counters on the same items, summing the ADDs", () => {
    const items = [
      ...statsUpdates({ ...fact, event: "cancelled", from: "requested" }),
      ...statsUpdates({ ...fact, event: "promoted", from: "waitlisted" }),
    ] as TransactItem[];
    const merged = mergeUpdates(items);
    const keys = merged.map((i) => JSON.stringify(i.Update?.Key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(merged.length).toBe(4); // 3 dimensions + the waitlist gauge
    const first = merged[0]?.Update as {
      UpdateExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    };
    const names = Object.values(first.ExpressionAttributeNames);
    expect(names).toEqual(
      expect.arrayContaining(["cancelled", "promoted", "cancelledFrom_requested", "day"]),
    );
  });

  it("sums the same counter and leaves other items alone", () => {
    const a = statsUpdates({ ...fact, event: "requested" }) as TransactItem[];
    const merged = mergeUpdates([{ Put: { TableName: "t", Item: { pk: "x" } } }, ...a, ...a]);
    expect(merged).toHaveLength(4);
    const u = merged[1]?.Update as {
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    };
    const alias = Object.entries(u.ExpressionAttributeNames).find(
      ([, v]) => v === "requested",
    )?.[0] as string;
    const expr = String(merged[1]?.Update?.UpdateExpression);
    const valueAlias = new RegExp(`${alias} (:v\\d+)`).exec(expr)?.[1] as string;
    expect(u.ExpressionAttributeValues[valueAlias]).toBe(2);
  });

  it("refuses to merge conditional updates", () => {
    const u = {
      TableName: "t",
      Key: { pk: "a", sk: "b" },
      UpdateExpression: "ADD #a :v0",
      ConditionExpression: "x",
    };
    expect(() => mergeUpdates([{ Update: u }, { Update: u }])).toThrow(/cannot merge/);
  });
});
