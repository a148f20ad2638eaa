/** The volunteer console's one status line (#msg). */
import { $, notice } from "../../lib/dom.ts";

export const say = (text: string, kind: "ok" | "err" = "ok"): void => notice($("#msg"), text, kind);

/** Say a failed call's message; true when the call went through. */
export function went(res: { ok: true } | { ok: false; error: { message: string } }): boolean {
  if (!res.ok) say(res.error.message, "err");
  return res.ok;
}
