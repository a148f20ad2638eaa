/** A volunteer's shop (?id=): profile, figures and their published listings. */
import { volunteersGet } from "../../../shared/routes.ts";
import { listingCard } from "../lib/cards.ts";
import { call } from "../lib/client.ts";
import { $, control, failState, h, param } from "../lib/dom.ts";
import { faceBox } from "../lib/photos.ts";

const fail = (text: string) => failState("没有找到这位志愿者", text);

const id = param("id") ?? "";
const res = id ? await call(volunteersGet, { params: { id } }) : undefined;
if (!res) fail("没有找到这位志愿者。");
else if (!res.ok) fail(res.status === 404 ? "没有找到这位志愿者。" : res.error.message);
else {
  const { volunteer: v, listings } = res.data;
  document.title = `${v.name}的小店 · 网淘`;
  $("#name").textContent = `${v.name}的小店`;
  $("#face").replaceChildren(faceBox(v.name, v.photo, "large"));
  $("#where").textContent = [v.branch, v.community].filter(Boolean).join(" · ");
  $("#hours").textContent = String(v.hoursServed);
  $("#done").textContent = String(v.completedCount);
  $("#rating").textContent = v.ratingCount ? `★${v.ratingAvg.toFixed(1)}` : "—";
  $("#rating-count").textContent = `${v.ratingCount} 条评价`;
  $("#bio").textContent = v.bio ?? "";
  const live = listings.filter((l) => l.status === "published");
  $("#listings").replaceChildren(
    ...(live.length
      ? live.map(listingCard)
      : [h("li", { class: "muted" }, "这位志愿者暂时没有在线的服务。")]),
  );
  control("poster", HTMLAnchorElement).href = `/poster/?shop=${encodeURIComponent(v.id)}`;
  $("#state").hidden = true;
  $("#shop").hidden = false;
}
