/**
 * 发布新服务 / 编辑服务 (components/volunteer/ListingForm.astro): the form read into
 * a ListingInput, checked with the API's own schema (the listing rules live there
 * once), a live preview card, publish / draft / save.
 */
import { listingsCreate, listingsUpdate } from "../../../../shared/routes.ts";
import type { Listing } from "../../../../shared/schemas.ts";
import { ListingInput, ListingPatch } from "../../../../shared/schemas.ts";
import type { CurrentUser } from "../../lib/auth.ts";
import { listingCard } from "../../lib/cards.ts";
import { call } from "../../lib/client.ts";
import { $, control } from "../../lib/dom.ts";
import { say } from "../msg.ts";
import { formData, input, problems, select, toLocal } from "./listing-form-data.ts";
import { syncWords } from "./listing-words.ts";
import { fillSchedule, readSchedule, sameSchedule, syncSchedule } from "./schedule-fields.ts";

/** The card residents will see, as the form stands. */
function previewOf(d: ReturnType<typeof formData>, user: CurrentUser, editing: Listing | undefined): Listing {
  const now = new Date().toISOString();
  return {
    ...d,
    id: "preview",
    title: d.title || "（服务名称）",
    community: d.community || "（社区）",
    seatsTaken: 0,
    waitlistCount: 0,
    status: "published",
    volunteer: { id: user.id, name: user.name },
    ratingAvg: 0,
    ratingCount: 0,
    completedCount: 0,
    createdAt: now,
    updatedAt: now,
    photos: editing?.photos ?? [],
  };
}

/** The form filled from a listing being edited (its kind stays what it is). */
function fillForm(l: Listing) {
  input("edit-id").value = l.id;
  input("f-title").value = l.title;
  select("f-category").value = l.category;
  select("f-kind").value = l.kind;
  select("f-kind").disabled = true;
  select("f-mode").value = l.mode;
  input("f-community").value = l.community;
  input("f-place").value = l.place ?? "";
  input("f-capacity").value = String(l.capacity);
  input("f-starts").value = toLocal(l.startsAt);
  input("f-ends").value = toLocal(l.endsAt);
  control("f-desc", HTMLTextAreaElement).value = l.description;
}

/** The heading and buttons of 发布新服务, or of 编辑服务. */
function showEditing(on: boolean) {
  $("#edit-h").textContent = on ? "编辑服务" : "发布新服务";
  $("#publish").textContent = on ? "保存" : "发布";
  $("#save-draft").hidden = on;
  $("#cancel-edit").hidden = !on;
}

function showError(err: HTMLElement, text: string) {
  err.textContent = text;
  err.hidden = false;
}

export function mountListingForm(user: CurrentUser, saved: () => Promise<void>) {
  const form = control("edit", HTMLFormElement);
  const err = $("#form-error");
  let editing: Listing | undefined;

  function sync() {
    const d = formData();
    $("#time-box").hidden = d.kind !== "event";
    syncSchedule(d.kind, d.capacity);
    const card = listingCard(previewOf(d, user, editing));
    card.querySelector("a")?.removeAttribute("href");
    $("#preview").replaceChildren(card);
    syncWords(sync);
  }

  function reset() {
    form.reset();
    editing = undefined;
    fillSchedule(undefined);
    input("edit-id").value = "";
    select("f-kind").disabled = false;
    input("f-community").value = user.community ?? "";
    showEditing(false);
    sync();
  }

  function startEdit(l: Listing) {
    fillForm(l);
    editing = l;
    fillSchedule(l.schedule);
    showEditing(true);
    sync();
    input("f-title").focus();
  }

  async function send(status: "published" | "draft") {
    err.hidden = true;
    const d = formData();
    const id = input("edit-id").value;
    const problem = d.kind === "event" ? readSchedule(d.capacity).problem : undefined;
    if (problem) return showError(err, `举办方式：${problem}`);
    // An edit sends the schedule only when it changed: a new one reshapes future sessions.
    const { kind: _kind, schedule, ...fields } = d;
    const rest = !schedule || sameSchedule(editing?.schedule, schedule) ? fields : { ...fields, schedule };
    const checked = id
      ? ListingPatch.safeParse({ ...rest, startsAt: d.startsAt ?? null, endsAt: d.endsAt ?? null })
      : ListingInput.safeParse({ ...d, status });
    if (!checked.success) return showError(err, problems(checked.error));
    const res = id
      ? await call(listingsUpdate, {
          params: { id },
          body: { ...rest, startsAt: d.startsAt ?? null, endsAt: d.endsAt ?? null },
        })
      : await call(listingsCreate, { body: { ...d, status } });
    if (!res.ok) return showError(err, res.error.message);
    say(id ? `已保存：${d.title}` : status === "published" ? `已发布：${d.title}` : `已存为草稿：${d.title}`);
    reset();
    await saved();
    $("#mine-h").scrollIntoView();
  }

  form.addEventListener("input", sync);
  form.addEventListener("change", sync);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void send("published");
  });
  $("#save-draft").addEventListener("click", () => void send("draft"));
  $("#cancel-edit").addEventListener("click", reset);
  reset();
  return { startEdit };
}
