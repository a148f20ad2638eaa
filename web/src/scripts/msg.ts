/** A page's one status line (#msg): the volunteer console, 我的预约, the worker's console. */
import { $, notice } from "../lib/dom.ts";

export const say = (text: string, kind: "ok" | "warn" | "err" = "ok"): void => notice($("#msg"), text, kind);

/** Say a failed call's message; true when the call went through. */
export function went(res: { ok: true } | { ok: false; error: { message: string } }): boolean {
  if (!res.ok) say(res.error.message, "err");
  return res.ok;
}
