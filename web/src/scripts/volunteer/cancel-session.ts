/** 取消这一场 (components/volunteer/CancelSession.astro): a reason, then a second press to be sure. */
import { useIssueWords } from "../../../../shared/issue-words.ts";
import { listingsCancelSession } from "../../../../shared/routes.ts";
import { SessionCancelInput } from "../../../../shared/sessions.ts";
import { call } from "../../lib/client.ts";
import { control } from "../../lib/dom.ts";
import { say, went } from "../msg.ts";

// Issues without a message of their own say what they said with classic zod.
useIssueWords();

export function mountCancel(listingId: string, sessionId: string, changed: () => Promise<void>): void {
  const reason = control("cancel-reason", HTMLTextAreaElement);
  const button = control("cancel-session", HTMLButtonElement);
  button.addEventListener("click", async () => {
    const body = SessionCancelInput.safeParse({ reason: reason.value });
    if (!body.success) {
      say(body.error.issues[0]?.message ?? "请写明取消原因", "err");
      return reason.focus();
    }
    if (!button.dataset.armed) {
      button.dataset.armed = "1";
      button.textContent = "确定取消这一场？再点一次";
      return;
    }
    const res = await call(listingsCancelSession, {
      params: { id: listingId, sessionId },
      body: body.data,
    });
    if (!went(res)) return;
    say("这一场已取消，已通知报名的居民");
    await changed();
  });
}
