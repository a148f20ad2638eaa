/**
 * The needs job: nobody left waiting silently. An open need is shown to its
 * community's workers after 24 h (待派单: `escalatedAt` set once, so the workers'
 * notice is made once by the projector) and expires after 72 h (the resident told
 * kindly by the projector: notice and text). One Query page at a time of the
 * district's open needs, oldest first, each change its own conditional write: running
 * twice, or two runs at once, changes nothing more.
 */
import { keys } from "../../../shared/keys.ts";
import { NEED_ESCALATE_AFTER_H, NEED_EXPIRE_AFTER_H } from "../../../shared/needs.ts";
import { queryPage } from "../../lib/query.ts";
import { committeePhone } from "../staff/committee.ts";
import { transact } from "../transact.ts";
import { activeCount, NeedItem, needUpdate } from "./item.ts";

const H = 3_600_000;

export async function sweepNeeds(now = new Date()): Promise<{ escalated: number; expired: number }> {
  const escalateBefore = new Date(now.getTime() - NEED_ESCALATE_AFTER_H * H).toISOString();
  const expireBefore = new Date(now.getTime() - NEED_EXPIRE_AFTER_H * H).toISOString();
  const at = now.toISOString();
  let escalated = 0;
  let expired = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await queryPage({
      index: "gsi2",
      pk: keys.districtNeeds("open"),
      sk: { below: escalateBefore },
      limit: 50,
      ...(start ? { start } : {}),
    });
    for (const row of res.items) {
      const n = NeedItem.parse(row);
      if (n.createdAt < expireBefore) {
        const phone = await committeePhone(n.bookedBy?.community ?? n.community);
        const next: NeedItem = {
          ...n,
          status: "expired",
          expiredAt: at,
          ...(phone ? { committeePhone: phone } : {}),
          updatedAt: at,
        };
        const out = await transact([needUpdate(n, next), activeCount(n.residentId, -1)]);
        if (out.ok) expired++;
      } else if (!n.escalatedAt) {
        const out = await transact([needUpdate(n, { ...n, escalatedAt: at, updatedAt: at })]);
        if (out.ok) escalated++;
      }
    }
    start = res.lastKey;
  } while (start);
  return { escalated, expired };
}
