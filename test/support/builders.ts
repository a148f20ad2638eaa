/** Fixture builders: each call returns a fresh object. */
import type { CategorySlug } from "../../shared/categories.ts";
import { addDays, localDay, zonedInstant } from "../../shared/clock.ts";

let n = 0;

export function listingInput(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    title: `义务理发 ${n}号`,
    description: "每周六上午在社区服务站为老人义务理发。",
    category: "convenience" as CategorySlug,
    kind: "on_demand",
    community: "大关西苑社区",
    mode: "venue",
    capacity: 3,
    status: "published",
    ...overrides,
  };
}

export function eventInput(overrides: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  return listingInput({
    kind: "event",
    title: `广场舞教学 ${n}`,
    category: "culture",
    startsAt,
    capacity: 10,
    ...overrides,
  });
}

export const volunteer = (i = 1) => ({
  sub: `v-t${i}`,
  role: "volunteer" as const,
  name: `志愿者${i}`,
  community: "大关西苑社区",
  branch: "大关街道第一党支部",
});
export const resident = (i = 1) => ({ sub: `r-t${i}`, role: "resident" as const, name: `居民${i}` });
export const admin = () => ({ sub: "a-t1", role: "admin" as const, name: "区管理员" });

/** `hour`:`minute` Asia/Shanghai, `days` days after today there (the district's clock). */
export function shanghaiAt(days: number, hour: number, minute = 0): Date {
  const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  return zonedInstant(addDays(localDay(new Date()), days), time);
}
