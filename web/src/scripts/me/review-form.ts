/** The five-faces review form under a completed booking on 我的预约. */
import { reviewsCreate } from "../../../../shared/routes.ts";
import type { Booking } from "../../../../shared/schemas.ts";
import { type CallArgs, type CallResult, call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { FACES, STAR_WORDS } from "../../lib/format.ts";

type ReviewBody = CallArgs<typeof reviewsCreate>["body"];

export function reviewForm(
  b: Booking,
  done: (res: CallResult<typeof reviewsCreate>) => void,
  warn: (text: string) => void,
): HTMLFormElement {
  const name = `stars-${b.id}`;
  const choices = [5, 4, 3, 2, 1].map((n) =>
    h(
      "label",
      { class: "star-choice" },
      h("input", { type: "radio", name, value: n, required: true }),
      h("span", { "aria-hidden": "true", class: "face" }, FACES[n - 1] ?? ""),
      h("span", {}, `${n} 星 ${STAR_WORDS[n - 1] ?? ""}`),
    ),
  );
  const comment = h("textarea", { id: `comment-${b.id}`, rows: 2, maxlength: 500 });
  const form = h(
    "form",
    { class: "review-form" },
    h("fieldset", {}, h("legend", {}, "给这次服务打分"), ...choices),
    h("label", { for: `comment-${b.id}` }, "说几句（可不填）"),
    comment,
    h("button", { type: "submit", class: "primary btn-big" }, "提交评价"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const picked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
    if (!picked) return warn("请先选几颗星");
    const body: ReviewBody = { stars: Number(picked.value) };
    if (comment.value.trim()) body.comment = comment.value.trim();
    done(await call(reviewsCreate, { params: { id: b.id }, body }));
  });
  return form;
}
