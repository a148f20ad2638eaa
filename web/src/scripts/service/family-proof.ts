/**
 * 为家人预约: prove the family member's phone with a one-time code (API.md v1.2 "Trust
 * and safety"), so the booking's texts go to it. The code goes to the number typed in
 * the join form's phone field; the family member reads it out; a changed number must
 * be proven again. Booking without it works too, only without texts.
 */
import { mePhones, mePhonesVerify } from "../../../../shared/routes.ts";
import { call } from "../../lib/client.ts";
import { $, control, notice } from "../../lib/dom.ts";

const tail = (phone: string) => `尾号 ${phone.slice(-4)} 的手机`;

export function wireFamilyProof(): void {
  const phone = control("phone", HTMLInputElement);
  const code = control("family-code", HTMLInputElement);
  const codeBox = $("#family-code-box");
  const msg = $("#family-proof-msg");
  const say = (text: string, tone: "ok" | "err") => notice(msg, text, tone);
  let proven = "";
  phone.addEventListener("input", () => {
    if (!proven || phone.value.trim() === proven) return;
    proven = "";
    say("号码改了：这个号码还没有验证。", "err");
  });
  control("family-send", HTMLButtonElement).addEventListener("click", async () => {
    const number = phone.value.trim();
    if (!number) {
      say("请先在上面填写家人的手机号。", "err");
      return phone.focus();
    }
    const res = await call(mePhones, { body: { phone: number } });
    if (!res.ok) return say(res.error.message, "err");
    codeBox.hidden = false;
    say(`验证码已发到${tail(number)}，10 分钟内有效。请家人把短信里的 6 位数字告诉您。`, "ok");
    code.focus();
  });
  control("family-verify", HTMLButtonElement).addEventListener("click", async () => {
    const number = phone.value.trim();
    const typed = code.value.trim();
    if (!/^\d{6}$/.test(typed)) {
      say("请填写 6 位数字的验证码。", "err");
      return code.focus();
    }
    const res = await call(mePhonesVerify, { body: { phone: number, code: typed } });
    if (!res.ok) return say(res.error.message, "err");
    proven = number;
    code.value = "";
    codeBox.hidden = true;
    say(`已验证：提醒和结果的短信会发到${tail(number)}。`, "ok");
  });
}
