import { getShop } from "../domain/people.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("volunteers/get", async ({ params }) => ok(await getShop(params.id)));
