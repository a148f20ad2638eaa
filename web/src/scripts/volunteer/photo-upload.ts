/**
 * One photo from the phone to the shop window: checked here first (size, and that it
 * really is a photo), then the API's presigned POST, the upload straight to S3 with a
 * progress bar, and a wait for the processing to show it (or to say why it was refused).
 */
import { meNotifications, type mePhoto } from "../../../../shared/routes.ts";
import { type CallResult, call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { checkPhoto, uploadToS3 } from "../../lib/photo-upload.ts";

export type Ask = (
  contentType: "image/jpeg" | "image/png" | "image/webp",
  bytes: number,
) => Promise<CallResult<typeof mePhoto>>;

/** A file input (camera or album), its progress bar and its message line, ready to place. */
export function photoPicker(opts: {
  id: string;
  label: string;
  ask: Ask;
  /** Resolves true once the processed photo is where it belongs. */
  shown: (photoId: string) => Promise<boolean>;
  done: () => void | Promise<void>;
}): HTMLElement {
  const input = h("input", { type: "file", accept: "image/*", id: opts.id, class: "photo-input" });
  const label = h("label", { for: opts.id, class: "btn" }, opts.label);
  const bar = h("progress", { max: 1, value: 0, hidden: true, "aria-label": "上传进度" });
  const msg = h("p", { role: "status", "aria-live": "polite", class: "photo-msg" });
  const tell = (text: string, kind: "ok" | "warn" | "err" = "ok") =>
    msg.replaceChildren(h("span", { class: `notice ${kind}` }, text));
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    const check = await checkPhoto(file);
    if (!check.ok) return tell(check.message, "err");
    const asked = await opts.ask(check.type, file.size);
    if (!asked.ok) return tell(asked.error.message, "err");
    tell("正在上传…");
    bar.hidden = false;
    bar.value = 0;
    const status = await uploadToS3(asked.data.upload, file, (f) => {
      bar.value = f;
    });
    bar.hidden = true;
    if (status < 200 || status >= 300)
      return tell("照片没有传上去（可能是网络不好或照片太大），请再试一次。", "err");
    tell("已上传，正在处理照片…");
    const since = new Date(Date.now() - 5_000).toISOString();
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => setTimeout(r, 700));
      if (await opts.shown(asked.data.photoId)) {
        await opts.done();
        return tell("照片已经放好了。");
      }
      const notes = await call(meNotifications, { fresh: true });
      const refused = notes.ok
        ? notes.data.items.find((n) => n.type === "photo_refused" && n.createdAt >= since)
        : undefined;
      if (refused) return tell(refused.text, "err");
    }
    tell("照片还在处理中，请过一会儿刷新页面看看。", "warn");
  });
  // The input lies over its label (see global.css): one target the size of the button, as tall as 长辈模式 wants.
  return h("div", { class: "photo-picker" }, h("span", { class: "photo-pick" }, label, input), bar, msg);
}
