import type { Shard } from "@aws-sdk/client-dynamodb-streams";
import { expect, it } from "vitest";
import { parentsFirst } from "./source.ts";

it("lists each shard after its parent, whatever order they come in; a parent that is gone is no constraint", () => {
  // Prepare
  const shard = (id: string, parent?: string): Shard => ({ ShardId: id, ParentShardId: parent });
  const listed = [shard("c", "b"), shard("d", "gone"), shard("b", "a"), shard("e", "a"), shard("a")];

  // Act
  const ids = parentsFirst(listed).map((s) => s.ShardId);

  // Assess
  expect(ids).toEqual(["a", "b", "c", "d", "e"]);
  expect(parentsFirst([])).toEqual([]);
});
