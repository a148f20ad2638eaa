/**
 * 社区工作台 (pages/staff/index.astro): find or register the resident → pick the
 * service (and its session) → book on their behalf → print the slip; the bookings
 * made so far below. Everything through the typed client; every step is a button,
 * nothing times out, no pop-ups.
 */
import { $ } from "../../lib/dom.ts";
import { gate } from "../gate.ts";
import { mountBooking } from "./book.ts";
import { loadMine, mountCommitteePhone } from "./mine.ts";
import { loadWaiting, mountStaffNeed } from "./needs.ts";
import { mountResidents } from "./residents.ts";

const user = gate(["staff"], "/staff/", () => "社区工作台仅限社区工作者使用。");
if (user) {
  $("#content").hidden = false;
  $("#who").textContent = `${user.name} · ${user.community ?? "未设置社区"}`;
  void mountCommitteePhone(user.community);
  mountResidents();
  mountBooking(() => void loadMine());
  void loadMine();
  mountStaffNeed(() => void loadWaiting(user.community));
  void loadWaiting(user.community);
}
