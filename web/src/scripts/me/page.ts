/** 我的预约: a resident's bookings and everyone's notifications; volunteers and admins are pointed to their pages. */
import { $, h } from "../../lib/dom.ts";
import { gate } from "../gate.ts";
import { loadBookings } from "./bookings.ts";
import { mountErase } from "./erase.ts";
import { loadNeeds } from "./needs.ts";
import { mountNotes } from "./notifications.ts";

const user = gate(["resident", "volunteer", "admin"], "/me/");
if (user) {
  $("#content").hidden = false;
  if (user.role === "resident") {
    void loadBookings();
    void loadNeeds();
  } else {
    $("#needs-section").hidden = true;
    const volunteer = user.role === "volunteer";
    $("#bookings-section").replaceChildren(
      h(
        "p",
        { class: "card-box" },
        volunteer ? "志愿者的预约请求在" : "管理员请前往",
        h("a", { href: volunteer ? "/volunteer/" : "/admin/" }, volunteer ? "志愿者工作台" : "管理后台"),
        "。",
      ),
    );
  }
  void mountNotes();
  // PIPL: residents and volunteers may erase their own account (admins' and workers' are the district's to close).
  if (user.role === "resident" || user.role === "volunteer") mountErase();
}
