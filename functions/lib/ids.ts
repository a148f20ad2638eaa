/** Item ids: a type prefix and 15 random hex digits. */
import { randomUUID } from "node:crypto";

export function newId(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, "").slice(0, 15)}`;
}
