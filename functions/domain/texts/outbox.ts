/** The local outbox (GET /api/dev/outbox, never deployed): texts to one phone, or all, newest first. */
import { keys } from "../../../shared/keys.ts";
import type { OutboxText } from "../../../shared/texts.ts";
import { queryPage } from "../../lib/query.ts";
import { outboxView, TextItem } from "./item.ts";

export async function listOutbox(to?: string, limit = 100): Promise<OutboxText[]> {
  const res = await queryPage(
    to
      ? { index: "gsi1", pk: keys.outboxOf(to), newestFirst: true, limit }
      : { index: "gsi2", pk: keys.outbox(), newestFirst: true, limit },
  );
  return res.items.map((r) => outboxView(TextItem.parse(r)));
}
