/** 志愿者工作台: the inbox, my listings and the listing form, for a signed-in volunteer. */
import { control } from "../../lib/dom.ts";
import { gate } from "../gate.ts";
import { mountFace } from "./face.ts";
import { mountInbox } from "./inbox.ts";
import { mountListingForm } from "./listing-form.ts";
import { loadMine, mountMine } from "./my-listings.ts";

const user = gate(
  ["volunteer"],
  "/volunteer/",
  (u) => `您现在登录的是${u.name}（不是志愿者账号）。请退出后用志愿者账号登录。`,
);
if (user) {
  control("console", HTMLDivElement).hidden = false;
  control("my-shop", HTMLAnchorElement).href = `/shop/?id=${encodeURIComponent(user.id)}`;
  const form = mountListingForm(user, loadMine);
  void Promise.all([mountInbox(loadMine), mountMine(form.startEdit), mountFace(user)]);
}
