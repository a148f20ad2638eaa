/**
 * Local auth, standing in for Cognito's hosted login (local only, never deployed):
 * `POST /api/dev/login` issues a JWT from the local token issuer (tokens.ts) and
 * `GET /api/dev/users` lists the demo people the login page offers.
 * `GET /api/dev/outbox?to=<phone>` is the local stand-in for the residents' phones:
 * the texts (SMS) sent, newest first; reading it first delivers what is due, as the
 * texts job does on its timer (functions/jobs/texts.ts).
 * `POST /api/dev/sms-inbound {"from","body"}` is a reply texted to 网淘 (a resident's
 * T): it feeds functions/sms/inbound.ts the event two-way SMS publishes deployed.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, send, sendError } from "./apigw.ts";
import { DevLogin, type TokenIssuer } from "./tokens.ts";

export interface DevAuthOptions {
  issuer: TokenIssuer;
  /** Demo people offered by the dev login page. */
  demoUsers?: () => Promise<unknown>;
}

const MAX_LOGIN_BYTES = 64 * 1024;

export const isDevAuthPath = (pathname: string) =>
  pathname === "/api/dev/login" ||
  pathname === "/api/dev/users" ||
  pathname === "/api/dev/outbox" ||
  pathname === "/api/dev/sms-inbound";

/** A reply texted to 网淘, as the SNS event two-way SMS delivers it to functions/sms/inbound.ts. */
async function smsInbound(res: ServerResponse, json: unknown) {
  const { InboundSms } = await import("../../shared/trust.ts");
  const sms = InboundSms.safeParse(json);
  if (!sms.success) return sendError(res, "VALIDATION_FAILED", { message: "请给出 from 和 body" });
  const { handler } = await import("../../functions/sms/inbound.ts");
  const message = JSON.stringify({ originationNumber: sms.data.from, messageBody: sms.data.body });
  const record = { EventSource: "aws:sns", Sns: { MessageId: `local-${Date.now()}`, Message: message } };
  const out = await handler({ Records: [record] } as unknown as Parameters<typeof handler>[0]);
  return send(res, 200, out);
}

async function outbox(res: ServerResponse, url: URL) {
  const { OutboxQuery } = await import("../../shared/texts.ts");
  const q = OutboxQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) return sendError(res, "VALIDATION_FAILED", { message: "请填写正确的电话号码" });
  const { deliverDue } = await import("../../functions/domain/texts/deliver.ts");
  const { OutboxSender } = await import("../../functions/domain/texts/sender.ts");
  const { listOutbox } = await import("../../functions/domain/texts/outbox.ts");
  await deliverDue(new OutboxSender());
  return send(res, 200, { items: await listOutbox(q.data.to) });
}

export async function devAuth(req: IncomingMessage, res: ServerResponse, url: URL, opts: DevAuthOptions) {
  const method = (req.method ?? "GET").toUpperCase();
  if (url.pathname === "/api/dev/outbox") {
    if (method !== "GET") return sendError(res, "METHOD_NOT_ALLOWED", { headers: { allow: "GET" } });
    return outbox(res, url);
  }
  if (url.pathname === "/api/dev/users") {
    if (method !== "GET") return sendError(res, "METHOD_NOT_ALLOWED", { headers: { allow: "GET" } });
    return send(res, 200, { items: (await opts.demoUsers?.()) ?? [] });
  }
  if (method !== "POST") return sendError(res, "METHOD_NOT_ALLOWED", { headers: { allow: "POST" } });
  const body = await readBody(req);
  if (body === null || body.length > MAX_LOGIN_BYTES) return sendError(res, "PAYLOAD_TOO_LARGE");
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return sendError(res, "MALFORMED_JSON");
  }
  if (url.pathname === "/api/dev/sms-inbound") return smsInbound(res, json);
  const login = DevLogin.safeParse(json);
  if (!login.success) {
    const details = login.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return sendError(res, "VALIDATION_FAILED", { message: "登录信息有误", details });
  }
  return send(res, 200, { token: await opts.issuer.issue(login.data) });
}
