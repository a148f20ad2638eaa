/** The 核销码 as a resident shows it to the volunteer at the door: big, spaced, one per booking. */
import { h } from "./dom.ts";

export function completionCode(code: string, label = "核销码（服务完成时告诉志愿者）"): HTMLDivElement {
  return h(
    "div",
    { class: "code-box" },
    h("p", {}, label),
    h("p", { class: "code", "data-code": code }, code),
  );
}
