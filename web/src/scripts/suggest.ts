/**
 * Suggestions under the search box as one types (components/SearchBox.astro): the
 * ARIA 1.2 combobox with a listbox popup. Focus stays in the field; the active option
 * is `aria-activedescendant`; ArrowDown/ArrowUp move, Enter opens it, Escape closes;
 * a tap or click opens it too. A listing opens its page, a category its page, a word
 * searches for it.
 */
import { categoryName } from "../../../shared/categories.ts";
import { searchSuggest } from "../../../shared/routes.ts";
import type { Suggestion } from "../../../shared/schemas.ts";
import { call } from "../lib/client.ts";
import { control, h } from "../lib/dom.ts";

const input = control("q", HTMLInputElement);
const list = control("q-suggest", HTMLUListElement);
const status = control("q-suggest-status", HTMLParagraphElement);

const KIND_WORDS: Record<Suggestion["kind"], string> = { listing: "服务", category: "分类", word: "搜" };

let items: Suggestion[] = [];
let active = -1;
let asked = "";
let timer: ReturnType<typeof setTimeout> | undefined;

const hrefOf = (s: Suggestion) =>
  s.kind === "listing" && s.id
    ? `/service/?id=${encodeURIComponent(s.id)}`
    : s.kind === "category" && s.slug
      ? `/category/${s.slug}/`
      : `/search/?q=${encodeURIComponent(s.text)}`;

function close() {
  list.hidden = true;
  list.replaceChildren();
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
  items = [];
  active = -1;
}

function setActive(i: number) {
  active = i;
  for (const [j, li] of [...list.children].entries()) li.setAttribute("aria-selected", String(j === i));
  const li = list.children[i];
  if (li) {
    input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  } else input.removeAttribute("aria-activedescendant");
}

function show(found: Suggestion[]) {
  items = found;
  active = -1;
  if (found.length === 0) {
    close();
    return;
  }
  list.replaceChildren(
    ...found.map((s, i) =>
      h(
        "li",
        {
          id: `q-suggest-${i}`,
          role: "option",
          "aria-selected": "false",
          "data-kind": s.kind,
          // A press on an option must not blur the field before the click lands.
          onmousedown: (e) => e.preventDefault(),
          onclick: () => location.assign(hrefOf(s)),
        },
        h("span", { class: "s-kind", "aria-hidden": "true" }, KIND_WORDS[s.kind]),
        h(
          "span",
          { class: "s-text" },
          s.text,
          s.kind === "word" && s.slug
            ? h("span", { class: "visually-hidden" }, `，${categoryName(s.slug)}`)
            : null,
        ),
      ),
    ),
  );
  list.hidden = false;
  input.setAttribute("aria-expanded", "true");
  input.removeAttribute("aria-activedescendant");
  status.textContent = `有 ${found.length} 条建议，按上下键选择`;
}

async function ask(q: string) {
  asked = q;
  const res = await call(searchSuggest, { query: { q } });
  // Only the answer to what the field still says.
  if (asked !== q || input.value.trim() !== q) return;
  show(res.ok ? res.data.items : []);
}

input.addEventListener("input", () => {
  clearTimeout(timer);
  const q = input.value.trim();
  if (q === "") {
    asked = "";
    close();
    return;
  }
  timer = setTimeout(() => void ask(q), 150);
});

input.addEventListener("keydown", (e) => {
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    if (items.length === 0) return;
    e.preventDefault();
    // From the field (-1) through the options and back to the field.
    const next = active + (e.key === "ArrowDown" ? 1 : -1);
    setActive(next >= items.length ? -1 : next < -1 ? items.length - 1 : next);
  } else if (e.key === "Enter" && active >= 0) {
    const s = items[active];
    if (!s) return;
    e.preventDefault();
    location.assign(hrefOf(s));
  } else if (e.key === "Escape" && !list.hidden) {
    e.preventDefault();
    close();
  }
});

input.addEventListener("blur", () => close());
