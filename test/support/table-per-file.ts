/** Before a test file's modules load: point the handlers at a fresh table of their own. */
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../../infra/local/dynamo.ts";

const endpoint = inject("dynamoEndpoint");
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.TABLE_NAME = `test-${randomUUID()}`;
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
await ensureTable(endpoint, process.env.TABLE_NAME);
