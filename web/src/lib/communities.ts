/** Fill a 社区 <select> from GET /api/communities (with live counts), keeping `selected`. */
import { communitiesList } from "../../../shared/routes.ts";
import { call } from "./client.ts";
import { h } from "./dom.ts";

export const COMMUNITY_KEY = "wt.community";

/** A community listed only for its 居委会 phone (no service yet) is not offered. */
export async function fillCommunities(select: HTMLSelectElement, selected: string): Promise<void> {
  const res = await call(communitiesList);
  if (!res.ok) return;
  for (const c of res.data.items) {
    if (c.listingCount === 0 && c.name !== selected) continue;
    const label = `${c.name}（${c.listingCount} 项）`;
    const existing = [...select.options].find((o) => o.value === c.name);
    if (existing) existing.textContent = label;
    else select.append(h("option", { value: c.name }, label));
  }
  preselect(select, selected);
}

/** Select `name` now, adding its option if the list has not arrived yet. */
export function preselect(select: HTMLSelectElement, name: string): void {
  if (name && ![...select.options].some((o) => o.value === name))
    select.append(h("option", { value: name }, name));
  select.value = name;
}
