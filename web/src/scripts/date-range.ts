/** The date-range form (components/DateRangeForm.astro): presets and 查询 call `onChange` with the range. */
import { $, control } from "../lib/dom.ts";

export interface Range {
  from?: string;
  to?: string;
}

export function mountDateRange(onChange: (range: Range) => void) {
  const from = control("from", HTMLInputElement);
  const to = control("to", HTMLInputElement);
  const value = (): Range => ({
    ...(from.value ? { from: from.value } : {}),
    ...(to.value ? { to: to.value } : {}),
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>("#range [data-days]")) {
    b.addEventListener("click", () => {
      const days = Number(b.dataset.days);
      const end = to.value ? new Date(`${to.value}T00:00:00Z`) : new Date();
      const start = new Date(end.getTime() - (days - 1) * 86_400_000);
      from.value = start.toISOString().slice(0, 10);
      to.value = end.toISOString().slice(0, 10);
      onChange(value());
    });
  }
  $("#range").addEventListener("submit", (e) => {
    e.preventDefault();
    onChange(value());
  });
  return {
    value,
    set(range: Required<Range>) {
      from.value = range.from;
      to.value = range.to;
    },
  };
}
