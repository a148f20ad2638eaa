/** 我的头像 (components/volunteer/FacePhoto.astro): show my face and set a new one (POST /api/me/photo). */
import { mePhoto, volunteersGet } from "../../../../shared/routes.ts";
import type { CurrentUser } from "../../lib/auth.ts";
import { call } from "../../lib/client.ts";
import { $ } from "../../lib/dom.ts";
import { faceBox } from "../../lib/photos.ts";
import { photoPicker } from "./photo-upload.ts";

async function myFace(user: CurrentUser) {
  const res = await call(volunteersGet, { params: { id: user.id }, fresh: true });
  return res.ok ? res.data.volunteer.photo : undefined;
}

export async function mountFace(user: CurrentUser): Promise<void> {
  const show = async () => {
    $("#my-face").replaceChildren(faceBox(user.name, await myFace(user), "large"));
  };
  $("#face-picker").replaceChildren(
    photoPicker({
      id: "face-file",
      label: "换一张头像（拍照或从相册选）",
      ask: (contentType, bytes) => call(mePhoto, { body: { contentType, bytes } }),
      shown: async (photoId) => (await myFace(user))?.id === photoId,
      done: show,
    }),
  );
  await show();
}
