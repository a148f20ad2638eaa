/** 消息通知 on 我的预约 (components/me/Notifications.astro). */
import { meNotifications, meNotificationsRead } from "../../../../shared/routes.ts";
import { call } from "../../lib/client.ts";
import { $, h } from "../../lib/dom.ts";
import { day } from "../../lib/format.ts";

export async function loadNotes(): Promise<void> {
  const res = await call(meNotifications);
  if (!res.ok) return;
  const items = res.data.items;
  const unread = items.filter((n) => !n.read).length;
  const badge = $("#unread");
  badge.hidden = !unread;
  badge.textContent = `${unread} 条新消息`;
  $("#read-all").hidden = !unread;
  const note = (n: (typeof items)[number]) =>
    h(
      "li",
      { class: n.read ? "note" : "note unread" },
      // The text names the service already; name it only where it does not.
      n.text.includes(n.listingTitle) ? null : h("strong", {}, `${n.listingTitle} `),
      h("span", {}, n.text),
      h("span", { class: "muted" }, ` · ${day(n.createdAt)}`),
    );
  // New ones on top of the page, newest first; those already read folded below them.
  const latest = items.slice(0, 10);
  const fresh = latest.filter((n) => !n.read);
  const old = latest.filter((n) => n.read);
  $("#notes").replaceChildren(
    ...(fresh.length ? fresh.map(note) : [h("li", { class: "muted" }, "暂时没有新消息。")]),
  );
  $("#old-notes-box").hidden = old.length === 0;
  $("#old-notes").replaceChildren(...old.map(note));
}

export function mountNotes(): Promise<void> {
  $("#read-all").addEventListener("click", async () => {
    await call(meNotificationsRead);
    await loadNotes();
  });
  return loadNotes();
}
