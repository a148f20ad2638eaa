/**
 * An action's outcome beside the control that caused it (a booking card's 完成核销,
 * 接受, 婉拒), not in the page's status line out of sight at the top; announced to
 * screen readers (a polite live region that exists before its text arrives). Kept
 * by key, so a card drawn again after the list reloads shows it too.
 */
import { h, notice } from "../lib/dom.ts";

type Kind = "ok" | "warn" | "err";
const told = new Map<string, { text: string; kind: Kind }>();
const boxes = new Map<string, HTMLElement>();

function show(key: string): void {
  const box = boxes.get(key);
  const t = told.get(key);
  if (box?.isConnected && t) notice(box, t.text, t.kind);
}

/** The place a card shows its outcome in (filled, a moment after it is drawn, with what was told). */
export function outcomeBox(key: string): HTMLElement {
  const box = h("div", { class: "outcome", role: "status", "aria-live": "polite", "data-outcome": key });
  boxes.set(key, box);
  if (told.has(key)) setTimeout(() => show(key), 50);
  return box;
}

/** Tell the outcome of an action on `key` beside it. */
export function tell(key: string, text: string, kind: Kind = "ok"): void {
  told.set(key, { text, kind });
  show(key);
}

/** Tell a failed call's message beside its control; true when the call went through. */
export function wentBeside(
  key: string,
  res: { ok: true } | { ok: false; error: { message: string } },
): boolean {
  if (!res.ok) tell(key, res.error.message, "err");
  return res.ok;
}
