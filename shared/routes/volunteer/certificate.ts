/** `volunteer/certificate` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Certificate } from "../../schemas.ts";

export const volunteerCertificate = {
  method: "GET",
  path: "/api/volunteer/certificate",
  handler: "volunteer/certificate",
  access: "volunteer",
  summary: "My volunteer service record",
  response: Certificate,
} as const satisfies Route;
