/**
 * Hours served and the rankings. The stream projector adds a completion's hours
 * (and a review's stars) to four entries: the volunteer's profile (all-time, on
 * gsi1), the branch's all-time entry (gsi1), and the volunteer's and branch's
 * entries of the month (gsi2). Each entry's index sort key is its padded hours
 * total, so a ranking is one Query on one partition, most hours first. Because the
 * sort key is a computed value, the projector reads each entry and writes it on the
 * condition that its hours are still what it read (`rankUpdate`).
 */

import * as z from "zod/mini";
import { localMonth } from "../../shared/clock.ts";
import { keys } from "../../shared/keys.ts";
import { TABLE_NAME } from "../lib/db.ts";
import { update } from "../lib/expr.ts";
import { queryPage } from "../lib/query.ts";
import { ratingAvg } from "./listings/item.ts";

type By = "volunteer" | "branch";

export interface RankEntry {
  key: { pk: string; sk: string };
  by: By;
  period: string;
  id: string;
  name: string;
  /** The volunteer's all-time entry is their profile item. */
  profile: boolean;
}

/** The figures an entry sums. */
export const RANK_FIGURES = ["hoursServed", "completedCount", "ratingSum", "ratingCount"] as const;
export type RankFigures = Partial<Record<(typeof RANK_FIGURES)[number], number>>;

/** The entries a volunteer's work in `month` counts in. */
export function rankEntries(f: {
  volunteerId: string;
  volunteerName: string;
  branch: string;
  month: string;
}): RankEntry[] {
  const list: RankEntry[] = [
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

/**
 * The Update adding `add` to an entry whose hours were read as `readHours`: it
 * re-sorts the entry by its new total, on the condition the hours are still as read.
 */
export function rankUpdate(e: RankEntry, readHours: number, add: RankFigures) {
  const total = readHours + (add.hoursServed ?? 0);
  const parts = update({
    set: { ...keys.rankingIndexes(e.by, e.period, total, e.id), ...(e.profile ? {} : rankAttrs(e)) },
    add: Object.fromEntries(Object.entries(add).filter(([, v]) => v !== 0)),
  });
  let expression = parts.UpdateExpression;
  const names: Record<string, string> = { ...parts.ExpressionAttributeNames, "#h": "hoursServed" };
  const values: Record<string, unknown> = {
    ...parts.ExpressionAttributeValues,
    ":read": readHours,
    ":zero": 0,
  };
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
    TableName: TABLE_NAME,
    Key: e.key,
    UpdateExpression: expression,
    ConditionExpression: "(attribute_not_exists(#h) AND :read = :zero) OR #h = :read",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

const rankAttrs = (e: RankEntry) => ({ type: "rank", by: e.by, period: e.period, id: e.id, name: e.name });

const RankRow = z.object({
  id: z.string(),
  name: z._default(z.string(), ""),
  hoursServed: z._default(z.number(), 0),
  completedCount: z._default(z.number(), 0),
  ratingSum: z._default(z.number(), 0),
  ratingCount: z._default(z.number(), 0),
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
    pk: all ? keys.rankingAll(by) : keys.rankingMonth(by, localMonth(now)),
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
