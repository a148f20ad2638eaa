/**
 * The demo district (demo-district.ts) made through the same domain code the API
 * uses, then its history of bookings (demo-history.ts): `buildDemoDistrict`. It is
 * loaded the fast way (demo-load.ts): built and projected in memory, then written
 * in batches. More demo data goes into `buildDemoDistrict`, and flows through the
 * same load.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { newListingItem } from "../../functions/domain/listings/item.ts";
import { insertListing } from "../../functions/domain/listings/write.ts";
import { ensureSessions } from "../../functions/domain/sessions/expand.ts";
import { ddb, TABLE_NAME } from "../../functions/lib/db.ts";
import { localDay } from "../../shared/clock.ts";
import { keys } from "../../shared/keys.ts";
import { asUser, DEMO_SEED, demoDistrict } from "./demo-district.ts";
import type { Loaded, LoadOptions, Prepared } from "./demo-load.ts";

export {
  asUser,
  DEMO_SEED,
  type DemoListing,
  type DemoPerson,
  demoDistrict,
  demoPeople,
  prng,
} from "./demo-district.ts";

const DEMO_MARK = { pk: "META", sk: "DEMO" };

export async function isDemoLoaded(): Promise<boolean> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: DEMO_MARK }));
  return res.Item !== undefined;
}

/** The demo district made and projected in memory (no DynamoDB needed), ready to write. */
export async function prepareDemoDistrict(now = new Date()) {
  const { prepareLoad } = await import("./demo-load.ts");
  return prepareLoad(() => buildDemoDistrict(now), { now, mark: DEMO_MARK });
}

/** Write the demo district into an empty table, the fast way (demo-load.ts). */
export async function loadDemoDistrict(
  now = new Date(),
  stream?: LoadOptions["stream"],
  prepared?: Prepared<{ listings: number; people: number }>,
): Promise<{ listings: number; people: number; items: number; ms: Loaded<unknown>["ms"] }> {
  const { writeLoad } = await import("./demo-load.ts");
  const loaded = await writeLoad(prepared ?? (await prepareDemoDistrict(now)), stream);
  return { ...loaded.result, items: loaded.items, ms: loaded.ms };
}

/** Make the demo district through the domain code, against whatever table `ddb` answers for. */
export async function buildDemoDistrict(now = new Date()): Promise<{ listings: number; people: number }> {
  const d = demoDistrict();
  const people = [...d.admins, ...d.volunteers, ...d.residents];
  for (const p of people) {
    await ddb.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...keys.user(p.sub),
          type: "user",
          id: p.sub,
          name: p.name,
          role: p.role,
          ...(p.community ? { community: p.community } : {}),
          ...(p.branch ? { branch: p.branch } : {}),
          ...(p.phone ? { phone: p.phone } : {}),
          ...(p.role === "volunteer" ? keys.volunteerShop(p.sub) : {}),
        },
      }),
    );
  }
  const day = 86_400_000;
  const queue = [...d.listings];
  const worker = async () => {
    for (let l = queue.shift(); l; l = queue.shift()) {
      const created = new Date(now.getTime() - l.daysAgo * day - (l.id.charCodeAt(7) % 12) * 3_600_000);
      const startsAt =
        l.startsInDays !== undefined
          ? new Date(
              Date.UTC(
                now.getUTCFullYear(),
                now.getUTCMonth(),
                now.getUTCDate() + l.startsInDays,
                1 + (l.capacity % 10),
              ),
            )
          : undefined;
      const item = newListingItem(
        asUser(l.volunteer),
        {
          title: l.title,
          description: l.description,
          category: l.category,
          kind: l.kind,
          community: l.community,
          mode: l.mode,
          capacity: l.capacity,
          status: l.status === "draft" ? "draft" : "published",
          ...(l.schedule ? { schedule: { ...l.schedule, from: localDay(created) } } : {}),
          ...(startsAt
            ? {
                startsAt: startsAt.toISOString(),
                endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
              }
            : {}),
        },
        created,
        l.id,
      );
      if (l.status === "paused") item.status = "paused";
      await insertListing(asUser(l.volunteer), item);
      // A recurring service's sessions, as the daily job would have made them week by week.
      for (let t = created.getTime(); item.schedule && t < now.getTime(); t += 7 * day)
        await ensureSessions(item, new Date(t));
      if (item.schedule) await ensureSessions(item, now);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  // Bookings, reviews and hours of the last ~60 days, through the booking domain.
  await (await import("./demo-history.ts")).loadDemoHistory(now);
  await ddb.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...DEMO_MARK, loadedAt: now.toISOString(), seed: DEMO_SEED },
    }),
  );
  return { listings: d.listings.length, people: people.length };
}
