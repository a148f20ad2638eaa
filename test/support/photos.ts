/**
 * Photo fixtures, made with sharp (nothing downloaded): a phone-like JPEG that is
 * stored sideways (EXIF orientation 6) and carries a GPS location, files that are not
 * images, a decompression bomb, a 12 MP phone-sized photo for the benchmarks; and a
 * reader of a WebP's RIFF chunks, to assert what the served file really holds.
 */
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

/**
 * 300 × 200 as stored, red on the left and blue on the right, EXIF orientation 6
 * ("rotate 90° clockwise to view"): upright it is 200 × 300, red on top, blue below.
 * Its EXIF holds a GPS position (杭州拱墅区).
 */
export async function sidewaysJpegWithGps(): Promise<Buffer> {
  const half = (r: number, b: number) =>
    sharp({ create: { width: 150, height: 200, channels: 3, background: { r, g: 0, b } } })
      .png()
      .toBuffer();
  return sharp({ create: { width: 300, height: 200, channels: 3, background: "#fff" } })
    .composite([
      { input: await half(255, 0), left: 0, top: 0 },
      { input: await half(0, 255), left: 150, top: 0 },
    ])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: "TestPhone", Model: "T1" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "30/1 19/1 0/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "120/1 8/1 0/1",
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A Windows executable's first bytes, as a `.exe` renamed `.jpg` starts. */
export function fakeExe(bytes = 4096): Buffer {
  const b = Buffer.alloc(bytes, 0);
  b.write("MZ", 0, "latin1");
  b.write("This program cannot be run in DOS mode.", 78, "latin1");
  return b;
}

/**
 * A valid PNG of a few hundred KB that decodes to 10 000 × 10 000 grey pixels (100 MP):
 * a decompression bomb. Written by hand (signature, IHDR, one deflated IDAT, IEND).
 */
export function pngBomb(side = 10_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc((side + 1) * side, 0), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", rows),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The chunks of a RIFF/WebP file: fourCC and size, in order. */
export function webpChunks(buf: Buffer): { fourCC: string; size: number; data: Buffer }[] {
  if (buf.toString("latin1", 0, 4) !== "RIFF" || buf.toString("latin1", 8, 12) !== "WEBP")
    throw new Error("not a WebP file");
  const chunks: { fourCC: string; size: number; data: Buffer }[] = [];
  for (let at = 12; at + 8 <= buf.length; ) {
    const fourCC = buf.toString("latin1", at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    chunks.push({ fourCC, size, data: buf.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size % 2);
  }
  return chunks;
}

/** A decoded pixel's colour. */
export async function pixelAt(
  image: Buffer,
  x: number,
  y: number,
): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return { r: data[i] ?? 0, g: data[i + 1] ?? 0, b: data[i + 2] ?? 0 };
}

/** Upload a file to a presigned POST as a browser form does. */
export async function postToS3(
  upload: { url: string; fields: Record<string, string> },
  file: Buffer,
  type: string,
): Promise<{ status: number; text: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(file)], { type }), "photo.jpg");
  const res = await fetch(upload.url, { method: "POST", body: form });
  return { status: res.status, text: await res.text() };
}

/**
 * A 12 MP phone-like JPEG, sideways, with a GPS tag: colour noise at 1/32 scale, smoothed
 * up (1.4 MB, the size a phone writes). Busier than most photos (its thumb is ~50 KB where
 * a street or a face is 20–40 KB): a page's weight measured with these errs on the heavy side.
 */
export async function phonePhoto(seed: number): Promise<Buffer> {
  const w = 4032;
  const h = 3024;
  const f = 32;
  const small = Buffer.alloc(Math.round(w / f) * Math.round(h / f) * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < small.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    small[i] = (x >> 16) & 0xff;
  }
  return sharp(small, { raw: { width: Math.round(w / f), height: Math.round(h / f), channels: 3 } })
    .resize(w, h, { kernel: "cubic" })
    .jpeg({ quality: 88 })
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "30/1 19/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}
