/**
 * 发布需求: a resident posts a need, or a community worker posts one for a resident
 * registered in their community (`onBehalfOf`, phone and address from the registry).
 * One transaction: the need and the resident's count of open or claimed needs, on
 * the condition that it stays at most 3.
 */
import { MAX_ACTIVE_NEEDS, type Need, type NeedInput } from "../../../shared/needs.ts";
import type { User } from "../../lib/auth.ts";
import { Conflict, Forbidden, Unavailable, ValidationFailed } from "../errors.ts";
import { ownResident } from "../staff/registry.ts";
import { transact } from "../transact.ts";
import { isProvenFor } from "../trust/proof.ts";
import { activeCount, type NeedItem, needPut, newNeedItem, toNeedView } from "./item.ts";

export const tooMany = () =>
  new Conflict("TOO_MANY_NEEDS", `您已有 ${MAX_ACTIVE_NEEDS} 个需求在等待或服务中，请等它们完成后再发布`);

export async function postNeed(caller: User, input: NeedInput, now = new Date()): Promise<Need> {
  let need: NeedItem;
  if (caller.role === "staff") {
    if (!input.onBehalfOf)
      throw new ValidationFailed("请选择为哪位居民发布", [
        { in: "body", path: "onBehalfOf", message: "必填" },
      ]);
    const r = await ownResident(caller, input.onBehalfOf);
    // A worker registered the number, with the resident's consent: it is proven.
    need = newNeedItem(
      { id: r.id, name: r.name, phone: r.phone, address: r.address, phoneProven: true },
      input,
      now,
      {
        id: caller.id,
        name: caller.name,
        role: "staff",
        community: r.community,
      },
    );
  } else {
    if (input.onBehalfOf !== undefined) throw new Forbidden("只有社区工作者可以代居民发布需求");
    need = newNeedItem(
      {
        id: caller.id,
        name: caller.name,
        phone: input.phone ?? "",
        address: input.address ?? "",
        phoneProven: await isProvenFor(caller, input.phone ?? ""),
      },
      input,
      now,
    );
  }
  const out = await transact([needPut(need), activeCount(need.residentId, 1, MAX_ACTIVE_NEEDS)]);
  if (out.ok) return toNeedView(need, caller.role === "staff" ? "named" : "owner", now);
  if (out.failed.has("active")) throw tooMany();
  throw new Unavailable(1);
}
