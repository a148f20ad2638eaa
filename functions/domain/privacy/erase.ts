/**
 * PIPL erasure (issue 19.6; API.md v1.2 "Trust and safety"): `DELETE /api/me` (a
 * resident or a volunteer) and `DELETE /api/staff/residents/{id}` (a worker of the
 * resident's community). Personal data — name, phone, address, notes, texts — is
 * erased or anonymised; every booking stays, with its status, dates and hours, so
 * the dashboard, the rankings and reconcile count exactly what they counted before.
 *
 * Order matters: each booking is anonymised first, and only then are live ones
 * cancelled (or, a volunteer's, withdrawn), so the notices and texts the stream
 * projector writes for those moves already carry no name. Then the items around the
 * bookings that held the name or phone are rewritten or deleted (scrub.ts).
 */
import { keys } from "../../../shared/keys.ts";
import type { User } from "../../lib/auth.ts";
import { queryAll } from "../../lib/query.ts";
import { isLive } from "../booking-rules.ts";
import { phoneGuardDelete } from "../bookings/guards.ts";
import { BookingItem } from "../bookings/item.ts";
import { removeShareKey } from "../bookings/share.ts";
import { transition } from "../bookings/transition.ts";
import { Forbidden } from "../errors.ts";
import { ListingItem } from "../listings/item.ts";
import { eraseListingOwner } from "../listings/write.ts";
import { getProfile } from "../people.ts";
import { ownResident } from "../staff/registry.ts";
import { ERASED_NAME, erasedBooking } from "./anonymise.ts";
import { eraseVolunteerProfile } from "./profile.ts";
import {
  deleteIdempotency,
  deleteInbox,
  deleteItem,
  renameOn,
  rewriteBooking,
  scrubNotices,
  scrubTexts,
} from "./scrub.ts";
import { deleteSignIn } from "./sign-in.ts";

const residentBookings = async (residentId: string) =>
  (await queryAll({ index: "gsi1", pk: keys.residentBookings(residentId) })).map((r) => BookingItem.parse(r));

/** A resident's (an account's, or a registered one's) bookings and everything around them, without them. */
async function eraseResidentData(residentId: string, extraNames: string[], extraPhones: string[], now: Date) {
  const bookings = await residentBookings(residentId);
  const at = now.toISOString();
  const names = [...new Set([...extraNames, ...bookings.map((b) => b.residentName)])];
  const phones = new Set([...extraPhones, ...bookings.map((b) => b.phone)]);
  const ids = new Set(bookings.map((b) => b.id));
  const inboxes = new Set<string>();
  for (const b of bookings) {
    inboxes.add(b.volunteerId);
    if (b.bookedBy) inboxes.add(b.bookedBy.id);
    // A live booking's phone guard is keyed by the phone: it goes with the phone, in the same write.
    const erased = await rewriteBooking(
      b.id,
      (current) => erasedBooking(current, at),
      (current) => (isLive(current.status) ? phoneGuardDelete(current) : []),
    );
    if (erased && isLive(erased.status))
      await transition(
        { id: residentId, name: ERASED_NAME, role: "resident" },
        b.id,
        { action: "cancel" },
        now,
      );
    if (b.reviewId) await renameOn(keys.review(b.reviewId), "residentName", ERASED_NAME);
    // The family's link goes too (the rewrite above sets fields and removes none).
    if (b.shareKey) await removeShareKey(b.id);
  }
  await scrubNotices(inboxes, ids, names);
  await scrubTexts(phones, ids, names, residentId);
  await deleteInbox(residentId);
  await deleteIdempotency(residentId);
}

/** A volunteer's listings closed, their live bookings withdrawn, and their name gone from all of it. */
async function eraseVolunteerData(user: User, names: string[], now: Date) {
  const listings = (
    await queryAll({
      index: "gsi7",
      pk: keys.volunteerShopPartition(user.id),
      sk: { beginsWith: "LISTING#" },
    })
  ).map((r) => ListingItem.parse(r));
  const bookings = (await queryAll({ index: "gsi2", pk: keys.volunteerBookings(user.id) })).map((r) =>
    BookingItem.parse(r),
  );
  const allNames = [...new Set([...names, ...listings.map((l) => l.volunteerName)])];
  const months = new Set<string>();
  const inboxes = new Set<string>();
  const phones = new Set<string>();
  for (const b of bookings) {
    inboxes.add(b.residentId);
    if (b.bookedBy) inboxes.add(b.bookedBy.id);
    phones.add(b.phone);
    if (b.completedAt) months.add(b.completedAt);
    const renamed = await rewriteBooking(b.id, (current) => ({ ...current, volunteerName: ERASED_NAME }));
    if (renamed && isLive(renamed.status))
      await transition(user, b.id, { action: "withdraw", reason: "志愿者已注销账号" }, now);
    if (b.reviewId) await renameOn(keys.review(b.reviewId), "volunteerName", ERASED_NAME);
  }
  for (const l of listings) await eraseListingOwner(l.id, ERASED_NAME, now);
  await eraseVolunteerProfile(user.id, [...months], ERASED_NAME);
  const ids = new Set(bookings.map((b) => b.id));
  await scrubNotices(inboxes, ids, allNames);
  await scrubTexts(phones, ids, allNames);
  await deleteInbox(user.id);
}

/** DELETE /api/me: a resident's or a volunteer's own account. */
export async function eraseAccount(user: User, now = new Date()): Promise<void> {
  if (user.role !== "resident" && user.role !== "volunteer")
    throw new Forbidden("管理员和社区工作者的账号请由区管理员办理注销", "ERASURE_BY_ADMIN");
  const profile = await getProfile(user.id);
  const names = [user.name, profile?.name ?? ""].filter(Boolean);
  if (user.role === "volunteer") await eraseVolunteerData(user, names, now);
  else {
    await eraseResidentData(user.id, names, profile?.phone ? [profile.phone] : [], now);
    await deleteItem(keys.user(user.id));
  }
  // Last: a failure before it leaves the sign-in, so the person can simply try again.
  await deleteSignIn(user.id);
}

/** DELETE /api/staff/residents/{id}: a registered resident withdrawn by a worker of their community. */
export async function eraseRegisteredResident(worker: User, id: string, now = new Date()): Promise<void> {
  const r = await ownResident(worker, id);
  await eraseResidentData(r.id, [r.name], [r.phone], now);
  await deleteItem(keys.registryPhone(r.community, r.phone));
  await deleteItem(keys.registeredResident(r.id));
}
