/**
 * The demo district (demo-district.ts) loaded into the table through the same
 * domain code the API uses, then its history of bookings (demo-history.ts).
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { newListingItem } from "../../functions/domain/listings/item.ts";
import { insertListing } from "../../functions/domain/listings/write.ts";
import { ensureSessions } from "../../functions/domain/sessions/expand.ts";
import { ddb, TABLE_NAME } from "../../functions/lib/db.ts";
import { localDay } from "../../shared/clock.ts";
import { keys } from "../../shared/keys.ts";
import { asUser, DEMO_SEED, demoDistrict } from "./demo-district.ts";

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

/** Write the demo district into an empty table. */
export async function loadDemoDistrict(now = new Date()): Promise<{ listings: number; people: number }> {
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
