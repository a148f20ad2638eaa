/**
 * Which DynamoDB commands a request cost, counted by a middleware the tests add to the
 * handlers' client (functions/lib/db.ts stays free of it): `sentCommands` holds the
 * names sent since a test last emptied it. Deployed, the stream projectors are Lambdas
 * of their own; locally they run in the test's process, so their commands are left
 * out, as another function's would be.
 */
import { ddb } from "../../functions/lib/db.ts";
import { streamInvocation } from "../../infra/local/stream.ts";

/** Names of the commands sent (`Query`, `TransactWriteItems`…), in order; tests empty and read it. */
export const sentCommands: string[] = [];

const NAME = "countCommandsForTests";
ddb.middlewareStack.remove(NAME);
ddb.middlewareStack.add(
  (next, context) => async (args) => {
    if (!streamInvocation()) sentCommands.push(String(context.commandName).replace(/Command$/, ""));
    return next(args);
  },
  { step: "initialize", name: NAME },
);
