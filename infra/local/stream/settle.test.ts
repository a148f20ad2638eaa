import { expect, it } from "vitest";
import { Waiters } from "./settle.ts";

it("a waiter is done by the first drained pass at or after its target, not before", async () => {
  // Prepare
  const waiters = new Waiters();
  const done: string[] = [];
  const a = waiters.wait(3, 5_000, () => "a").then(() => done.push("a"));
  const b = waiters.wait(5, 5_000, () => "b").then(() => done.push("b"));

  // Act
  waiters.drained(2);
  await Promise.resolve();
  const early = [...done];
  const beyond3 = waiters.waitingBeyond(3);
  waiters.drained(4);
  await a;
  const beyond4 = waiters.waitingBeyond(4);
  waiters.drained(6);
  await b;

  // Assess
  expect(early).toEqual([]);
  expect(beyond3).toBe(true);
  expect(beyond4).toBe(true);
  expect(done).toEqual(["a", "b"]);
  expect(waiters.waitingBeyond(0)).toBe(false);
});

it("says why when no pass comes in time, and every waiter hears of a stop", async () => {
  // Prepare
  const waiters = new Waiters();
  let asked = 0;

  // Act
  const late = waiters.wait(1, 30, () => `not yet (${++asked})`);
  const stopped = waiters.wait(1, 5_000, () => "never");

  // Assess
  await expect(late).rejects.toThrow("not yet (1)");
  waiters.rejectAll("stopped");
  await expect(stopped).rejects.toThrow("stopped");
  waiters.drained(1); // nobody left to tell
  expect(waiters.waitingBeyond(0)).toBe(false);
});
