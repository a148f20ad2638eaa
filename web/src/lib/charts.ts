/**
 * Small hand-drawn SVG charts for the district dashboard: built node by node from
 * the data (text via textContent, never parsed), scaled by viewBox so they read
 * at 360 px wide. Each chart has role="img" and a summary as its name; the
 * numbers themselves are always printed as text too.
 */
const NS = "http://www.w3.org/2000/svg";

type Attrs = Record<string, string | number>;

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(width: number, height: number, label: string): SVGSVGElement {
  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": label,
    class: "chart",
    preserveAspectRatio: "xMinYMin meet",
  });
  svg.append(s("title", {}, label));
  return svg;
}

export const COLORS = { brand: "#b3121f", ok: "#1c6b2a", muted: "#6b6259", warn: "#8a4b00", line: "#c9c4bd" };

export interface Bar {
  label: string;
  value: number;
  /** Printed after the bar; defaults to the value. */
  text?: string;
  color?: string;
}

/** Rough width of a text at 14px: CJK characters are square, others about half. */
export function textWidth(t: string, size = 14): number {
  let w = 0;
  for (const ch of t) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.6;
  return w;
}

/** Horizontal bars, one per row: label on the left, bar, number at its end. */
export function barChart(bars: Bar[], label: string): SVGSVGElement {
  const width = 360;
  const row = 30;
  const labelWidth = Math.min(150, Math.max(40, ...bars.map((b) => textWidth(b.label))) + 8);
  const numberWidth = Math.max(30, ...bars.map((b) => textWidth(b.text ?? String(b.value)))) + 10;
  const height = Math.max(row, bars.length * row) + 4;
  const svg = frame(width, height, label);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const span = width - labelWidth - numberWidth;
  bars.forEach((b, i) => {
    const y = i * row + 2;
    const w = b.value > 0 ? Math.max(2, (b.value / max) * span) : 0;
    svg.append(
      s("text", { x: labelWidth - 6, y: y + 19, "text-anchor": "end", class: "chart-label" }, b.label),
      s("rect", {
        x: labelWidth,
        y: y + 4,
        width: w,
        height: row - 10,
        rx: 3,
        fill: b.color ?? COLORS.brand,
      }),
      s("text", { x: labelWidth + w + 5, y: y + 19, class: "chart-num" }, b.text ?? String(b.value)),
    );
  });
  return svg;
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/**
 * The top of a chart's scale: the highest value, unless one busy day would flatten the
 * rest (above 3 × the 90th percentile of the days with any): then twice that
 * percentile, and the taller bars are cut at the top with their figure written there.
 */
export function chartScale(values: number[]): number {
  const seen = values.filter((v) => v > 0).sort((a, b) => a - b);
  const top = seen.at(-1) ?? 0;
  const p90 = seen[Math.floor((seen.length - 1) * 0.9)] ?? top;
  return Math.max(1, top > 3 * p90 ? Math.ceil(p90 * 2) : top);
}

/** Columns by day for one or two series side by side, with a sparse date axis; a busy day does not flatten the rest (chartScale). */
export function trendChart(days: string[], series: Series[], label: string): SVGSVGElement {
  const width = 360;
  const height = 170;
  const left = 30;
  const bottom = 24;
  const max = chartScale(series.flatMap((x) => x.values));
  const cut = series.some((x) => x.values.some((v) => v > max));
  // Room above the plot for a cut bar's figure.
  const top = cut ? 20 : 8;
  const svg = frame(width, height, cut ? `${label}（个别日子特别多，柱子截断，数字写在顶上）` : label);
  const plotW = width - left - 4;
  const plotH = height - bottom - top;
  const step = plotW / Math.max(1, days.length);
  const barW = Math.max(1, (step * 0.8) / series.length);
  for (const f of [0, 0.5, 1]) {
    const y = top + plotH - f * plotH;
    svg.append(
      s("line", { x1: left, x2: width - 4, y1: y, y2: y, stroke: COLORS.line, "stroke-width": 0.5 }),
      s("text", { x: left - 4, y: y + 4, "text-anchor": "end", class: "chart-tick" }, fmt(max * f)),
    );
  }
  days.forEach((_, i) => {
    series.forEach((ser, j) => {
      const v = ser.values[i] ?? 0;
      const hgt = (Math.min(v, max) / max) * plotH;
      if (hgt <= 0) return;
      const x = left + i * step + j * barW + step * 0.1;
      svg.append(s("rect", { x, y: top + plotH - hgt, width: barW, height: hgt, fill: ser.color }));
      if (v > max)
        svg.append(
          // a white notch across the bar says it goes on past the top
          s("rect", { x, y: top + 6, width: barW, height: 3, fill: "#fff", "data-cut": v }),
          s("text", { x: x + barW / 2, y: top - 5, "text-anchor": "middle", class: "chart-tick" }, String(v)),
        );
    });
  });
  // date labels: first, last and about three between, never cut at the edges
  const marks = new Set([0, days.length - 1]);
  const every = Math.max(1, Math.ceil(days.length / 4));
  for (let i = every; i < days.length - every / 2; i += every) marks.add(i);
  for (const i of marks) {
    const d = days[i];
    if (d === undefined) continue;
    const anchor = i === 0 ? "start" : i === days.length - 1 ? "end" : "middle";
    const x = i === 0 ? left : i === days.length - 1 ? width - 4 : left + i * step + step / 2;
    svg.append(s("text", { x, y: height - 4, "text-anchor": anchor, class: "chart-tick" }, d.slice(5)));
  }
  return svg;
}

function fmt(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

export interface Stage {
  label: string;
  value: number;
  color: string;
}

/**
 * A funnel: one centred bar per stage, its width by value, and its count. No share
 * of the first stage: the page's one rate is 完成率, over the requests that ended.
 */
export function funnelChart(stages: Stage[], label: string): SVGSVGElement {
  const width = 360;
  const row = 42;
  const svg = frame(width, stages.length * row + 4, label);
  const max = Math.max(1, ...stages.map((x) => x.value));
  stages.forEach((st, i) => {
    const w = st.value > 0 ? Math.max(4, (st.value / max) * 190) : 0;
    const y = i * row + 2;
    svg.append(
      s("rect", { x: 50 + (190 - w) / 2, y, width: w, height: row - 10, rx: 4, fill: st.color }),
      s("text", { x: 44, y: y + 21, "text-anchor": "end", class: "chart-label" }, st.label),
      s("text", { x: 248, y: y + 21, class: "chart-num" }, String(st.value)),
    );
  });
  return svg;
}

/** Heat-map level 0..4 of a value against the column's maximum. */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, 1 + Math.floor((value / max) * 3.999));
}
