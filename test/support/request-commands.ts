/**
 * `sentCommands` (functions/lib/db.ts) tells a test which DynamoDB commands a request
 * cost. Deployed, the stream projectors are Lambdas of their own; locally they run in
 * the test's process, so the commands they send are left out of it here, as another
 * function's would be.
 */
import { streamInvocation } from "../../infra/local/stream.ts";

const PATCHED = Symbol.for("wangtao.test.requestCommandsOnly");

export async function countRequestCommandsOnly(): Promise<void> {
  const { sentCommands } = await import("../../functions/lib/db.ts");
  if (Object.hasOwn(sentCommands, PATCHED)) return;
  const push = sentCommands.push.bind(sentCommands);
  Object.defineProperties(sentCommands, {
    [PATCHED]: { value: true },
    push: { value: (...names: string[]) => (streamInvocation() ? sentCommands.length : push(...names)) },
  });
}
