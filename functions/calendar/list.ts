import { communityCalendar } from "../domain/sessions/calendar.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("calendar/list", async ({ query }) => ok(await communityCalendar(query)));
