// Soreness over time: one or more region-sides on one chart (left and right calf, say), with
// each episode's expected peak window shaded and workouts and treatments marked on the time
// axis. The time axis zooms (buttons, the wheel, dragging a span) and pans (buttons, arrow
// keys), so a ten-year series can be read a week at a time. The chart library is loaded on
// first use, so the rest of the app never depends on it.

import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { TrendSeries } from "../bindings/TrendSeries";
import { h } from "../dom";

export const SERIES_COLOURS = ["#d9542b", "#165e6e", "#7a4fb5", "#2f7d4a"];

/**
 * uPlot formats numbers with `navigator.language` as it loads; on a system whose locale is
 * not a valid language tag (LANG=C gives "C") that throws. Fall back to English first.
 */
function ensureValidLocale(): void {
  try {
    new Intl.NumberFormat(navigator.language);
  } catch {
    Object.defineProperty(navigator, "language", { value: "en-US", configurable: true });
  }
}

/** Several series on one shared time axis: the union of their times, each value where its
 * own entries are and a gap elsewhere. */
export function aligned(series: TrendSeries[]): [number[], ...(number | null)[][]] {
  const xs = [...new Set(series.flatMap((s) => s.times))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array(xs.length).fill(null);
    s.times.forEach((t, i) => {
      y[index.get(t) ?? 0] = s.values[i];
    });
    return y;
  });
  return [xs, ...ys];
}

/** The span a zoom step leaves around a centre, never narrower than a day. */
export function zoomed(min: number, max: number, factor: number, centre = (min + max) / 2): [number, number] {
  const span = Math.max(86_400, (max - min) * factor);
  const left = (centre - min) / Math.max(1, max - min);
  return [centre - span * left, centre + span * (1 - left)];
}

export interface ChartView {
  element: HTMLElement;
  /** Shows a span (seconds); `null` shows everything. */
  zoom(range: [number, number] | null): void;
  /** What the time axis shows now (seconds). */
  range(): [number, number] | null;
  canvas(): HTMLCanvasElement | null;
  /** Shows other series on the same chart when it can (same count, all with entries). */
  update(series: TrendSeries[]): boolean;
}

/** Draws the series on one chart with zoom and pan controls. */
export async function renderTrendChart(series: TrendSeries[], width: number): Promise<ChartView> {
  const withData = series.filter((s) => s.times.length);
  const host = h("div", { class: "trend-chart", "data-series": series.length, "data-points": withData.reduce((n, s) => n + s.values.length, 0) });
  const names = series.map((s) => s.label.toLowerCase()).join(" and the ");
  if (!withData.length) {
    host.append(h("p", { class: "empty" }, `No entries for the ${names} in this range.`));
    return { element: host, zoom: () => undefined, range: () => null, canvas: () => null, update: () => false };
  }
  // What the hooks draw, replaced when the chart is given new series of the same shape.
  const frame = frameOf(series);
  const data = aligned(series);
  const opts: uPlot.Options = {
    width,
    height: 220,
    scales: { x: { time: true, range: (_u, min, max) => [min ?? frame.lo, max ?? frame.hi] }, y: { range: [0, 10] } },
    axes: [{}, { values: (_u, ticks) => ticks.map((t) => String(t)) }],
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    series: [
      {},
      ...series.map((s, i) => ({
        label: s.label,
        stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
        width: 2,
        spanGaps: true,
        points: { show: data[0].length < 400 },
      })),
    ],
    hooks: {
      drawClear: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = "rgba(217, 84, 43, 0.10)";
          for (const [a, b] of frame.peakWindows) {
            const x0 = u.valToPos(a, "x", true);
            const x1 = u.valToPos(b, "x", true);
            if (x1 < u.bbox.left || x0 > u.bbox.left + u.bbox.width) continue;
            ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
          }
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.beginPath();
          ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
          ctx.clip();
          const y = u.bbox.top + u.bbox.height - 2;
          ctx.fillStyle = "#165e6e";
          for (const w of frame.workouts) {
            const x = u.valToPos(w, "x", true);
            ctx.beginPath();
            ctx.moveTo(x, y - 8);
            ctx.lineTo(x - 5, y);
            ctx.lineTo(x + 5, y);
            ctx.fill();
          }
          ctx.fillStyle = "#2f7d4a";
          for (const t of frame.treatments) {
            const x = u.valToPos(t, "x", true);
            ctx.fillRect(x - 3, y - 14, 6, 6);
          }
          ctx.restore();
        },
      ],
    },
  };
  ensureValidLocale();
  const { default: UPlot } = await import("uplot");
  const plotHost = h("div", { class: "plot", tabindex: 0, "aria-label": `Soreness over time: ${series.map((s) => s.label).join(", ")}. Arrow keys pan, + and − zoom.` });
  // Times are local wall-clock seconds: show them as they are.
  const chart = new UPlot({ ...opts, tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), "Etc/UTC") }, data, plotHost);
  const current = (): [number, number] => [chart.scales.x.min ?? frame.lo, chart.scales.x.max ?? frame.hi];
  const set = ([a, b]: [number, number]) => {
    // Never beyond the data's own span, and never narrower than a day.
    const { lo, hi } = frame;
    const span = Math.min(hi - lo, Math.max(86_400, b - a));
    const start = Math.min(Math.max(lo, a), hi - span);
    chart.setScale("x", { min: start, max: start + span });
    host.setAttribute("data-from", String(Math.round(start)));
    host.setAttribute("data-to", String(Math.round(start + span)));
  };
  const pan = (fraction: number) => {
    const [a, b] = current();
    const step = (b - a) * fraction;
    set([a + step, b + step]);
  };
  const zoom = (factor: number, centre?: number) => {
    const [a, b] = current();
    set(zoomed(a, b, factor, centre));
  };
  plotHost.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      const rect = chart.over.getBoundingClientRect();
      const centre = chart.posToVal(e.clientX - rect.left, "x");
      zoom(e.deltaY < 0 ? 0.8 : 1.25, centre);
    },
    { passive: false },
  );
  plotHost.addEventListener("keydown", (e) => {
    const actions: Record<string, () => void> = { ArrowLeft: () => pan(-0.25), ArrowRight: () => pan(0.25), "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2), "0": () => set([frame.lo, frame.hi]) };
    const act = actions[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  });
  const button = (label: string, action: string, title: string, run: () => void) => {
    const b = h("button", { type: "button", class: "secondary small", "data-action": action, title, "aria-label": title }, label);
    b.addEventListener("click", run);
    return b;
  };
  const controls = h(
    "div",
    { class: "chart-controls", role: "group", "aria-label": "Zoom and pan" },
    button("◀", "pan-back", "Earlier", () => pan(-0.5)),
    button("−", "zoom-out", "Zoom out", () => zoom(2)),
    button("+", "zoom-in", "Zoom in", () => zoom(0.5)),
    button("▶", "pan-on", "Later", () => pan(0.5)),
    button("All", "zoom-all", "Show the whole range", () => set([frame.lo, frame.hi])),
  );
  const key = h("div", { class: "chart-key" });
  const drawKey = (list: TrendSeries[]) =>
    key.replaceChildren(...list.map((s, i) => h("span", { class: "chart-key-item", "data-series": `${s.region}/${s.side}` }, h("span", { class: `swatch-line series-${i % SERIES_COLOURS.length}` }), s.label)));
  drawKey(series);
  host.append(h("div", { class: "chart-bar" }, key, controls), plotHost);
  return {
    element: host,
    zoom: (range) => set(range ?? [frame.lo, frame.hi]),
    range: () => current(),
    canvas: () => chart.ctx.canvas,
    update(next) {
      // The same number of series, each with entries: the chart and its canvas are reused,
      // which costs a redraw rather than a new chart.
      if (next.length !== series.length || next.some((s) => !s.times.length)) return false;
      Object.assign(frame, frameOf(next));
      next.forEach((s, i) => {
        chart.series[i + 1].label = s.label;
      });
      chart.setData(aligned(next), false);
      set([frame.lo, frame.hi]);
      drawKey(next);
      host.setAttribute("data-points", String(next.reduce((n, s) => n + s.values.length, 0)));
      plotHost.setAttribute("aria-label", `Soreness over time: ${next.map((s) => s.label).join(", ")}. Arrow keys pan, + and − zoom.`);
      return true;
    },
  };
}

/** The episodes' peak windows, workouts, treatments and the time axis of some series. */
function frameOf(series: TrendSeries[]) {
  const peakWindows = series.flatMap((s) =>
    s.episodes.map((e) => {
      const start = Date.parse(`${e.start}Z`) / 1000;
      return [start + 24 * 3600, start + 72 * 3600];
    }),
  );
  const workouts = [...new Set(series.flatMap((s) => s.workouts))];
  const treatments = [...new Set(series.flatMap((s) => s.treatments))];
  // The whole time axis spans the entries and the workouts and treatments around them.
  const all = [...series.flatMap((s) => s.times), ...workouts, ...treatments];
  return { peakWindows, workouts, treatments, lo: Math.min(...all) - 6 * 3600, hi: Math.max(...all) + 6 * 3600 };
}
