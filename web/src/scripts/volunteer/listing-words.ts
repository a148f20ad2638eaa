/**
 * The everyday words under 服务介绍 (issue 15 item 1): what residents say for what the
 * title names (shared/search/tags.ts, from the search's one word list). A tap adds the
 * word to the description; the list follows the title and description as one types.
 */
import { everydayWordsFor, withWord } from "../../../../shared/search/tags.ts";
import { $, control } from "../../lib/dom.ts";
import { input } from "./listing-form-data.ts";

/** Fill the word buttons for the form as it is now; `changed` (the form's sync, which calls this) runs after a tap. */
export function syncWords(changed: () => void) {
  const desc = control("f-desc", HTMLTextAreaElement);
  const words = everydayWordsFor(input("f-title").value, desc.value);
  const list = $("#f-words-list");
  // Unchanged words keep their buttons: a tap that blurs the description (a change event,
  // a sync) must not lose its button between press and release.
  const key = words.join("\n");
  if (list.dataset.words === key) return;
  list.dataset.words = key;
  $("#f-words").hidden = words.length === 0;
  list.replaceChildren(
    ...words.map((word) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = `＋ ${word}`;
      b.setAttribute("aria-label", `把“${word}”加进服务介绍`);
      b.addEventListener("click", () => {
        desc.value = withWord(desc.value, word);
        changed(); // the preview, and this list again (the word is written now)
        // Focus stays in the list (the next word), or goes to the description when none is left.
        const next = $("#f-words-list").querySelector("button");
        if (next instanceof HTMLButtonElement && !$("#f-words").hidden) next.focus();
        else desc.focus();
      });
      return b;
    }),
  );
}
