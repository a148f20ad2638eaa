/**
 * Hours served and the rankings. A completion adds its hours to four entries, in
 * the completion's transaction: the volunteer's profile (all-time, on gsi1), the
 * branch's all-time entry (gsi1), and the volunteer's and branch's entries of the
 * month (gsi2). Each entry's index sort key is its padded hours total, so a
 * ranking is one Query on one partition, most hours first. Because the sort key
 * is a computed value, each entry is read first and written on the condition that
 * its hours are still what was read (optimistic; the caller retries on a miss).
 */
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { keys } from "../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update } from "../lib/expr.ts";
import { queryPage } from "../lib/query.ts";
import { ratingAvg } from "./listings.ts";
import { shanghaiDay } from "./stats.ts";
import type { TransactItem } from "./transact.ts";

type By = "volunteer" | "branch";

/** The Asia/Shanghai month (YYYY-MM) of an instant, as the dashboard counts days. */
export const shanghaiMonth = (at: Date) => shanghaiDay(at).slice(0, 7);

interface Entry {
  key: { pk: string; sk: string };
  by: By;
  period: string;
  id: string;
  name: string;
  profile: boolean;
}

function entries(f: { volunteerId: string; volunteerName: string; branch: string; month: string }): Entry[] {
  const list: Entry[] = [
    {
      key: keys.user(f.volunteerId),
      by: "volunteer",
      period: "all",
      id: f.volunteerId,
      name: f.volunteerName,
      profile: true,
    },
    {
      key: keys.rankEntry("volunteer", f.month, f.volunteerId),
      by: "volunteer",
      period: f.month,
      id: f.volunteerId,
      name: f.volunteerName,
      profile: false,
    },
  ];
  if (f.branch) {
    for (const period of ["all", f.month]) {
      list.push({
        key: keys.rankEntry("branch", period, f.branch),
        by: "branch",
        period,
        id: f.branch,
        name: f.branch,
        profile: false,
      });
    }
  }
  return list;
}

/** The guarded updates adding one completion's hours to every entry it counts in. */
export async function hoursUpdates(f: {
  volunteerId: string;
  volunteerName: string;
  branch: string;
  hours: number;
  at: Date;
  /** -1 to take a completion back out (not used by the API; kept symmetric for tools). */
  sign?: 1 | -1;
}): Promise<TransactItem[]> {
  const list = entries({ ...f, month: shanghaiMonth(f.at) });
  const res = await ddb.send(
    new BatchGetCommand({
      RequestItems: {
        [TABLE_NAME]: {
          Keys: list.map((e) => e.key),
          ConsistentRead: true,
          ProjectionExpression: "pk, sk, hoursServed",
        },
      },
    }),
  );
  const current = new Map<string, number>();
  for (const item of res.Responses?.[TABLE_NAME] ?? []) {
    current.set(`${item.pk}|${item.sk}`, typeof item.hoursServed === "number" ? item.hoursServed : 0);
  }
  const sign = f.sign ?? 1;
  return list.map((e) => {
    const read = current.get(`${e.key.pk}|${e.key.sk}`) ?? 0;
    const total = read + sign * f.hours;
    const parts = update({
      set: { ...keys.rankingIndexes(e.by, e.period, total, e.id), ...(e.profile ? {} : rankAttrs(e)) },
      add: { hoursServed: sign * f.hours, completedCount: sign },
    });
    let expression = parts.UpdateExpression;
    const names: Record<string, string> = { ...parts.ExpressionAttributeNames, "#h": "hoursServed" };
    const values: Record<string, unknown> = { ...parts.ExpressionAttributeValues, ":read": read, ":zero": 0 };
    if (e.profile) {
      // A profile normally exists (publishing a listing makes it); never leave one without a name.
      names["#pname"] = "name";
      names["#pid"] = "id";
      values[":pname"] = e.name;
      values[":pid"] = e.id;
      expression = expression.replace(
        /^SET /,
        "SET #pname = if_not_exists(#pname, :pname), #pid = if_not_exists(#pid, :pid), ",
      );
    }
    return {
      Update: {
        TableName: TABLE_NAME,
        Key: e.key,
        UpdateExpression: expression,
        ConditionExpression: "(attribute_not_exists(#h) AND :read = :zero) OR #h = :read",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

const rankAttrs = (e: Entry) => ({ type: "rank", by: e.by, period: e.period, id: e.id, name: e.name });

/** A review's stars on the volunteer's and branch's entries (negative to take them back). */
export function ratingUpdates(f: {
  volunteerId: string;
  volunteerName: string;
  branch: string;
  /** The month the rated service was completed in. */
  month: string;
  stars: number;
  count: 1 | -1;
}): TransactItem[] {
  return entries(f).map((e) => ({
    Update: {
      TableName: TABLE_NAME,
      Key: e.key,
      ...update({
        ...(e.profile ? {} : { set: rankAttrs(e) }),
        add: { ratingSum: f.stars, ratingCount: f.count },
      }),
    },
  }));
}

const RankRow = z.object({
  id: z.string(),
  name: z.string().default(""),
  hoursServed: z.number().default(0),
  completedCount: z.number().default(0),
  ratingSum: z.number().default(0),
  ratingCount: z.number().default(0),
});

export interface RankingRow {
  id: string;
  name: string;
  hoursServed: number;
  completedCount: number;
  ratingAvg: number;
}

/** One Query on one ranking partition, most hours first (top 50). */
export async function rankings(by: By, period: "month" | "all", now = new Date()): Promise<RankingRow[]> {
  const all = period === "all";
  const res = await queryPage({
    index: all ? "gsi1" : "gsi2",
    pk: all ? keys.rankingAll(by) : keys.rankingMonth(by, shanghaiMonth(now)),
    newestFirst: true,
    limit: 50,
  });
  return res.items.map((raw) => {
    const r = RankRow.parse(raw);
    return {
      id: r.id,
      name: r.name,
      hoursServed: r.hoursServed,
      completedCount: r.completedCount,
      ratingAvg: ratingAvg(r.ratingSum, r.ratingCount),
    };
  });
}
