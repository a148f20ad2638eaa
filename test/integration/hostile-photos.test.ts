/**
 * Hostile input at every photo route (the upload requests, delete, reorder, an admin's
 * hide) and at the local S3's form gate: a 4xx in the error format, never a 5xx, no
 * write sent, nothing changed; the gate answers S3's XML errors and stores nothing.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, listingInput, volunteer } from "../support/builders.ts";
import { anyJsonValue, expectRefusedUnchanged, hostileBody, invalidFor } from "../support/hostile.ts";
import { postToS3 } from "../support/photos.ts";

let api: TestApi;
let vToken: string;
let aToken: string;
let listingId: string;

beforeAll(async () => {
  api = await startApi({ photos: true });
  vToken = await api.login(volunteer(1));
  aToken = await api.login(admin());
  listingId = (await api.request("POST", "/api/listings", { token: vToken, body: listingInput() })).body.id;
});
afterAll(() => api.close());

const listing = async () => (await api.request("GET", `/api/listings/${listingId}`)).body;
const runs = { numRuns: 40 };
const valid = { contentType: "image/jpeg", bytes: 2048 };

describe("hostile input at photo routes", () => {
  it("POST /api/listings/{id}/photos and POST /api/me/photo", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody(valid).filter(invalidFor("listings/photo-upload")), async (body) => {
        await expectRefusedUnchanged(api, listing, `/api/listings/${listingId}/photos`, vToken, body);
        await expectRefusedUnchanged(api, listing, "/api/me/photo", vToken, body);
      }),
      runs,
    );
  });

  it("PATCH /api/listings/{id} with photos", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(
            anyJsonValue.map((photos) => ({ photos })),
            fc
              .array(fc.record({ id: fc.string({ maxLength: 70 }), alt: anyJsonValue }), { maxLength: 8 })
              .map((photos) => ({ photos })),
          )
          .filter(
            (b) => invalidFor("listings/update")(b) || (Array.isArray(b.photos) && b.photos.length > 0),
          ),
        async (body) => {
          await expectRefusedUnchanged(
            api,
            listing,
            `/api/listings/${listingId}`,
            vToken,
            body,
            undefined,
            "PATCH",
          );
        },
      ),
      runs,
    );
  });

  it("DELETE /api/listings/{id}/photos/{photoId} and POST /api/admin/photos/{photoId}/hide with any id", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 80 }),
        hostileBody({ reason: "不当内容" }),
        async (id, body) => {
          const photoId = encodeURIComponent(id) || "x";
          await expectRefusedUnchanged(
            api,
            listing,
            `/api/listings/${listingId}/photos/${photoId}`,
            vToken,
            undefined,
            undefined,
            "DELETE",
          );
          await expectRefusedUnchanged(api, listing, `/api/admin/photos/${photoId}/hide`, aToken, body);
        },
      ),
      runs,
    );
  });

  it("the local S3 gate: any mangled form field is refused in S3's XML, and nothing is stored", async () => {
    const asked = await api.request("POST", `/api/listings/${listingId}/photos`, {
      token: vToken,
      body: valid,
    });
    const { fields, url } = asked.body.upload as { url: string; fields: Record<string, string> };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(fields)),
        fc.string({ maxLength: 40 }),
        async (name, value) => {
          fc.pre(value !== fields[name]);
          const sent = await postToS3(
            { url, fields: { ...fields, [name]: value } },
            Buffer.alloc(100, 1),
            "image/jpeg",
          );
          expect(sent.status, sent.text).toBeGreaterThanOrEqual(400);
          expect(sent.status, sent.text).toBeLessThan(500);
          expect(sent.text).toMatch(/<Error><Code>\w+<\/Code>/);
        },
      ),
      { numRuns: 30 },
    );
    await api.photosProcessed();
    expect((await listing()).photos).toEqual([]);
  });
});
