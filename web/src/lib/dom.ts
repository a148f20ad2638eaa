/**
 * Build DOM from data safely: text is always set with textContent, never parsed
 * as HTML, so a stored `<script>` in a title shows as text.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (k === "class") el.className = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
}

export function $(selector: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}

export function clear(el: Element): void {
  el.replaceChildren();
}

export function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Show one notice in a status region: "ok", "warn" or "err". */
export function notice(el: Element, text: string, kind: "ok" | "warn" | "err" = "ok"): void {
  el.replaceChildren(h("p", { class: `notice ${kind}` }, text));
}

/** A form control by id, of the element type expected (throws when missing or of another kind). */
export function control<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`missing #${id}`);
  return el;
}

/** Save a Blob (a CSV, a calendar file) under `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Turn a page's loading line (#state) into what went wrong, with the way home. */
export function failState(heading: string, text: string): void {
  const state = $("#state");
  state.className = "notice err";
  state.replaceChildren(
    h("h1", {}, heading),
    h("p", {}, text),
    h("p", {}, h("a", { href: "/" }, "回到首页")),
  );
}
