/** Opaque pagination cursors: a DynamoDB key, base64url-encoded JSON, checked on the way back in. */
import { ValidationFailed } from "../domain/errors.ts";

export type StartKey = Record<string, string>;

export function encodeCursor(key: Record<string, unknown> | undefined | null): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** Decode a cursor and check it carries exactly the expected string attributes. */
export function decodeCursor(cursor: string | undefined, attrs: readonly string[]): StartKey | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationFailed("分页参数无效", [{ in: "query", path: "cursor", message: "invalid cursor" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  if (entries.length !== attrs.length) throw invalid();
  for (const [k, v] of entries) {
    if (!attrs.includes(k) || typeof v !== "string" || v.length === 0 || v.length > 1024) throw invalid();
  }
  return parsed as StartKey;
}

/** The start key of an item in an index (table keys plus the index's keys). */
export function keyOf(item: Record<string, unknown>, attrs: readonly string[]): StartKey {
  return Object.fromEntries(attrs.map((a) => [a, String(item[a])]));
}
