/** 退订短信 (/sms/): a code to the number, then the code stops every text to it. */
import { smsOptOut, smsOptOutVerify } from "../../../shared/routes.ts";
import { call } from "../lib/client.ts";
import { $, control } from "../lib/dom.ts";
import { say, went } from "./msg.ts";

const phone = control("phone", HTMLInputElement);
const code = control("code", HTMLInputElement);

$("#ask").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await call(smsOptOut, { body: { phone: phone.value } });
  if (!went(res)) return;
  ($("#step-confirm") as HTMLElement).hidden = false;
  say("验证码已发到这个号码，10 分钟内有效。");
  code.focus();
});

$("#confirm").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await call(smsOptOutVerify, { body: { phone: phone.value, code: code.value.trim() } });
  if (!res.ok) return say(res.error.message, "err");
  ($("#step-confirm") as HTMLElement).hidden = true;
  say(`已退订：${res.data.phone} 不会再收到网淘的短信。`);
});
