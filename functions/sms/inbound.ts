/**
 * Inbound texts (deployed: two-way SMS publishes each reply to an SNS topic this
 * function is subscribed to; locally `POST /api/dev/sms-inbound` feeds it the same
 * event). A reply of T (TD, 退订) opts its number out of every text.
 */
import type { SNSEvent } from "aws-lambda";
import * as z from "zod/mini";
import { receiveSms } from "../domain/trust/opt-out.ts";
import { logger } from "../lib/logger.ts";

/** The message two-way SMS publishes (AWS End User Messaging SMS): the fields read here. */
const TwoWayMessage = z.object({
  originationNumber: z.string().check(z.maxLength(20)),
  messageBody: z.string().check(z.maxLength(1600)),
});

export const handler = async (event: SNSEvent) => {
  let optedOut = 0;
  for (const record of event.Records) {
    let json: unknown;
    try {
      json = JSON.parse(record.Sns.Message);
    } catch {
      json = undefined;
    }
    const msg = TwoWayMessage.safeParse(json);
    if (!msg.success) {
      logger.warn("inbound text not understood", { messageId: record.Sns.MessageId });
      continue;
    }
    const r = await receiveSms({
      from: msg.data.originationNumber,
      body: msg.data.messageBody.slice(0, 400),
    });
    if (r.optedOut) optedOut++;
  }
  return { optedOut };
};
