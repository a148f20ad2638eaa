/**
 * 接单 and 派单: a volunteer claims an open need, or a worker of its community
 * dispatches it to a volunteer. Either is ONE conditional transaction: the need
 * (still open, as read) becomes claimed, and its booking — an ordinary booking made
 * by the booking item builder, status `accepted`, with `needId` and its 核销码 — is
 * written with the resident's live guard for this need. However many claim at once,
 * one transaction wins; every other claimer gets 409 ALREADY_CLAIMED and nothing is
 * written. Everything derived (the resident's notice and text, the dashboard)
 * follows from the stream.
 */
import type { NeedClaim } from "../../../shared/needs.ts";
import type { User } from "../../lib/auth.ts";
import { type BookingItem, newBookingItem } from "../bookings/item.ts";
import { getBookingItem, view } from "../bookings/read.ts";
import { bookingPut, liveGuardPut } from "../bookings/write.ts";
import { Conflict, Forbidden, InvalidTransition, NotFound } from "../errors.ts";
import { getProfile } from "../people.ts";
import { communityOf } from "../staff/registry.ts";
import { RETRY, transact, withRetries } from "../transact.ts";
import { type NeedItem, needUpdate, toNeedView } from "./item.ts";
import { needOr404 } from "./read.ts";

const alreadyClaimed = () => new Conflict("ALREADY_CLAIMED", "这个需求已经有志愿者接了");

/** The claimer's booking for the need: what a listing's booking would copy from its listing, from the need. */
export function needBooking(n: NeedItem, volunteer: { id: string; name: string; branch: string }, now: Date) {
  const made = newBookingItem(
    { id: n.residentId, name: n.residentName, role: "resident", community: n.community },
    {
      id: "",
      title: n.title,
      category: n.category,
      community: n.community,
      volunteerBranch: volunteer.branch,
      kind: "on_demand",
      volunteerId: volunteer.id,
      volunteerName: volunteer.name,
    },
    {
      phone: n.phone,
      address: n.address,
      note: n.description,
      preferredTime: n.when ? `${n.when.date} ${PART[n.when.part]}` : "",
    },
    "requested",
    now,
    undefined,
    n.phoneProven,
  );
  const at = now.toISOString();
  const b: BookingItem = { ...made, status: "accepted", acceptedAt: at, needId: n.id };
  return n.bookedBy
    ? {
        ...b,
        bookedBy: {
          id: n.bookedBy.id,
          name: n.bookedBy.name,
          role: "staff" as const,
          community: n.bookedBy.community,
        },
      }
    : b;
}

const PART = { morning: "上午", afternoon: "下午", evening: "晚上", any: "时间可商量" } as const;

async function claimFor(
  needId: string,
  volunteer: { id: string; name: string; branch: string },
  assignedBy: { id: string; name: string } | undefined,
  check: (n: NeedItem) => void,
  now: Date,
): Promise<NeedClaim> {
  return withRetries(async () => {
    const n = await needOr404(needId);
    if (n.hidden) throw new NotFound("需求");
    check(n);
    if (n.status === "claimed" || n.status === "fulfilled") throw alreadyClaimed();
    if (n.status !== "open") throw new InvalidTransition(n.status, "接单");
    if (n.residentId === volunteer.id) throw new Forbidden("不能接自己发布的需求");
    const b = needBooking(n, volunteer, now);
    const at = now.toISOString();
    const next: NeedItem = {
      ...n,
      status: "claimed",
      claimedBy: { id: volunteer.id, name: volunteer.name },
      ...(assignedBy ? { assignedBy } : {}),
      bookingId: b.id,
      claimedAt: at,
      firstClaimedAt: n.firstClaimedAt ?? at,
      updatedAt: at,
    };
    if (!assignedBy) delete next.assignedBy;
    const out = await transact([needUpdate(n, next), bookingPut(b), liveGuardPut(b)]);
    if (out.ok)
      return {
        need: toNeedView(
          next,
          assignedBy ? (n.bookedBy?.id === assignedBy.id ? "named" : "board") : "claimer",
          now,
        ),
        booking: await view(b, "volunteer-unmasked"),
      };
    // Someone else's claim (or a release) won the need meanwhile: read again and answer as it now is.
    return RETRY;
  });
}

/** 接单: the volunteer claims the need for themself. */
export async function claimNeed(user: User, needId: string, now = new Date()): Promise<NeedClaim> {
  const profile = await getProfile(user.id);
  return claimFor(
    needId,
    { id: user.id, name: profile?.name || user.name, branch: user.branch ?? profile?.branch ?? "" },
    undefined,
    () => {},
    now,
  );
}

/** 派单: a worker of the need's community gives it to a volunteer of that community, who is told. */
export async function assignNeed(
  worker: User,
  needId: string,
  volunteerId: string,
  now = new Date(),
): Promise<NeedClaim> {
  const community = communityOf(worker);
  const profile = await getProfile(volunteerId);
  if (!profile || profile.role !== "volunteer") throw new NotFound("志愿者");
  const claim = await claimFor(
    needId,
    { id: volunteerId, name: profile.name || volunteerId, branch: profile.branch ?? "" },
    { id: worker.id, name: worker.name },
    (n) => {
      if (n.community !== community) throw new Forbidden("只能为本社区的需求派单");
      if (profile.community !== community) throw new Forbidden("只能派给本社区的志愿者");
    },
    now,
  );
  // The worker who posted it for her sees the booking as for any booking they made (the 核销码 for her slip);
  // a resident's own need dispatched by a worker: contact masked, no code.
  const b = await bookingOf(claim.booking.id);
  return { ...claim, booking: await view(b, b.bookedBy?.id === worker.id ? "staff" : "volunteer") };
}

async function bookingOf(id: string): Promise<BookingItem> {
  const b = await getBookingItem(id);
  if (!b) throw new NotFound("预约");
  return b;
}
