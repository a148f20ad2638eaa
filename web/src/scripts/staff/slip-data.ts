/** What the console and the slip share: the 居委会 phone (kept in this browser) and times in words. */
export const JWH_PHONE_KEY = "wt.jwh.phone";

const WEEKDAYS = "日一二三四五六";

/** `12月6日 周六 上午 9:00` in Asia/Shanghai (the district's time, whatever the computer's zone). */
export function whenOf(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const h = d.getUTCHours();
  const period = h < 12 ? "上午" : h < 18 ? "下午" : "晚上";
  const h12 = h > 12 ? h - 12 : h;
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]} ${period} ${h12}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}
