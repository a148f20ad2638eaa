/**
 * One-time codes that prove a person holds a phone: 6 digits from the CSPRNG, kept
 * only as a salted SHA-256 hash, void after 10 minutes or 5 wrong tries, used once
 * (deleted on the condition it is still the same code). Asking is rate-limited per
 * account and per number each district day (CODE_RULES); the code goes out as a text
 * through the same outbox, opt-outs and caps as every other text (texts/deliver.ts).
 * A number that opted out gets no code, and the answer is the same (no oracle).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import { CODE_RULES, type CodeSent } from "../../../shared/trust.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { PhoneCodeInvalid, RateLimited } from "../errors.ts";
import { codeTextItem } from "../texts/item.ts";
import type { CodePurpose } from "../texts/wording.ts";
import { countBelow } from "./counts.ts";
import { isOptedOut } from "./opted-out.ts";

const CodeItem = z.object({
  hash: z.string(),
  salt: z.string(),
  expiresAt: z.number(),
  tries: z._default(z.number(), 0),
});

const hashOf = (salt: string, code: string) => createHash("sha256").update(`${salt}|${code}`).digest("hex");

/**
 * Text a new code to `phone` for `purpose`, asked by `owner` (an account id, or `-`
 * from the opt-out page, counted by number only). Replaces an earlier code.
 */
export async function sendCode(
  phone: string,
  purpose: CodePurpose,
  owner: string,
  now: Date,
): Promise<CodeSent> {
  if (owner !== "-" && !(await countBelow("codeAccount", owner, CODE_RULES.perAccountPerDay, now)))
    throw new RateLimited("今天获取验证码的次数太多了，请明天再试", 3600);
  if (!(await countBelow("codeNumber", phone, CODE_RULES.perNumberPerDay, now)))
    throw new RateLimited("这个号码今天收到的验证码太多了，请明天再试", 3600);
  const answer = { phone, expiresInSeconds: CODE_RULES.ttlSeconds };
  if (await isOptedOut(phone)) return answer;
  const code = String(randomInt(0, 10 ** CODE_RULES.digits)).padStart(CODE_RULES.digits, "0");
  const salt = randomBytes(16).toString("hex");
  const at = now.toISOString();
  await ddb.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: {
        ...keys.phoneCode(phone, purpose, owner),
        type: "phoneCode",
        hash: hashOf(salt, code),
        salt,
        tries: 0,
        expiresAt: now.getTime() + CODE_RULES.ttlSeconds * 1000,
        ttl: Math.floor(now.getTime() / 1000) + CODE_RULES.ttlSeconds,
      },
    }),
  );
  await ddb.send(
    new PutCommand({ TableName: TABLE_NAME, Item: codeTextItem(phone, code, purpose, owner, at) }),
  );
  return answer;
}

/** Check `code` for `phone`; used once when right, one try fewer when wrong. Throws PhoneCodeInvalid. */
export async function useCode(
  phone: string,
  purpose: CodePurpose,
  owner: string,
  code: string,
  now: Date,
): Promise<void> {
  const key = keys.phoneCode(phone, purpose, owner);
  const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }));
  const parsed = CodeItem.safeParse(res.Item);
  if (!parsed.success) throw new PhoneCodeInvalid();
  const item = parsed.data;
  if (item.expiresAt <= now.getTime() || item.tries >= CODE_RULES.maxTries) throw new PhoneCodeInvalid();
  const right = timingSafeEqual(Buffer.from(hashOf(item.salt, code), "hex"), Buffer.from(item.hash, "hex"));
  try {
    if (right) {
      await ddb.send(
        new DeleteCommand({
          TableName: TABLE_NAME,
          Key: key,
          ConditionExpression: "#h = :h AND #t < :max",
          ExpressionAttributeNames: { "#h": "hash", "#t": "tries" },
          ExpressionAttributeValues: { ":h": item.hash, ":max": CODE_RULES.maxTries },
        }),
      );
      return;
    }
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key,
        UpdateExpression: "ADD #t :one",
        ConditionExpression: "#h = :h AND #t < :max",
        ExpressionAttributeNames: { "#h": "hash", "#t": "tries" },
        ExpressionAttributeValues: { ":h": item.hash, ":one": 1, ":max": CODE_RULES.maxTries },
      }),
    );
  } catch (err) {
    if (!(err instanceof Error && err.name === "ConditionalCheckFailedException")) throw err;
  }
  throw new PhoneCodeInvalid();
}
