import { describe, expect, it } from "vitest";
import { useIssueWords } from "./issue-words.ts";
import { ListingInput } from "./schemas.ts";

describe("issue words", () => {
  it("say what classic zod said for issues without a message of their own", () => {
    useIssueWords();
    const r = ListingInput.safeParse({ title: 7, capacity: 1.5, startsAt: "tomorrow", seats: 2 });
    const messages = r.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain("Invalid input: expected string, received number");
    expect(messages).toContain("Invalid input: expected int, received number");
    expect(messages).toContain("Invalid ISO datetime");
    expect(messages).toContain('Unrecognized key: "seats"');
  });
});
