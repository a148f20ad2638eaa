/** The listing form (components/volunteer/ListingForm.astro) read into what the API takes, and the schema's complaints in words. */
import * as z from "zod/mini";
import { useIssueWords } from "../../../../shared/issue-words.ts";
import { CategorySchema, Kind, Mode } from "../../../../shared/schemas.ts";
import { control } from "../../lib/dom.ts";
import { readSchedule } from "./schedule-fields.ts";

// Issues without a message of their own say what they said with classic zod.
useIssueWords();

const LABEL: Record<string, string> = {
  title: "服务名称",
  description: "服务介绍",
  community: "社区",
  capacity: "名额",
  startsAt: "开始时间",
  endsAt: "结束时间",
  schedule: "举办方式",
  place: "活动地点",
};

export const input = (id: string) => control(id, HTMLInputElement);
export const select = (id: string) => control(id, HTMLSelectElement);
const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);
export const toLocal = (value?: string) => {
  if (!value) return "";
  const d = new Date(value);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function formData() {
  const kind = z.catch(Kind, "on_demand").parse(select("f-kind").value);
  const capacity = Number(input("f-capacity").value) || 1;
  // A repeating event has its schedule instead of one start and end.
  const { schedule } = kind === "event" ? readSchedule(capacity) : {};
  return {
    title: input("f-title").value.trim(),
    description: control("f-desc", HTMLTextAreaElement).value.trim(),
    category: z.catch(CategorySchema, "convenience").parse(select("f-category").value),
    kind,
    mode: z.catch(Mode, "door").parse(select("f-mode").value),
    community: input("f-community").value.trim(),
    place: input("f-place").value.trim(),
    capacity,
    startsAt: schedule ? undefined : iso(input("f-starts").value),
    endsAt: schedule ? undefined : iso(input("f-ends").value),
    schedule,
  };
}

export const problems = (error: z.core.$ZodError) =>
  error.issues
    .map((i) => `${LABEL[String(i.path[0])] ? `${LABEL[String(i.path[0])]}：` : ""}${i.message}`)
    .join("；");
