/**
 * A need as stored, how a new one is made, and how it is shown to whom. A need
 * keeps its resident's contact (for the booking its claim makes); the board never
 * shows it, and the name there is masked.
 */
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import { type Need, type NeedInput, NeedMode, NeedStatus, NeedWhen } from "../../../shared/needs.ts";
import { CategorySchema } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { newId } from "../../lib/ids.ts";
import type { TaggedItem } from "../transact.ts";

const Person = z.object({ id: z.string(), name: z.string() });

export const NeedItem = z.object({
  id: z.string(),
  category: CategorySchema,
  title: z.string(),
  description: z._default(z.string(), ""),
  community: z.string(),
  mode: NeedMode,
  when: z.optional(NeedWhen),
  status: NeedStatus,
  residentId: z.string(),
  residentName: z.string(),
  phone: z.string(),
  address: z._default(z.string(), ""),
  bookedBy: z.optional(z.extend(Person, { role: z.literal("staff"), community: z.string() })),
  claimedBy: z.optional(Person),
  /** Who made the claim: the volunteer themself (接单) or a worker dispatching it (派单). */
  assignedBy: z.optional(Person),
  bookingId: z.optional(z.string()),
  claimedAt: z.optional(z.string()),
  /** The first claim (kept through a release): the dashboard counts a need claimed once, by it. */
  firstClaimedAt: z.optional(z.string()),
  fulfilledAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  expiredAt: z.optional(z.string()),
  escalatedAt: z.optional(z.string()),
  releasedAt: z.optional(z.string()),
  releaseReason: z.optional(z.string()),
  /** How many times it was claimed and released (claims counted once each on the dashboard). */
  releases: z._default(z.number(), 0),
  /** Trust and safety: the phone is proven hers (trust/proof.ts); only then is it texted. */
  phoneProven: z._default(z.boolean(), false),
  hidden: z.optional(z.boolean()),
  hiddenAt: z.optional(z.string()),
  hiddenReason: z.optional(z.string()),
  /** Expired: the 居委会 phone its text gives (looked up by the needs job, which expires it). */
  committeePhone: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NeedItem = z.infer<typeof NeedItem>;

/** Open or claimed: what the resident's at-most-3 counts. */
export const isActiveNeed = (s: NeedItem["status"]) => s === "open" || s === "claimed";

export function newNeedItem(
  resident: { id: string; name: string; phone: string; address: string; phoneProven: boolean },
  input: z.infer<typeof NeedInput>,
  now: Date,
  bookedBy?: NeedItem["bookedBy"],
): NeedItem {
  const at = now.toISOString();
  return {
    id: newId("n"),
    category: input.category,
    title: input.title,
    description: input.description ?? "",
    community: bookedBy?.community ?? input.community,
    mode: input.mode,
    ...(input.when ? { when: input.when } : {}),
    status: "open",
    residentId: resident.id,
    residentName: resident.name,
    phone: resident.phone,
    address: resident.address,
    ...(bookedBy ? { bookedBy } : {}),
    releases: 0,
    phoneProven: resident.phoneProven,
    createdAt: at,
    updatedAt: at,
  };
}

/** 陈** : the first character and a star for each of the rest (at least two). */
export const maskName = (name: string) => {
  const chars = [...name.trim()];
  return `${chars[0] ?? ""}${"*".repeat(Math.max(2, chars.length - 1))}`;
};

/**
 * Who is looking: its resident (everything); the worker who posted it or the volunteer
 * who claimed it (`named`: the name, no contact — GET routes never write, so they never
 * show contact that would need auditing); the claimer in the claim's own answer
 * (`claimer`: the contact, audited with the booking's acceptance); anyone else the board
 * lets in (`board`: the name masked, no contact).
 */
export type NeedViewer = "owner" | "named" | "claimer" | "board";

export function viewerOfNeed(n: NeedItem, user: User): NeedViewer {
  if (user.role === "resident" && user.id === n.residentId) return "owner";
  if (user.role === "staff" && n.bookedBy?.id === user.id) return "named";
  if (user.role === "volunteer" && n.claimedBy?.id === user.id && n.status !== "open") return "named";
  return "board";
}

export function toNeedView(n: NeedItem, viewer: NeedViewer, now?: Date): Need {
  const contact = viewer === "owner" || viewer === "claimer";
  const opt = <K extends keyof NeedItem>(k: K) => (n[k] !== undefined ? { [k]: n[k] } : {});
  return {
    id: n.id,
    category: n.category,
    title: n.title,
    description: n.description,
    community: n.community,
    mode: n.mode,
    ...opt("when"),
    status: n.status,
    createdAt: n.createdAt,
    residentName: viewer === "board" ? maskName(n.residentName) : n.residentName,
    ...(n.bookedBy ? { bookedBy: { id: n.bookedBy.id, name: n.bookedBy.name, role: "staff" as const } } : {}),
    ...opt("claimedBy"),
    ...opt("bookingId"),
    ...opt("claimedAt"),
    ...opt("fulfilledAt"),
    ...opt("cancelledAt"),
    ...opt("expiredAt"),
    ...opt("escalatedAt"),
    ...(n.hidden ? { hidden: true } : {}),
    ...(n.status === "open" && now
      ? { waitingHours: Math.floor((now.getTime() - Date.parse(n.createdAt)) / 360_000) / 10 }
      : {}),
    ...(contact ? { phone: n.phone, address: n.address } : {}),
  };
}

/** A new need, on the condition that its id is new. */
export const needPut = (n: NeedItem): TaggedItem<"need"> => ({
  tag: "need",
  Put: {
    TableName: TABLE_NAME,
    Item: { ...keys.need(n.id), type: "need", ...n, ...keys.needIndexes(n) },
    ConditionExpression: "attribute_not_exists(pk)",
  },
});

const NEED_INDEX_ATTRS = ["gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "gsi5pk", "gsi5sk"];

/** Move a need from `before` to `next` on the condition that it is still in the status read. */
export function needUpdate(before: NeedItem, next: NeedItem): TaggedItem<"need"> {
  const idx = keys.needIndexes(next);
  const set: Record<string, unknown> = { ...idx };
  const remove: string[] = NEED_INDEX_ATTRS.filter((a) => !(a in idx));
  for (const [k, v] of Object.entries(next)) {
    if (JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify(v)) set[k] = v;
  }
  for (const k of Object.keys(before)) if (!(k in next)) remove.push(k);
  const parts = update({ set, remove });
  return {
    tag: "need",
    Update: {
      TableName: TABLE_NAME,
      Key: keys.need(before.id),
      ...withCondition(
        parts,
        "#status = :from AND #updated = :updated",
        { "#status": "status", "#updated": "updatedAt" },
        { ":from": before.status, ":updated": before.updatedAt },
      ),
    },
  };
}

/**
 * The resident's count of open or claimed needs moved by `by` (+1 on the condition it
 * stays at most `max`; −1 when a need ends).
 */
export function activeCount(residentId: string, by: 1 | -1, max?: number): TaggedItem<"active"> {
  const parts = update({ add: { active: by } });
  return {
    tag: "active",
    Update: {
      TableName: TABLE_NAME,
      Key: keys.activeNeeds(residentId),
      ...(max !== undefined
        ? withCondition(parts, "attribute_not_exists(#active) OR #active < :max", {}, { ":max": max })
        : parts),
    },
  };
}
