import { describe, expect, it } from "vitest";
import { failedTags, type TaggedItem, untag } from "./transact.ts";

const put = (tag: string): TaggedItem => ({ tag, Put: { TableName: "t", Item: { pk: tag, sk: "x" } } });

describe("failedTags", () => {
  it("names the items whose condition failed, whatever their position", () => {
    // Prepare
    const items = [put("seat"), put("booking"), put("liveGuard"), put("idempotency")];
    // Act
    const out = failedTags(items, [
      { Code: "None" },
      { Code: "None" },
      { Code: "ConditionalCheckFailed" },
      { Code: "ConditionalCheckFailed" },
    ]);
    // Assess
    expect(out).toEqual({ ok: false, failed: new Set(["liveGuard", "idempotency"]), conflict: false });
  });

  it("tells a conflict with another transaction from a failed condition", () => {
    const out = failedTags(
      [put("seat"), put("booking")],
      [{ Code: "TransactionConflict" }, { Code: "None" }],
    );
    expect(out).toEqual({ ok: false, failed: new Set(), conflict: true });
  });

  it("reads missing reasons as nothing failed", () => {
    expect(failedTags([put("seat")], [])).toEqual({ ok: false, failed: new Set(), conflict: false });
  });
});

describe("untag", () => {
  it("sends the operations without their tags, in order", () => {
    expect(untag([put("a"), put("b")])).toEqual([
      { Put: { TableName: "t", Item: { pk: "a", sk: "x" } } },
      { Put: { TableName: "t", Item: { pk: "b", sk: "x" } } },
    ]);
  });
});
