/** Item ids: random ones for new items, derived ones for items a replay must rewrite, not add. */
import { createHash, randomUUID } from "node:crypto";

/** A type prefix and 15 random hex digits. */
export function newId(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, "").slice(0, 15)}`;
}

/** A type prefix and a hash of what the item is for: the same parts always give the same id. */
export const derivedId = (prefix: string, ...parts: string[]) =>
  `${prefix}_${createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 20)}`;
