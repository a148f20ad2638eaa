/**
 * Trust and safety, issue 19.3: an admin's pause sticks. The attack replayed: a
 * volunteer whose listing an admin paused PATCHes it back to published; the pause
 * records who paused it and why, the owner gets 409 PAUSED_BY_ADMIN and sees why in
 * their own list, and only an admin's resume puts it back on show.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, listingInput, volunteer } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  t.v = await api.login(volunteer(31));
  t.admin = await api.login(admin());
});
afterAll(() => api.close());

const patch = (id: string, body: unknown) =>
  api.request("PATCH", `/api/listings/${id}`, { token: t.v, body });

describe("an admin's pause", () => {
  it("cannot be undone by the owner; an admin resumes it", async () => {
    // Prepare
    const l = await api.request("POST", "/api/listings", { token: t.v, body: listingInput() });
    expect(l.status, l.text).toBe(201);
    const id = l.body.id as string;
    // Act: the admin pauses it with a reason
    const paused = await api.request("POST", `/api/admin/listings/${id}/pause`, {
      token: t.admin,
      body: { reason: "描述含有收费内容" },
    });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body.status).toBe("paused");
    expect(paused.body.adminPause.reason).toBe("描述含有收费内容");
    // The owner tries to publish it again: refused, and nothing changed
    const again = await patch(id, { status: "published" });
    expect(again.status, again.text).toBe(409);
    expect(again.body.error.code).toBe("PAUSED_BY_ADMIN");
    expect((await api.request("GET", `/api/listings/${id}`)).status).toBe(404);
    // The owner may still edit it (the pause and its reason stay) and sees why it is paused
    const edited = await patch(id, { title: "义务理发（已改）" });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ status: "paused", adminPause: { reason: "描述含有收费内容" } });
    const mine = await api.request("GET", "/api/volunteer/listings", { token: t.v });
    expect(mine.body.items.find((x: { id: string }) => x.id === id)?.adminPause?.reason).toBe(
      "描述含有收费内容",
    );
    expect((await patch(id, { status: "published" })).body.error.code).toBe("PAUSED_BY_ADMIN");
    // Only an admin resumes it
    const byOwner = await api.request("POST", `/api/admin/listings/${id}/resume`, { token: t.v });
    expect(byOwner.status).toBe(403);
    const resumed = await api.request("POST", `/api/admin/listings/${id}/resume`, { token: t.admin });
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body.status).toBe("published");
    expect(resumed.body.adminPause).toBeUndefined();
    expect((await api.request("GET", `/api/listings/${id}`)).status).toBe(200);
    // A resumed listing is the owner's again: they may pause and publish it themselves
    expect((await patch(id, { status: "paused" })).status).toBe(200);
    expect((await patch(id, { status: "published" })).status).toBe(200);
    // Resuming a listing that is not paused is a 409
    const notPaused = await api.request("POST", `/api/admin/listings/${id}/resume`, { token: t.admin });
    expect(notPaused.status).toBe(409);
    expect(notPaused.body.error.code).toBe("INVALID_TRANSITION");
  });

  it("makes an owner's own pause stick too, and answers 404 for an unknown listing", async () => {
    const l = await api.request("POST", "/api/listings", { token: t.v, body: listingInput() });
    const id = l.body.id as string;
    expect((await patch(id, { status: "paused" })).status).toBe(200);
    const paused = await api.request("POST", `/api/admin/listings/${id}/pause`, {
      token: t.admin,
      body: { reason: "核实中" },
    });
    expect(paused.status, paused.text).toBe(200);
    expect((await patch(id, { status: "published" })).body.error.code).toBe("PAUSED_BY_ADMIN");
    const none = await api.request("POST", "/api/admin/listings/l-none/resume", { token: t.admin });
    expect(none.status).toBe(404);
  });
});
