// The Trends view: how am I recovering, and what helps? A region-side's line chart with its
// episodes' DOMS windows, workouts and treatments; the body heatmap replayed day by day; a
// calendar of overall soreness; episodes with medians; left versus right; what changed after
// each technique or point (observations, not causes); week and month summaries.

import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { TrendSeries } from "../bindings/TrendSeries";
import type { TrendsOverview } from "../bindings/TrendsOverview";
import { h } from "../dom";
import { friendly, localDate } from "../time";

export interface TrendsHandlers {
  /** Paint the body map with a day's soreness. */
  onDay(date: string): Promise<void>;
  onRange(from: string, to: string): void;
  onPrint(): void;
}

const longDate = (date: string) => new Date(`${date}T12:00:00`).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
const fmt = (n: number | undefined, digits = 1) => (n === undefined ? "–" : n.toFixed(digits));
const days = (hours: number | undefined) => (hours === undefined ? "–" : `${(hours / 24).toFixed(1)} d`);

export function rangeOf(preset: string, today = new Date()): [string, string] {
  const from = new Date(today);
  const daysBack: Record<string, number> = { "30": 30, "90": 90, "365": 365, "3650": 3652 };
  from.setDate(from.getDate() - (daysBack[preset] ?? 30));
  return [localDate(from), localDate(today)];
}

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

/** A line chart of one region-side; it draws the episodes' expected peak windows behind the
 * line and marks workouts and treatments on the time axis. The chart library is loaded on
 * first use, so the rest of the app never depends on it. */
export async function renderTrendChart(series: TrendSeries, width: number): Promise<{ element: HTMLElement; chart: uPlot | null }> {
  const host = h("div", { class: "trend-chart", "data-points": series.values.length });
  if (!series.times.length) {
    host.append(h("p", { class: "empty" }, `No entries for the ${series.label.toLowerCase()} in this range.`));
    return { element: host, chart: null };
  }
  const peakWindows = series.episodes.map((e) => {
    const start = Date.parse(`${e.start}Z`) / 1000;
    return [start + 24 * 3600, start + 72 * 3600];
  });
  // The time axis spans the entries and the workouts and treatments around them.
  const all = [...series.times, ...series.workouts, ...series.treatments];
  const lo = Math.min(...all) - 6 * 3600;
  const hi = Math.max(...all) + 6 * 3600;
  const opts: uPlot.Options = {
    width,
    height: 220,
    scales: { x: { time: true, range: [lo, hi] }, y: { range: [0, 10] } },
    axes: [{}, { values: (_u, ticks) => ticks.map((t) => String(t)) }],
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    series: [{}, { label: series.label, stroke: "#d9542b", width: 2, points: { show: series.values.length < 400 } }],
    hooks: {
      drawClear: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = "rgba(217, 84, 43, 0.10)";
          for (const [a, b] of peakWindows) {
            const x0 = u.valToPos(a, "x", true);
            const x1 = u.valToPos(b, "x", true);
            ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
          }
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          const y = u.bbox.top + u.bbox.height - 2;
          ctx.fillStyle = "#165e6e";
          for (const w of series.workouts) {
            const x = u.valToPos(w, "x", true);
            ctx.beginPath();
            ctx.moveTo(x, y - 8);
            ctx.lineTo(x - 5, y);
            ctx.lineTo(x + 5, y);
            ctx.fill();
          }
          ctx.fillStyle = "#2f7d4a";
          for (const t of series.treatments) {
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
  // Times are local wall-clock seconds: show them as they are.
  const chart = new UPlot({ ...opts, tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), "Etc/UTC") }, [series.times, series.values], host);
  return { element: host, chart };
}

function table(head: string[], rows: (string | number)[][], testId: string, empty: string): HTMLElement {
  if (!rows.length) return h("p", { class: "empty" }, empty);
  return h(
    "table",
    { class: "data-table", "data-table": testId },
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, String(c)))))),
  );
}

export function renderCalendar(o: TrendsOverview): HTMLElement {
  const byDate = new Map(o.calendar.map((d) => [d.date, d]));
  const start = new Date(`${o.from}T12:00:00`);
  const end = new Date(`${o.to}T12:00:00`);
  // Whole weeks, Monday first, at most the last 53 weeks so it stays readable.
  const first = new Date(Math.max(start.getTime(), end.getTime() - 370 * 86_400_000));
  first.setDate(first.getDate() - ((first.getDay() + 6) % 7));
  const cells: HTMLElement[] = [];
  for (let d = new Date(first); d <= end; d.setDate(d.getDate() + 1)) {
    const date = localDate(d);
    const day = byDate.get(date);
    const cell = h("span", { class: "cal-day", "data-date": date, title: day ? `${date}: highest ${day.max}/10, mean ${day.mean.toFixed(1)} over ${day.regions} regions` : `${date}: nothing logged` });
    if (day) cell.setAttribute("data-level", String(day.max));
    cells.push(cell);
  }
  return h("div", { class: "calendar", "aria-label": "Calendar of the day's highest soreness" }, ...cells);
}

export function renderTrends(o: TrendsOverview, preset: string, chart: HTMLElement, handlers: TrendsHandlers): HTMLElement {
  const presets: [string, string][] = [
    ["30", "30 days"],
    ["90", "90 days"],
    ["365", "1 year"],
    ["3650", "10 years"],
  ];
  const select = h("select", { "aria-label": "Range", name: "range" }, ...presets.map(([v, l]) => h("option", { value: v }, l)));
  select.value = preset;
  select.addEventListener("change", () => {
    const [from, to] = rangeOf(select.value);
    handlers.onRange(from, to);
  });
  const print = h("button", { type: "button", class: "secondary", "data-action": "print" }, "Print report");
  print.addEventListener("click", () => handlers.onPrint());

  // The body heatmap for any day, with a replay.
  const dates = o.calendar.map((d) => d.date);
  const scrub = h("input", { type: "range", min: 0, max: Math.max(0, dates.length - 1), value: Math.max(0, dates.length - 1), "aria-label": "Day shown on the body map", disabled: dates.length === 0 });
  const dayLabel = h("span", { class: "scrub-date" }, dates.at(-1) ?? "no days logged");
  let replay: number | null = null;
  const show = async (i: number) => {
    const date = dates[i];
    if (!date) return;
    scrub.value = String(i);
    dayLabel.textContent = new Date(`${date}T12:00:00`).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
    await handlers.onDay(date);
  };
  scrub.addEventListener("input", () => void show(Number(scrub.value)));
  const play = (n: number) => {
    if (replay !== null) window.clearInterval(replay);
    let i = Math.max(0, dates.length - n);
    void show(i);
    replay = window.setInterval(() => {
      i += 1;
      if (i >= dates.length || !scrub.isConnected) {
        if (replay !== null) window.clearInterval(replay);
        replay = null;
        return;
      }
      void show(i);
    }, 350);
  };
  const week = h("button", { type: "button", class: "secondary small", "data-action": "replay-week" }, "▶ Replay last week");
  const month = h("button", { type: "button", class: "secondary small", "data-action": "replay-month" }, "▶ Replay last month");
  week.addEventListener("click", () => play(7));
  month.addEventListener("click", () => play(31));

  return h(
    "article",
    { class: "trends", "data-from": o.from, "data-to": o.to },
    h("header", { class: "panel-header" }, h("div", { class: "title-row" }, h("h2", {}, "Trends"), h("div", { class: "row" }, select, print))),
    h("p", { class: "summary" }, `${longDate(o.from)} – ${longDate(o.to)}. Daily figures use each region's latest entry of the day. Click a region on the map to chart it.`),
    h("section", { class: "panel-section", "data-section": "chart" }, h("h3", {}, "Soreness over time"), chart, h("p", { class: "muted legend-line" }, "Shaded: the expected peak window (24–72 h) of each episode. ▲ workout · ■ treatment.")),
    h(
      "section",
      { class: "panel-section", "data-section": "heatmap" },
      h("h3", {}, "Body heatmap by day"),
      h("div", { class: "scrubber" }, scrub, dayLabel),
      h("div", { class: "actions" }, week, month),
    ),
    h("section", { class: "panel-section", "data-section": "calendar" }, h("h3", {}, "Calendar: the day's highest soreness"), renderCalendar(o)),
    h(
      "section",
      { class: "panel-section", "data-section": "episodes" },
      h("h3", {}, "Recoveries", h("span", { class: "count" }, String(o.episodes.length))),
      table(
        ["Region", "Start", "Peak", "Time to peak", "Lasted"],
        o.episodes.slice(0, 50).map((e) => [e.label, friendly(e.start), `${e.peak}/10`, `${Math.round(e.hours_to_peak)} h`, e.ended_by === "open" ? "ongoing" : days(e.duration_hours)]),
        "episodes",
        "No recoveries in this range.",
      ),
      h("h4", {}, "Typical for each region (medians)"),
      table(
        ["Region", "Recoveries", "Time to peak", "Back to ≤1 after"],
        o.medians.map((m) => [m.name, m.episodes, `${Math.round(m.median_hours_to_peak)} h`, days(m.median_duration_hours)]),
        "medians",
        "Not enough recoveries yet.",
      ),
    ),
    h(
      "section",
      { class: "panel-section", "data-section": "asymmetry" },
      h("h3", {}, "Left versus right"),
      table(
        ["Region", "Left (mean)", "Right (mean)", "Days with both"],
        o.asymmetry.map((a) => [a.name, fmt(a.left_mean), fmt(a.right_mean), a.days]),
        "asymmetry",
        "Log both sides of a region on the same day to compare them.",
      ),
    ),
    h(
      "section",
      { class: "panel-section", "data-section": "effects" },
      h("h3", {}, "After techniques and points"),
      h("p", { class: "muted" }, "What your log shows after each one: an observation, not proof that it caused the change."),
      table(
        ["Region", "What", "Times", "Before → after", "Next day"],
        o.effects.map((e) => [
          e.name,
          e.what,
          e.times,
          e.with_before_after ? `${fmt(e.mean_before)} → ${fmt(e.mean_after)} (${e.with_before_after}×)` : "–",
          e.with_next_day ? `${(e.mean_next_day_change ?? 0) > 0 ? "+" : ""}${fmt(e.mean_next_day_change)} (${e.with_next_day}×)` : "–",
        ]),
        "effects",
        "No treatments logged in this range.",
      ),
    ),
    h(
      "section",
      { class: "panel-section", "data-section": "summaries" },
      h("h3", {}, "Weeks and months"),
      table(
        ["Month", "Days logged", "Mean", "Highest", "Workouts", "Treatments"],
        o.months.slice(-24).reverse().map((m) => [m.period, m.days_logged, fmt(m.mean), m.max, m.workouts, m.treatments]),
        "months",
        "Nothing logged in this range.",
      ),
      h("h4", {}, "Last weeks"),
      table(
        ["Week", "Days logged", "Mean", "Highest", "Workouts", "Treatments"],
        o.weeks.slice(-12).reverse().map((m) => [m.period, m.days_logged, fmt(m.mean), m.max, m.workouts, m.treatments]),
        "weeks",
        "Nothing logged in this range.",
      ),
    ),
  );
}
