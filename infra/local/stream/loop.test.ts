import { expect, it } from "vitest";
import { PollLoop } from "./loop.ts";

it("numbers its passes, pauses as each asks, and starts the next at once when woken", async () => {
  // Prepare
  const loop = new PollLoop(() => undefined);
  const seen: number[] = [];
  const after: number[] = [];
  let third: () => void = () => undefined;
  const reachedThird = new Promise<void>((r) => {
    third = r;
  });

  // Act: the second pass asks for an hour's pause, which a wake cuts short.
  loop.start({
    pass: async (id) => {
      seen.push(id);
      if (id === 3) third();
      return id === 1 ? 0 : 3_600_000;
    },
    failed: () => undefined,
    after: () => void after.push(loop.passesStarted),
  });
  await new Promise((r) => setTimeout(r, 50));
  const beforeWake = [...seen];
  loop.wake();
  await reachedThird;
  await loop.stop();

  // Assess
  expect(beforeWake).toEqual([1, 2]);
  expect(seen).toEqual([1, 2, 3]);
  expect(after).toEqual([1, 2, 3]);
  expect(loop.stopped).toBe(true);
});

it("a pass that throws is retried with backoff, and the error is kept until a pass succeeds", async () => {
  // Prepare
  const logs: Record<string, unknown>[] = [];
  const loop = new PollLoop((l) => void logs.push(l));
  let failed = 0;
  let fails = 2;
  const errors: (string | undefined)[] = [];
  let recovered: () => void = () => undefined;
  const ok = new Promise<void>((r) => {
    recovered = r;
  });

  // Act
  loop.start({
    pass: async () => {
      errors.push(loop.error);
      if (fails-- > 0) throw new TypeError("socket hang up");
      recovered();
      return 3_600_000;
    },
    failed: () => void failed++,
    after: () => undefined,
  });
  await ok;
  await loop.stop();

  // Assess: the first retry after 100 ms, the second after 200 ms.
  expect(failed).toBe(2);
  expect(logs.map((l) => l.delay)).toEqual([100, 200]);
  expect(errors).toEqual([
    undefined,
    "reading the stream fails (1×): TypeError: socket hang up",
    "reading the stream fails (2×): TypeError: socket hang up",
  ]);
  expect(loop.error).toBeUndefined();
});
