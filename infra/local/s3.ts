/**
 * The local S3: s3rver (an S3-compatible server on the file system, from npm, no Docker)
 * behind a small policy gate, with the same bucket layout as deployed. s3rver stores
 * what a browser POSTs but ignores the POST policy (its `policy` field is
 * "unimplemented"), so the gate checks it as S3 does before passing the form on: the
 * SigV4 signature of the policy, its expiry, and every condition (`eq`, `starts-with`,
 * `content-length-range`; a form field no condition covers is refused). Everything
 * else (the SDK's signed requests) goes straight through, and s3rver checks those
 * signatures itself. Object-created events on the uploads prefix are handed to
 * `onUpload` as the S3Event the deployed notification sends to the same handler.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { S3Event } from "aws-lambda";
import { MAX_PHOTO_BYTES, UPLOAD_PREFIX } from "../../shared/photos.ts";

/** s3rver's own keys: the SDK signs with them locally (functions/lib/s3.ts). */
const SECRET = "S3RVER";
/** A form a little bigger than the largest photo may still be refused by its policy; far bigger is cut off. */
const MAX_FORM_BYTES = MAX_PHOTO_BYTES + 1024 * 1024;

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: "event", listener: (e: S3Event) => void): void;
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverCtor;

export interface LocalS3 {
  /** The endpoint clients use (the gate). */
  endpoint: string;
  bucket: string;
  /** Resolves once every upload event so far has been handled (retries included). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalS3Options {
  port?: number;
  directory: string;
  bucket: string;
  onUpload: (event: S3Event) => Promise<unknown>;
  log?: (message: string) => void;
}

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, GET",
  "access-control-allow-headers": "*",
  "access-control-expose-headers": "etag, location",
};

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { "content-type": "application/xml", ...CORS_HEADERS });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<&]/g, "")}</Message></Error>`,
  );
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** Why S3 would refuse this POST form, or null when its policy allows it. */
export function policyRefusal(
  form: Map<string, string>,
  fileBytes: number,
  bucket: string,
  now = new Date(),
) {
  const field = (name: string) => form.get(name.toLowerCase());
  const policyB64 = field("policy");
  if (!policyB64) return { status: 403, code: "AccessDenied", message: "Bucket POST must contain a policy" };
  const credential = field("x-amz-credential") ?? "";
  const [, date = "", region = "", service = "", term = ""] = credential.split("/");
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date), region), service), term);
  const expected = createHmac("sha256", key).update(policyB64).digest("hex");
  if (field("x-amz-algorithm") !== "AWS4-HMAC-SHA256" || field("x-amz-signature") !== expected)
    return {
      status: 403,
      code: "SignatureDoesNotMatch",
      message: "The POST policy's signature does not match",
    };
  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(policyB64, "base64").toString("utf8"));
  } catch {
    return { status: 400, code: "InvalidPolicyDocument", message: "Invalid Policy: not JSON" };
  }
  if (!policy.expiration || Date.parse(policy.expiration) <= now.getTime())
    return { status: 403, code: "AccessDenied", message: "Invalid according to Policy: Policy expired." };
  const covered = new Set(["policy", "x-amz-signature", "file"]);
  const failed = (c: unknown) => ({
    status: 403,
    code: "AccessDenied",
    message: `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(c)}`,
  });
  for (const c of policy.conditions ?? []) {
    if (Array.isArray(c)) {
      const [op, a, b] = c as [string, unknown, unknown];
      if (op === "content-length-range") {
        if (fileBytes > Number(b))
          return {
            status: 400,
            code: "EntityTooLarge",
            message: "Your proposed upload exceeds the maximum allowed size",
          };
        if (fileBytes < Number(a))
          return {
            status: 400,
            code: "EntityTooSmall",
            message: "Your proposed upload is smaller than the minimum allowed size",
          };
        continue;
      }
      const name = String(a).replace(/^\$/, "").toLowerCase();
      covered.add(name);
      const value = name === "bucket" ? bucket : field(name);
      if (op === "eq" && value !== b) return failed(c);
      if (op === "starts-with" && !(value ?? "").startsWith(String(b))) return failed(c);
      if (op !== "eq" && op !== "starts-with") return failed(c);
    } else if (c && typeof c === "object") {
      for (const [k, v] of Object.entries(c)) {
        const name = k.toLowerCase();
        covered.add(name);
        const value = name === "bucket" ? bucket : field(name);
        if (value !== v) return failed(c);
      }
    }
  }
  for (const name of form.keys())
    if (!covered.has(name) && !name.startsWith("x-ignore-")) return failed(`Extra input fields: ${name}`);
  return null;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function forward(req: IncomingMessage, res: ServerResponse, target: AddressInfo, body?: Buffer) {
  const upstream = request(
    { host: "127.0.0.1", port: target.port, method: req.method, path: req.url, headers: req.headers },
    (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, ...(body ? CORS_HEADERS : {}) });
      up.pipe(res);
    },
  );
  upstream.on("error", () => xmlError(res, 502, "InternalError", "local S3 unavailable"));
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

/** A browser's form upload to the bucket: checked against its policy, then stored. */
async function formUpload(req: IncomingMessage, res: ServerResponse, target: AddressInfo, bucket: string) {
  const body = await readBody(req, MAX_FORM_BYTES);
  if (!body) {
    xmlError(res, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    req.destroy();
    return;
  }
  let data: FormData;
  try {
    data = await new Request("http://local/", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    return xmlError(
      res,
      400,
      "MalformedPOSTRequest",
      "The body of your POST request is not well-formed multipart/form-data.",
    );
  }
  const form = new Map<string, string>();
  let fileBytes = -1;
  for (const [name, value] of data.entries()) {
    if (typeof value === "string") form.set(name.toLowerCase(), value);
    else if (name === "file") fileBytes = value.size;
  }
  if (fileBytes < 0)
    return xmlError(res, 400, "InvalidArgument", "POST requires exactly one file upload per request.");
  if (form.has("bucket") && form.get("bucket") !== bucket)
    return xmlError(res, 400, "InvalidArgument", "The bucket field does not name the bucket posted to");
  if (form.has("bucket") && form.get("bucket") !== bucket)
    return xmlError(res, 400, "InvalidArgument", "The bucket field does not name the bucket posted to");
  const refusal = policyRefusal(form, fileBytes, bucket);
  if (refusal) return xmlError(res, refusal.status, refusal.code, refusal.message);
  forward(req, res, target, body);
}

export async function startLocalS3(opts: LocalS3Options): Promise<LocalS3> {
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: opts.directory,
    configureBuckets: [{ name: opts.bucket }],
  });
  const inFlight = new Set<Promise<void>>();
  const invokeAsync = async (event: S3Event) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await opts.onUpload(event);
        return;
      } catch (err) {
        opts.log?.(`photo processing failed (attempt ${attempt + 1} of 3): ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  };
  s3rver.on("event", (event) => {
    const record = event.Records?.[0];
    if (!record?.eventName.startsWith("ObjectCreated:") || !record.s3.object.key.startsWith(UPLOAD_PREFIX))
      return;
    // As S3 invokes the notification's Lambda: asynchronously, after the upload has been
    // answered, and (as Lambda's asynchronous invocation does) twice more if it fails.
    const run = new Promise<void>((r) => setImmediate(r)).then(() => invokeAsync(event));
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  });
  const target = await s3rver.run();
  const gate: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method === "OPTIONS") {
      res.writeHead(200, CORS_HEADERS);
      res.end();
      return;
    }
    const isForm = req.method === "POST" && /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");
    if (isForm && path.replace(/\/$/, "") === `/${opts.bucket}`) {
      formUpload(req, res, target, opts.bucket).catch(() =>
        xmlError(res, 500, "InternalError", "local S3 error"),
      );
      return;
    }
    forward(req, res, target);
  });
  await new Promise<void>((r) => gate.listen(opts.port ?? 0, "127.0.0.1", r));
  const port = (gate.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: opts.bucket,
    settle: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    stop: async () => {
      await new Promise<void>((r) => gate.close(() => r()));
      await s3rver.close();
    },
  };
}
