/**
 * The join box on a service page: open the form (log in first, residents only),
 * check it against the API's own BookingInput schema, join (scripts/service/join.ts
 * retries under a rush, showing 排队中…) and say the outcome plainly.
 */
import { useIssueWords } from "../../../../shared/issue-words.ts";
import { meGet } from "../../../../shared/routes.ts";
import type { Listing } from "../../../../shared/schemas.ts";
import { BookingInput } from "../../../../shared/schemas.ts";
import { auth } from "../../lib/auth.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { sessionWhen } from "../../lib/sessions.ts";
import { alreadyBox, mine } from "./already.ts";
import { wireFamilyProof } from "./family-proof.ts";
import { type JoinBody, type JoinOutcome, join } from "./join.ts";
import type { SessionPicker } from "./session-chips.ts";

// Issues without a message of their own say what they said with classic zod.
useIssueWords();

type Tone = "ok" | "warn" | "err";

type Show = (tone: Tone, title: string, text: string, link?: boolean) => void;

/** The outcome box: a title, a sentence and (unless refused) the way to 我的预约; focus moves to it. */
function showResult(result: HTMLElement, tone: Tone, title: string, text: string, link: boolean) {
  result.replaceChildren(
    h(
      "div",
      { class: `notice ${tone}` },
      h("p", {}, h("strong", { class: "result-title" }, title)),
      h("p", {}, text),
      link ? h("p", {}, h("a", { class: "btn btn-primary", href: "/me/" }, "查看我的预约")) : null,
    ),
  );
  result.focus();
}

/** The form as a join's body, or what is wrong with it in plain words. */
function formBody(l: Listing): JoinBody | string[] {
  const phone = control("phone", HTMLInputElement);
  const address = control("address", HTMLInputElement);
  const body: JoinBody = { phone: phone.value.trim() };
  const where = address.value.trim();
  const when = control("preferredTime", HTMLInputElement).value.trim();
  const typed = control("note", HTMLTextAreaElement).value.trim();
  // 为家人预约: whose name goes first in the note; the phone and address are theirs.
  const family = control("for-family", HTMLInputElement).checked
    ? control("family-name", HTMLInputElement).value.trim()
    : "";
  const note = family ? `为家人预约：${family}。${typed}` : typed;
  if (l.mode === "door" && where) body.address = where;
  if (when) body.preferredTime = when;
  if (note) body.note = note;
  const checked = BookingInput.safeParse(body);
  const problems = checked.success
    ? []
    : checked.error.issues.map((i) => `${i.path.join(".") === "phone" ? "电话：" : ""}${i.message}`);
  if (l.mode === "door" && !body.address) problems.push("上门服务请填写地址");
  if (control("for-family", HTMLInputElement).checked && !family) problems.push("请填写家人的姓名");
  return problems.length ? problems : body;
}

/** What a join came to, said plainly: in the result box, or beside the form when it was refused as invalid. */
function sayOutcome(o: JoinOutcome, show: Show) {
  const form = control("join-form", HTMLFormElement);
  const formError = $("#form-error");
  if (o.kind !== "invalid" && o.kind !== "undecided") form.hidden = true;
  switch (o.kind) {
    case "booked":
      return show(
        "ok",
        "预约成功！",
        `${o.booking.startsAt ? `日期：${sessionWhen({ startsAt: o.booking.startsAt })}。` : ""}志愿者会尽快确认并联系您。服务时请把「我的预约」里的核销码告诉志愿者。`,
      );
    case "waitlisted":
      return show(
        "warn",
        `已加入候补，您排第 ${o.booking.waitlistPosition ?? "?"} 位`,
        "名额已满。有人取消时会按顺序递补，递补成功会通知您。",
      );
    case "already":
      return show("warn", "您已经加入了这个项目", o.error.message);
    case "full":
      return show("err", "名额已满", `${o.error.message}。可以稍后再来看看，或看看其他服务。`, false);
    case "closed":
    case "refused":
      return show("err", "暂时不能加入", o.error.message, false);
    case "invalid":
      formError.textContent = o.error.message;
      formError.hidden = false;
      $("#result").replaceChildren();
      return;
    case "undecided":
      return show(
        "warn",
        "人太多了，还没排上",
        "您的报名还没有确定。请再点「继续排队」，不会重复报名；也可以稍后在「我的预约」里查看。",
      );
  }
}

/** 为家人预约: the family member's name box, proving her phone, and the phone's label says whose number it is. */
function wireFamily() {
  wireFamilyProof();
  const forFamily = control("for-family", HTMLInputElement);
  forFamily.addEventListener("change", () => {
    const on = forFamily.checked;
    $("#family-box").hidden = !on;
    $("#family-proof").hidden = !on;
    $("#phone-label").textContent = on
      ? "家人的手机（必填；验证后，短信发到这个号码）"
      : "手机或电话（必填）";
    if (on) control("family-name", HTMLInputElement).focus();
  });
}

/** A join riding out a rush: 排队中… on the button and a line saying it is retrying by itself. */
function waiting(submit: HTMLButtonElement, result: HTMLElement, attempt: number) {
  submit.textContent = "排队中…";
  result.replaceChildren(
    h(
      "p",
      { class: "notice warn" },
      `排队中…人比较多，正在为您自动重试（第 ${attempt} 次），请不要离开本页。`,
    ),
  );
}

/** `sessions`: the date chips of a scheduled listing, whose chosen session the join books. */
/** Resolves once the box shows whether she has already joined (before the page shows: no layout shift). */
export function mountJoin(l: Listing, sessions?: Promise<SessionPicker>): Promise<void> {
  const form = control("join-form", HTMLFormElement);
  const joinBtn = control("join", HTMLButtonElement);
  const submit = control("submit", HTMLButtonElement);
  const phone = control("phone", HTMLInputElement);
  const address = control("address", HTMLInputElement);
  const formError = $("#form-error");
  const result = $("#result");
  $("#address-box").hidden = l.mode !== "door";
  // A session's date is its time: no 希望的时间 to ask for.
  for (const el of document.querySelectorAll<HTMLElement>("#preferredTime, label[for=preferredTime]"))
    el.hidden = Boolean(l.schedule);
  if (l.status !== "published") joinBtn.disabled = true;
  // Already joined: her booking's status and a link instead of the button (a scheduled
  // service keeps it, for other dates); her last address ready in the form.
  const own = mine(l).then((m) => {
    if (m?.live.length) {
      joinBtn.before(alreadyBox(m.live, Boolean(l.schedule)));
      joinBtn.hidden = !l.schedule;
    }
    return m;
  });

  const show = (tone: Tone, title: string, text: string, link = true) =>
    showResult(result, tone, title, text, link);

  async function open() {
    const user = auth.currentUser();
    // The address carries the chosen date (&session=) through the login.
    const back = new URLSearchParams(location.search);
    back.set("join", "1");
    if (!user) return auth.login(`/service/?${back}`);
    if (user.role !== "resident")
      return show("warn", "请用居民账号加入", "志愿者和管理员账号不能预约服务。", false);
    const m = await own;
    if (m?.live.length && !l.schedule) return;
    const picker = await sessions;
    if (picker && !picker.selected()) return picker.ask("请先选择日期，再点「加入该项目」。");
    form.hidden = false;
    joinBtn.hidden = true;
    if (!address.value && m?.lastAddress) address.value = m.lastAddress;
    phone.focus();
    if (!phone.value) {
      const me = await call(meGet, { login: false });
      if (me.ok && me.data.phone && !phone.value) phone.value = me.data.phone;
    }
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    formError.hidden = true;
    const body = formBody(l);
    const session = (await sessions)?.selected();
    if (session && !Array.isArray(body)) body.sessionId = session.id;
    if (Array.isArray(body)) {
      formError.textContent = body.join("；");
      formError.hidden = false;
      (body[0]?.startsWith("电话") ? phone : address).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = "正在提交…";
    const o = await join(l.id, body, {
      onWait: (attempt) => waiting(submit, result, attempt),
    });
    submit.disabled = false;
    submit.textContent = o.kind === "undecided" ? "继续排队" : "确认加入";
    sayOutcome(o, show);
  });
  joinBtn.addEventListener("click", () => void open());
  wireFamily();
  return own.then(() => undefined);
}
