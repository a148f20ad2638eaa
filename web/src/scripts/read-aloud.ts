/**
 * 朗读 (components/ReadAloud.astro): reads its target's `data-say` — a chosen text the
 * page's script writes (the service: what, who, when, where, seats) — never the page's
 * buttons, links and emoji. Hidden where the browser cannot speak.
 */
import { canSpeak, toggle } from "../lib/speak.ts";

for (const button of document.querySelectorAll<HTMLButtonElement>("button.read-aloud[data-target]")) {
  if (!canSpeak()) {
    button.hidden = true;
    continue;
  }
  button.addEventListener("click", () =>
    toggle(button, () => document.querySelector<HTMLElement>(button.dataset.target ?? "")?.dataset.say ?? ""),
  );
}
