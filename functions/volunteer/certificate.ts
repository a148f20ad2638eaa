import { certificate } from "../domain/certificate.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("volunteer/certificate", async ({ caller }) => ok(await certificate(caller)));
