/** The service page: load the listing named by ?id=, then its header, join box and reviews. */
import { listingsGet, volunteersGet } from "../../../../shared/routes.ts";
import { auth } from "../../lib/auth.ts";
import { call } from "../../lib/client.ts";
import { $, failState, param } from "../../lib/dom.ts";
import { faceBox } from "../../lib/photos.ts";
import { renderHeader } from "./header.ts";
import { mountJoin } from "./join-box.ts";
import { mountReviews } from "./reviews.ts";
import { mountSessions } from "./session-chips.ts";

const notFound = (text: string) => failState("没有找到这项服务", text);

const id = param("id") ?? "";
const res = id ? await call(listingsGet, { params: { id } }) : undefined;
if (!res) notFound("没有找到这项服务，可能已下架。");
else if (!res.ok) notFound(res.status === 404 ? "没有找到这项服务，可能已下架。" : res.error.message);
else {
  renderHeader(res.data);
  const picker = res.data.schedule ? mountSessions(res.data, param("session")) : undefined;
  const joined = mountJoin(res.data, picker);
  // The dates, and whether she has joined, in place before the page shows, so nothing below them moves.
  await Promise.all([picker, joined]);
  $("#state").hidden = true;
  $("#service").hidden = false;
  if (param("join") === "1" && auth.currentUser()) $("#join").click();
  // The volunteer's face, into the box already sized for it.
  void call(volunteersGet, { params: { id: res.data.volunteer.id } }).then((shop) => {
    if (shop.ok && shop.data.volunteer.photo)
      $("#vol-face").replaceChildren(faceBox(res.data.volunteer.name, shop.data.volunteer.photo));
  });
  await mountReviews(id);
}
