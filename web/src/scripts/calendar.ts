/**
 * 社区日历 (components/calendar/CalendarDays.astro): GET /api/calendar for the chosen
 * 社区 (from ?community=, else the remembered one), grouped by local day. A session
 * links to its service page with that date chosen (&session=).
 */
import { calendarList } from "../../../shared/routes.ts";
import type { CalendarItem } from "../../../shared/schemas.ts";
import { call } from "../lib/client.ts";
import { COMMUNITY_KEY, fillCommunities } from "../lib/communities.ts";
import { $, control, h, param } from "../lib/dom.ts";
import { categoryOf, MODE_LABEL } from "../lib/format.ts";
import { dayHeading, dayKey, sessionSeats, timeRange } from "../lib/sessions.ts";

const select = control("cal-community", HTMLSelectElement);
const out = $("#cal");

function href(i: CalendarItem): string {
  const session = i.sessionId ? `&session=${encodeURIComponent(i.sessionId)}` : "";
  return `/service/?id=${encodeURIComponent(i.listingId)}${session}`;
}

function item(i: CalendarItem): HTMLLIElement {
  const seats = sessionSeats(i);
  const mode = MODE_LABEL[i.mode];
  return h(
    "li",
    { class: "cal-item", "data-listing": i.listingId, "data-session": i.sessionId ?? null },
    h(
      "p",
      { class: "cal-time" },
      timeRange(i.startsAt, i.endsAt),
      h("span", { class: seats.full ? "tag full" : "tag left" }, seats.text),
    ),
    h(
      "p",
      { class: "cal-title" },
      h("span", { "aria-hidden": "true" }, `${categoryOf(i.category)?.icon ?? ""} `),
      h("a", { href: href(i) }, i.title),
    ),
    h("p", { class: "cal-meta" }, [mode, `志愿者 ${i.volunteerName}`].filter(Boolean).join(" · ")),
  );
}

function days(items: CalendarItem[]): HTMLElement[] {
  const byDay = new Map<string, CalendarItem[]>();
  for (const i of items) byDay.set(dayKey(i.startsAt), [...(byDay.get(dayKey(i.startsAt)) ?? []), i]);
  return [...byDay].map(([day, list]) =>
    h(
      "section",
      { class: "cal-day", "aria-labelledby": `d-${day}`, "data-day": day },
      h("h2", { id: `d-${day}` }, dayHeading(day)),
      h("ul", { class: "cal-list" }, ...list.map(item)),
    ),
  );
}

async function show(): Promise<void> {
  const community = select.value;
  if (!community) {
    out.replaceChildren(h("p", { class: "muted" }, "选好社区，就能看到未来两周的活动。"));
    return;
  }
  localStorage.setItem(COMMUNITY_KEY, community);
  out.setAttribute("aria-busy", "true");
  out.replaceChildren(h("p", { class: "loading" }, "正在加载…"));
  const res = await call(calendarList, { query: { community } });
  out.setAttribute("aria-busy", "false");
  if (!res.ok) return out.replaceChildren(h("p", { class: "notice err" }, res.error.message));
  const { items } = res.data;
  out.replaceChildren(
    ...(items.length
      ? days(items)
      : [
          h("p", { class: "notice" }, `${community}未来两周还没有活动。可以去「找服务」看看随时可约的服务。`),
        ]),
  );
}

select.addEventListener("change", () => void show());
const chosen = param("community") ?? localStorage.getItem(COMMUNITY_KEY) ?? "";
await fillCommunities(select, chosen);
await show();
