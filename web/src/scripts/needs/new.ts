/** 发布需求 (pages/needs/new): the form, prefilled from `?q=&category=`, posted through the typed client. */
import { needsCreate } from "../../../../shared/routes.ts";
import { CategorySchema } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { COMMUNITY_KEY, fillCommunities } from "../../lib/communities.ts";
import { $, control, param } from "../../lib/dom.ts";
import { guessCategory } from "../../lib/needs.ts";
import { gate } from "../gate.ts";
import { say } from "../msg.ts";

const q = (param("q") ?? "").trim().slice(0, 30);
const user = gate(["resident"], `/needs/new/${location.search}`, () => "发布需求请用居民账号登录。");

async function submit(e: Event) {
  e.preventDefault();
  const val = (id: string) =>
    (document.getElementById(id) as HTMLInputElement | HTMLSelectElement).value.trim();
  const category = CategorySchema.safeParse(val("n-category"));
  const mode =
    document.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value === "venue"
      ? "venue"
      : "door";
  const part = val("n-part");
  const res = await call(needsCreate, {
    body: {
      title: val("n-title"),
      category: category.success ? category.data : "convenience",
      ...(val("n-description") ? { description: val("n-description") } : {}),
      community: val("n-community"),
      mode,
      ...(val("n-date")
        ? {
            when: {
              date: val("n-date"),
              part: part === "morning" || part === "afternoon" || part === "evening" ? part : "any",
            },
          }
        : {}),
      phone: val("n-phone"),
      ...(val("n-address") ? { address: val("n-address") } : {}),
    },
  });
  if (!res.ok) {
    const field = res.error.details.find(
      (d): d is { path: string } => typeof d === "object" && d !== null && "path" in d,
    );
    const words: Record<string, string> = {
      title: "请写清楚需要什么（2–30 个字）",
      community: "请选择您住的社区",
      phone: "请填写正确的电话号码",
    };
    return say(
      field && words[field.path] ? (words[field.path] ?? res.error.message) : res.error.message,
      "err",
    );
  }
  $("#need-form").hidden = true;
  const done = $("#need-done");
  done.hidden = false;
  done.focus();
  say("");
}

if (user) {
  $("#content").hidden = false;
  control("n-title", HTMLInputElement).value = q;
  const cat = CategorySchema.safeParse(param("category") ?? guessCategory(q));
  if (cat.success) control("n-category", HTMLSelectElement).value = cat.data;
  const community = control("n-community", HTMLSelectElement);
  void fillCommunities(community, user.community ?? localStorage.getItem(COMMUNITY_KEY) ?? "");
  $("#need-form").addEventListener("submit", (e) => void submit(e));
}
