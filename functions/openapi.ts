import { openApiDocument } from "../shared/openapi.ts";
import { http, ok } from "./lib/http.ts";

const document = openApiDocument();

export const handler = http("openapi", async () => ok(document, { "cache-control": "public, max-age=300" }));
