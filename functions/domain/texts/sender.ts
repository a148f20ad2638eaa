/**
 * Where a text goes: one interface, two senders. Deployed, Amazon SNS publishes it
 * to the phone number (an SMS, Transactional, so it is delivered even to numbers on
 * a promotional opt-out list and costs the transactional rate); locally, the table's
 * outbox is the phone (GET /api/dev/outbox shows it). Chosen once at cold start by
 * SMS_SENDER (`sns` deployed, set by infra/schedule.ts; anything else is the outbox).
 */
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { MAINLAND_E164 } from "../../../shared/trust.ts";

export interface MessageSender {
  readonly name: "sns" | "outbox";
  /** Send one text; resolves with the provider's message id, rejects if it was refused. */
  send(to: string, text: string): Promise<{ messageId: string }>;
}

/** Mainland mobile → E.164. */
export const e164 = (phone: string) => (phone.startsWith("+") ? phone : `+86${phone}`);

export class SnsSender implements MessageSender {
  readonly name = "sns";
  private readonly client: SNSClient;
  constructor(client = new SNSClient({})) {
    this.client = client;
  }

  async send(to: string, text: string) {
    // Mainland mobiles only (trust and safety), besides the account's SMS country allow-list.
    const number = e164(to);
    if (!MAINLAND_E164.test(number))
      throw Object.assign(new Error("not a mainland mobile"), { name: "NotMainland" });
    const res = await this.client.send(
      new PublishCommand({
        PhoneNumber: number,
        Message: text,
        MessageAttributes: {
          "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
        },
      }),
    );
    return { messageId: res.MessageId ?? "" };
  }
}

/** Local: the outbox item itself is what was "sent"; nothing leaves the machine. */
export class OutboxSender implements MessageSender {
  readonly name = "outbox";
  async send(_to: string, _text: string) {
    return { messageId: "outbox" };
  }
}

let configured: MessageSender | undefined;
export function senderFromEnv(): MessageSender {
  configured ??= process.env.SMS_SENDER === "sns" ? new SnsSender() : new OutboxSender();
  return configured;
}
