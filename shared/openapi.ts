/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
import * as z from "zod/mini";
import { ApiError, ERRORS, type ErrorCode, GatewayUnauthorized } from "./errors.ts";
import { ROUTES } from "./routes.ts";
import { IdParams } from "./schemas.ts";

type JsonSchema = Record<string, unknown>;

/** Schemas are inlined (an empty metadata registry), so every `$ref` is resolvable within the document. */
const inline = z.registry<{ id?: string }>();
const toSchema = (schema: z.ZodMiniType, io: "input" | "output"): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
    metadata: inline,
  });
  return rest;
};

const ERROR_RESPONSES: Record<string, string> = {
  "400": "Bad input",
  "401": "No or invalid token",
  "403": "Wrong role or not the owner",
  "404": "No such thing",
  "409": "State conflict",
  "413": "Body over 64 KiB",
  "503": "Database unavailable (see Retry-After)",
};

const codesOf = (status: number) =>
  (Object.keys(ERRORS) as ErrorCode[]).filter((c) => ERRORS[c].status === status);

export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorSchema = toSchema(ApiError, "output");
  const unauthorizedSchema = toSchema(GatewayUnauthorized, "output");
  for (const route of ROUTES) {
    const r: (typeof ROUTES)[number] & {
      body?: z.ZodMiniType;
      params?: z.ZodMiniType;
      query?: z.ZodMiniType;
      response?: z.ZodMiniType;
      status?: number;
    } = route;
    const parameters: unknown[] = [];
    // Every `{name}` of the path, with its schema where the route (or IdParams, for `{id}`) gives one.
    const pathSchema = toSchema(r.params ?? IdParams, "input") as { properties?: Record<string, JsonSchema> };
    for (const [, name] of r.path.matchAll(/\{(\w+)\}/g)) {
      const schema = pathSchema.properties?.[name as string] ?? { type: "string" };
      parameters.push({ name, in: "path", required: true, schema });
    }
    if (r.query) {
      const q = toSchema(r.query, "input") as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
      }
    }
    const status = String(r.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]: r.response
        ? { description: "OK", content: { "application/json": { schema: toSchema(r.response, "output") } } }
        : { description: "OK" },
    };
    for (const [code, description] of Object.entries(ERROR_RESPONSES)) {
      if (code === "401" || code === "403") {
        if (r.access === "public") continue;
      }
      // A 401 comes from the JWT authorizer (its own body) or, rarely, from the function.
      const schema = code === "401" ? { oneOf: [unauthorizedSchema, errorSchema] } : errorSchema;
      responses[code] = {
        description: `${description}: ${codesOf(Number(code)).join(", ")}`,
        content: { "application/json": { schema } },
      };
    }
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method.toLowerCase()] = {
      operationId: r.handler.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
      summary: r.summary,
      // Public operations say so: no security requirement at all.
      security: r.access === "public" ? [] : [{ bearer: [] }],
      ...(r.access === "public" ? {} : { "x-access": r.access }),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(r.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "网淘 volunteer-service marketplace API", version: "1.0.0" },
    servers: [{ url: "/" }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    paths,
  };
}
