/**
 * The demo district's pictures, made at seed time by sharp from shapes and text (never
 * downloaded): a photo for one published listing of each category and a few more, and
 * some volunteers' faces. They go through the same domain as a volunteer's upload (the
 * pending photo, then the processing that makes the WebP renditions), skipping only the
 * browser's POST. The drawn sources are cached in DATA_DIR so a reload only re-encodes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { getPhoto } from "../../functions/domain/photos/item.ts";
import { processBytes } from "../../functions/domain/photos/process.ts";
import { requestFacePhoto, requestListingPhoto } from "../../functions/domain/photos/upload.ts";
import { CATEGORIES } from "../../shared/categories.ts";
import { asUser, type DemoListing, demoDistrict } from "./demo-district.ts";

/** How many listing photos and faces the demo gets: enough for a shop window, few enough for a fast start. */
export const DEMO_LISTING_PHOTOS = 12;
export const DEMO_FACES = 6;

const TINTS: Record<string, [string, string]> = {
  convenience: ["#fde7d9", "#e8743b"],
  eco: ["#dcf2e0", "#2f8f4e"],
  donation: ["#fde2ea", "#d94873"],
  pairing: ["#e3e8fb", "#4a63c9"],
  counseling: ["#efe3f7", "#8a4fb3"],
  health: ["#dff3f4", "#1f8a92"],
  culture: ["#fdf1d6", "#c98a12"],
  safety: ["#e4edf2", "#3d6b85"],
};

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function listingSvg(l: DemoListing, n: number): string {
  const [bg, fg] = TINTS[l.category] ?? ["#eee", "#555"];
  const name = CATEGORIES.find((c) => c.slug === l.category)?.name ?? "";
  const circles = Array.from({ length: 5 }, (_, i) => {
    const x = 120 + ((n * 97 + i * 173) % 560);
    const y = 90 + ((n * 61 + i * 89) % 260);
    return `<circle cx="${x}" cy="${y}" r="${30 + ((n + i) % 4) * 18}" fill="${fg}" opacity="0.${2 + (i % 3)}"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 800 600">
  <rect width="800" height="600" fill="${bg}"/>${circles}
  <rect x="0" y="420" width="800" height="180" fill="${fg}"/>
  <text x="40" y="500" font-family="Noto Sans CJK SC, sans-serif" font-size="56" font-weight="bold" fill="#fff">${esc(l.title.slice(0, 12))}</text>
  <text x="40" y="565" font-family="Noto Sans CJK SC, sans-serif" font-size="32" fill="#fff">${esc(name)} · ${esc(l.community)}</text>
</svg>`;
}

export function faceSvg(n: number): string {
  const hues = ["#f3c9a8", "#e9b48f", "#d9a07b", "#f6d5b8"];
  const shirts = ["#c0392b", "#2d6a9f", "#3b7d4f", "#8e5ea2", "#b9770e", "#34495e"];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="360" viewBox="0 0 480 480">
  <rect width="480" height="480" fill="#eef2f5"/>
  <ellipse cx="240" cy="430" rx="170" ry="110" fill="${shirts[n % shirts.length]}"/>
  <circle cx="240" cy="200" r="105" fill="${hues[n % hues.length]}"/>
  <path d="M135 190 Q240 60 345 190 Q330 110 240 95 Q150 110 135 190 Z" fill="#2b2b2b"/>
</svg>`;
}

async function drawn(cacheDir: string, name: string, svg: string): Promise<Buffer> {
  const file = join(cacheDir, `${name}.jpg`);
  if (existsSync(file)) return readFileSync(file);
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
  writeFileSync(file, jpeg);
  return jpeg;
}

/**
 * Pick the listings to picture: the newest published one of each category (what a
 * category page and 新上架 show first), then the next newest.
 */
export function demoPhotoListings(
  listings: readonly DemoListing[],
  count = DEMO_LISTING_PHOTOS,
): DemoListing[] {
  const published = listings.filter((l) => l.status === "published").sort((a, b) => a.daysAgo - b.daysAgo);
  const picked = CATEGORIES.map((c) => published.find((l) => l.category === c.slug)).filter(
    (l): l is DemoListing => l !== undefined,
  );
  for (const l of published) if (picked.length < count && !picked.includes(l)) picked.push(l);
  return picked.slice(0, count);
}

export async function loadDemoPhotos(
  dataDir: string,
  now = new Date(),
): Promise<{ photos: number; faces: number }> {
  const cacheDir = join(dataDir, "demo-photos");
  mkdirSync(cacheDir, { recursive: true });
  const d = demoDistrict();
  const listings = demoPhotoListings(d.listings);
  const faces = d.volunteers
    .filter((v) => d.listings.some((l) => l.volunteer.sub === v.sub))
    .slice(0, DEMO_FACES);
  const jobs = [
    ...listings.map((l, i) => async () => {
      const drawing = await drawn(cacheDir, `listing-${l.id}`, listingSvg(l, i));
      const { photoId } = await requestListingPhoto(
        asUser(l.volunteer),
        l.id,
        { contentType: "image/jpeg", bytes: drawing.length },
        now,
      );
      return processBytes((await getPhoto(photoId)) ?? fail(photoId), drawing, now);
    }),
    ...faces.map((p, i) => async () => {
      const drawing = await drawn(cacheDir, `face-${p.sub}`, faceSvg(i));
      const { photoId } = await requestFacePhoto(
        asUser(p),
        { contentType: "image/jpeg", bytes: drawing.length },
        now,
      );
      return processBytes((await getPhoto(photoId)) ?? fail(photoId), drawing, now);
    }),
  ];
  // Two at a time: the machine's cores are shared with DynamoDB Local and the stream poller.
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
  return { photos: listings.length, faces: faces.length };
}

function fail(id: string): never {
  throw new Error(`demo photo ${id} was not recorded`);
}
