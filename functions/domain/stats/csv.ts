/**
 * The dashboard as CSV: one rectangular table (a group column, then the counters),
 * UTF-8 with a BOM so spreadsheet software reads the Chinese correctly, CRLF
 * line ends (RFC 4180), and no cell that a spreadsheet would run as a formula.
 */
import type { Counters, NeedFigures, Stats } from "../../../shared/schemas.ts";

export const BOM = "\uFEFF";

const COLUMNS: [Exclude<keyof Counters, "needs">, string][] = [
  ["requested", "请求"],
  ["waitlisted", "候补"],
  ["promoted", "候补转正"],
  ["accepted", "接单"],
  ["completed", "完成"],
  ["declined", "婉拒"],
  ["cancelled", "取消"],
  ["expired", "过期"],
  ["hoursServed", "服务时长(小时)"],
  ["fulfilmentRate", "完成率"],
  ["medianHoursToAccept", "接单用时中位数(小时)"],
  ["p90HoursToAccept", "接单用时P90(小时)"],
  ["ratingAvg", "平均评分"],
  ["ratingCount", "评价数"],
  ["noShow", "居民未到"],
  ["sessionsHeld", "已举办场次"],
  ["fillRate", "场次满座率"],
];

const NEED_COLUMNS: [keyof NeedFigures, string][] = [
  ["posted", "需求发布"],
  ["claimed", "需求被接"],
  ["fulfilled", "需求完成"],
  ["expired", "需求过期"],
  ["medianHoursToClaim", "接需求用时中位数(小时)"],
];

/** One CSV cell: quoted when needed; text a spreadsheet would evaluate is prefixed with '. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statsCsv(stats: Stats): string {
  const lines: string[] = [];
  const row = (cells: (string | number | null)[]) => lines.push(cells.map(csvCell).join(","));
  row(["分组", "名称", ...COLUMNS.map(([, label]) => label), ...NEED_COLUMNS.map(([, label]) => label)]);
  const counters = (c: Counters) => [
    ...COLUMNS.map(([k]) => c[k]),
    // Needs (群众点单): blank on the rows that have none (by day, by branch).
    ...NEED_COLUMNS.map(([k]) => c.needs?.[k] ?? null),
  ];
  row(["合计", `${stats.from} 至 ${stats.to}`, ...counters(stats.totals)]);
  for (const [group, rows] of [
    ["按日", stats.byDay],
    ["按类别", stats.byCategory],
    ["按社区", stats.byCommunity],
    ["按支部", stats.byBranch],
  ] as const) {
    for (const r of rows) row([group, r.name, ...counters(r)]);
  }
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
