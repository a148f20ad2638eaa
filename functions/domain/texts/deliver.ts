/**
 * Sending the texts that are due (queued, or held past 08:00), oldest first, from
 * the due index. Each goes out at most once: the sender first puts the text's claim
 * on the condition it is new — a second run, a replayed projection that wrote the
 * text again, or a concurrent sender finds the claim and only marks the text as
 * sent. A resident who turned texts off (PUT /api/me {"sms":false}) gets none: the
 * preference is read when the text is due, so it holds for texts already made.
 * A text the provider refuses is marked failed and is not tried again.
 *
 * Trust and safety: a number whose owner opted out (reply T, or the opt-out page)
 * gets nothing (`off`); and each number, and each account, gets at most
 * SMS_CAPS texts a district day — past that a text is `capped`, never sent.
 */
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import type { TextStatus } from "../../../shared/texts.ts";
import { SMS_CAPS } from "../../../shared/trust.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { logger } from "../../lib/logger.ts";
import { queryPage } from "../../lib/query.ts";
import { getProfile } from "../people.ts";
import { countBelow } from "../trust/counts.ts";
import { isOptedOut } from "../trust/opted-out.ts";
import { TextItem } from "./item.ts";
import type { MessageSender } from "./sender.ts";

export interface Delivered {
  sent: number;
  off: number;
  failed: number;
  /** Over a number's or an account's texts for the day. */
  capped: number;
  /** Already claimed by an earlier run (only marked). */
  skipped: number;
}

async function claim(t: TextItem, sender: MessageSender, at: string): Promise<boolean> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...keys.textClaim(t.id), type: "textClaim", textId: t.id, sender: sender.name, at },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === "ConditionalCheckFailedException") return false;
    throw err;
  }
}

/** The text leaves the due index with its outcome. */
async function settle(id: string, status: TextStatus, extra: Record<string, string> = {}) {
  const names: Record<string, string> = { "#status": "status" };
  const values: Record<string, unknown> = { ":status": status };
  const sets = ["#status = :status"];
  for (const [k, v] of Object.entries(extra)) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.text(id),
      UpdateExpression: `SET ${sets.join(", ")} REMOVE gsi4pk, gsi4sk`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** A claim this young with no outcome yet is another run's, still deciding: leave the text to it. */
const CLAIM_SETTLES_AFTER_MS = 60_000;

async function claimedStatus(id: string, now: Date): Promise<TextStatus | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.textClaim(id), ConsistentRead: true }),
  );
  const outcome = res.Item?.outcome;
  if (outcome === "sent" || outcome === "off" || outcome === "failed" || outcome === "capped") return outcome;
  const at = Date.parse(String(res.Item?.at ?? ""));
  if (Number.isFinite(at) && now.getTime() - at < CLAIM_SETTLES_AFTER_MS) return null;
  return "sent";
}

async function recordOutcome(id: string, outcome: TextStatus) {
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.textClaim(id),
      UpdateExpression: "SET outcome = :o",
      ExpressionAttributeValues: { ":o": outcome },
    }),
  );
}

/** Count the text against its number's and its account's caps for today; whether both allow it. */
async function withinCaps(t: TextItem, now: Date): Promise<boolean> {
  if (!(await countBelow("number", t.to, SMS_CAPS.perNumberPerDay, now))) return false;
  if (t.residentId === "-") return true;
  return countBelow("account", t.residentId, SMS_CAPS.perAccountPerDay, now);
}

/** Send every text due at `now` through `sender`. */
export async function deliverDue(sender: MessageSender, now = new Date()): Promise<Delivered> {
  const out: Delivered = { sent: 0, off: 0, failed: 0, capped: 0, skipped: 0 };
  const at = now.toISOString();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await queryPage({
      index: "gsi4",
      pk: keys.textsDue(),
      sk: { below: `${at}#\uffff` },
      limit: 50,
      ...(start ? { start } : {}),
    });
    for (const row of page.items) {
      const t = TextItem.parse(row);
      if (!(await claim(t, sender, at))) {
        const status = await claimedStatus(t.id, now);
        if (status) await settle(t.id, status);
        out.skipped++;
        continue;
      }
      // A code was asked for just now, by the person it proves: their account's setting is not asked.
      const profile = t.kind === "code" ? null : await getProfile(t.residentId);
      if (profile?.sms === false || (await isOptedOut(t.to))) {
        await recordOutcome(t.id, "off");
        await settle(t.id, "off");
        out.off++;
        continue;
      }
      if (!(await withinCaps(t, now))) {
        await recordOutcome(t.id, "capped");
        await settle(t.id, "capped");
        out.capped++;
        continue;
      }
      try {
        const { messageId } = await sender.send(t.to, t.text);
        await recordOutcome(t.id, "sent");
        await settle(t.id, "sent", { sentAt: at, messageId });
        out.sent++;
      } catch (err) {
        logger.warn("text refused by the sender", { id: t.id, error: err as Error });
        await recordOutcome(t.id, "failed");
        await settle(t.id, "failed", { error: String((err as Error).name ?? "error") });
        out.failed++;
      }
    }
    start = page.lastKey;
  } while (start);
  return out;
}
