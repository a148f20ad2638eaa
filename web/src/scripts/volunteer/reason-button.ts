/**
 * A button that asks for a reason in place, without a pop-up (婉拒, 退单): the first
 * press opens the reason box under the card and the button says `confirm`; the
 * second sends the reason, or asks for one when the box is empty.
 */
import { h } from "../../lib/dom.ts";

export function reasonButton(o: {
  /** The card the box goes under. */
  li: HTMLElement;
  /** The reason box's id. */
  id: string;
  label: string;
  confirm: string;
  boxLabel: string;
  placeholder: string;
  /** Asks for a reason (the box is empty on the second press). */
  empty: () => void;
  send: (reason: string) => Promise<void>;
}): HTMLElement {
  const reason = h("input", { id: o.id, maxlength: 200, placeholder: o.placeholder });
  const box = h("div", { hidden: true }, h("label", { for: o.id }, o.boxLabel), reason);
  const button = h("button", { type: "button" }, o.label);
  button.addEventListener("click", async () => {
    if (box.hidden) {
      box.hidden = false;
      reason.focus();
      button.textContent = o.confirm;
      return;
    }
    if (!reason.value.trim()) {
      o.empty();
      reason.focus();
      return;
    }
    await o.send(reason.value.trim());
  });
  o.li.append(box);
  return button;
}
