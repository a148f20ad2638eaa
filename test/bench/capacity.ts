/**
 * DynamoDB capacity per booking, measured on the local stack: every command the
 * handlers send asks for `ReturnConsumedCapacity: TOTAL` and the units are added
 * up, per phase, for N full booking lifecycles (join → accept → complete with the
 * code → review) and the reads around them. The figures feed the on-demand cost
 * estimate in the README.  `node test/bench/capacity.ts` (BOOKINGS=50 to change)
 */
import { startBenchServer, startBenchStack } from "./local-stack.ts";

const BOOKINGS = Number(process.env.BOOKINGS ?? 20);

const stack = await startBenchStack("capacity");
let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
try {
  const { ddb } = await import("../../functions/lib/db.ts");
  const units = { read: 0, write: 0 };
  const READS = /^(Get|BatchGet|Query|TransactGet|Scan)/;
  ddb.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      const out = await next(args);
      const consumed = [(out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity].flat() as
        | { CapacityUnits?: number }[]
        | undefined[];
      const sum = consumed.reduce((a, c) => a + (c?.CapacityUnits ?? 0), 0);
      if (READS.test(String(context.commandName))) units.read += sum;
      else units.write += sum;
      return out;
    },
    { step: "initialize", name: "consumedCapacity" },
  );
  server = await startBenchServer();
  const { base, issuer } = server;
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  const phase = async (name: string, fn: () => Promise<void>) => {
    const before = { ...units };
    await fn();
    const r = units.read - before.read;
    const w = units.write - before.write;
    console.log(
      `${name.padEnd(34)} ${`${(r / BOOKINGS).toFixed(1)} RCU`.padStart(10)} ${`${(w / BOOKINGS).toFixed(1)} WCU`.padStart(10)} per booking`,
    );
    return { r, w };
  };

  const v = await issuer.issue({
    sub: "v-cap",
    role: "volunteer",
    name: "王师傅",
    branch: "第一党支部",
    community: "大关西苑社区",
  });
  const listing = await call("POST", "/api/listings", v, {
    title: "周末上门打扫",
    description: "容量测算",
    category: "convenience",
    kind: "event",
    community: "大关西苑社区",
    mode: "door",
    capacity: BOOKINGS,
    // Under way: a booking is completed only from its start, and records at most the event's length.
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    status: "published",
  });
  const id = String(listing.id);
  const residents = await Promise.all(
    Array.from({ length: BOOKINGS }, (_, i) =>
      issuer.issue({ sub: `r-cap-${i}`, role: "resident", name: `居民${i}` }),
    ),
  );
  const bookings: string[] = [];
  console.log(`${BOOKINGS} bookings, DynamoDB Local, consumed capacity as reported per request\n`);
  const totals = [
    await phase("browse: home, list, listing", async () => {
      for (const r of residents) {
        await call("GET", "/api/categories");
        await call("GET", "/api/listings?category=convenience");
        await call("GET", `/api/listings/${id}`, r);
      }
    }),
    await phase("join (加入该项目)", async () => {
      for (const r of residents)
        bookings.push(
          String(
            (
              await call("POST", `/api/listings/${id}/bookings`, r, {
                phone: "13800001234",
                address: "大关西苑 3 幢",
              })
            ).id,
          ),
        );
    }),
    await phase("accept", async () => {
      for (const b of bookings) await call("POST", `/api/bookings/${b}/accept`, v);
    }),
    await phase("resident reads booking + my bookings", async () => {
      for (const [i, b] of bookings.entries()) {
        await call("GET", `/api/bookings/${b}`, residents[i]);
        await call("GET", "/api/me/bookings", residents[i]);
      }
    }),
    await phase("complete with code", async () => {
      for (const [i, b] of bookings.entries()) {
        const code = String((await call("GET", `/api/bookings/${b}`, residents[i])).completionCode);
        await call("POST", `/api/bookings/${b}/complete`, v, { hours: 1.5, code });
      }
    }),
    await phase("review", async () => {
      for (const [i, b] of bookings.entries())
        await call("POST", `/api/bookings/${b}/review`, residents[i], { stars: 5 });
    }),
    await phase("volunteer + notifications reads", async () => {
      for (const r of residents) {
        await call("GET", "/api/volunteer/bookings", v);
        await call("GET", "/api/me/notifications", r);
      }
    }),
  ];
  const r = totals.reduce((a, t) => a + t.r, 0) / BOOKINGS;
  const w = totals.reduce((a, t) => a + t.w, 0) / BOOKINGS;
  console.log(`\nper booking, whole lifecycle: ${r.toFixed(1)} RCU, ${w.toFixed(1)} WCU`);
  console.log(
    `per 1,000 bookings: ${(r * 1000).toFixed(0)} read units, ${(w * 1000).toFixed(0)} write units`,
  );
} finally {
  await server?.close();
  await stack.stop();
}
