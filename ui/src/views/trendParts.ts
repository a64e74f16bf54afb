// The parts of the Trends view that are pure drawing: the overview in words with its small
// charts, one sparkline per region-side (small multiples), and a full-year calendar. Each
// takes plain data and handlers and returns elements; nothing here calls the core.

import type { Bar } from "../bindings/Bar";
import type { CalendarDay } from "../bindings/CalendarDay";
import type { ChartLink } from "../bindings/ChartLink";
import type { Insights } from "../bindings/Insights";
import type { Side } from "../bindings/Side";
import type { SideSpark } from "../bindings/SideSpark";
import type { Statement } from "../bindings/Statement";
import type { Topic } from "../bindings/Topic";
import { h, svg } from "../dom";
import { localDate } from "../time";

const TOPICS: [Topic[], string][] = [
  [["recovery"], "Recovery this month"],
  [["sorest", "often"], "Where it hurts most"],
  [["helps"], "What seems to help"],
  [["unusual"], "Unusual"],
];

/** Statements shown per question before "more". */
const SHOWN = 3;

/** Questions whose statements compare figures get a small bar chart; the rest are words. */
const CHARTED: Topic[] = ["recovery", "helps"];

const CHART_NAMES: Record<ChartLink["chart"], string> = {
  series: "Show on the chart",
  compare: "Compare the sides",
  calendar: "Show in the calendar",
  recoveries: "Show the recoveries",
  effects: "Show the table",
};

/** A statement's tiny bar chart: one bar per figure, labelled, on a shared scale. */
export function miniBars(bars: Bar[]): SVGSVGElement | null {
  if (!bars.length) return null;
  const max = Math.max(...bars.map((b) => Math.abs(b.value)), 0.0001);
  const row = 14;
  const root = svg("svg", { class: "mini-bars", viewBox: `0 0 160 ${bars.length * row}`, width: 160, height: bars.length * row, role: "img", "aria-label": bars.map((b) => `${b.label} ${b.value.toFixed(1)}`).join(", ") });
  bars.forEach((b, i) => {
    const w = Math.max(1, (Math.abs(b.value) / max) * 70);
    root.append(
      svg("text", { x: 0, y: i * row + 10, class: "mini-label" }, b.label),
      svg("rect", { x: 70, y: i * row + 3, width: w, height: 8, rx: 2, class: i === 0 ? "mini-bar first" : "mini-bar" }),
      svg("text", { x: 74 + w, y: i * row + 10, class: "mini-value" }, b.value.toFixed(1)),
    );
  });
  return root;
}

/** The overview: statements grouped by question, each with its small chart and a link to the
 * chart that shows it. */
export function renderOverview(insights: Insights, onFollow: (link: ChartLink, id: string) => void): HTMLElement {
  const groups = TOPICS.map(([topics, title]) => {
    const statements = insights.statements.filter((s) => topics.includes(s.topic));
    if (!statements.length) return null;
    // The first few answer the question; the rest wait behind "more".
    const shown = statements.slice(0, SHOWN);
    const more = statements.slice(SHOWN);
    return h(
      "section",
      { class: "overview-group", "data-topic": topics[0] },
      h("h3", {}, title),
      h("ul", { class: "statements" }, ...shown.map((s) => renderStatement(s, onFollow))),
      more.length ? h("details", { class: "more-statements" }, h("summary", {}, `${more.length} more`), h("ul", { class: "statements" }, ...more.map((s) => renderStatement(s, onFollow)))) : null,
    );
  }).filter((g): g is HTMLElement => g !== null);
  return h(
    "div",
    { class: "overview", "data-section": "overview", "aria-label": "Overview" },
    ...(groups.length ? groups : [h("p", { class: "empty" }, "Nothing logged in this range yet.")]),
    h("p", { class: "muted overview-note" }, "Observations from your own log, not medical advice and not proof of cause."),
  );
}

function renderStatement(s: Statement, onFollow: (link: ChartLink, id: string) => void): HTMLElement {
  const follow = h("button", { type: "button", class: "link-button", "data-follow": s.id }, `${CHART_NAMES[s.link.chart]} →`);
  follow.addEventListener("click", () => onFollow(s.link, s.id));
  return h("li", { class: `statement tone-${s.tone}`, "data-statement": s.id, "data-tone": s.tone }, h("p", {}, s.text), CHARTED.includes(s.topic) ? miniBars(s.bars) : null, follow);
}

/** A sparkline's path through the logged bins; gaps where nothing was logged. */
export function sparkPath(values: (number | null)[], width: number, height: number): string {
  const n = Math.max(1, values.length - 1);
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = ((i / n) * width).toFixed(1);
    const y = (height - (v / 10) * height).toFixed(1);
    d += `${pen ? "L" : "M"}${x},${y}`;
    pen = true;
  });
  return d;
}

export interface MultipleHandlers {
  onPick(region: string, side: Side): void;
  /** Light the region-side on the body map (the legend), or put the map back (`null`). */
  onHover(region: string | null, side?: Side): void;
}

/** One small chart per region-side logged in the range, in body order. */
export function renderMultiples(sides: SideSpark[], handlers: MultipleHandlers): HTMLElement {
  if (!sides.length) return h("p", { class: "empty" }, "Nothing logged in this range.");
  const W = 120;
  const H = 28;
  const items = sides.map((s) => {
    const line = svg("svg", { class: "spark", viewBox: `0 0 ${W} ${H}`, width: W, height: H, "aria-hidden": "true", preserveAspectRatio: "none" });
    line.append(svg("line", { x1: 0, x2: W, y1: H - (3 / 10) * H, y2: H - (3 / 10) * H, class: "spark-guide" }));
    // Lone bins are drawn as dots so a single day still shows.
    line.append(svg("path", { d: sparkPath(s.values, W, H), class: "spark-line" }));
    s.values.forEach((v, i) => {
      const lone = v !== null && (s.values[i - 1] ?? null) === null && (s.values[i + 1] ?? null) === null;
      if (lone) line.append(svg("circle", { cx: (i / Math.max(1, s.values.length - 1)) * W, cy: H - ((v ?? 0) / 10) * H, r: 1.5, class: "spark-dot" }));
    });
    const button = h(
      "button",
      { type: "button", class: "multiple", "data-region": s.region, "data-side": s.side, "aria-label": `${s.label}: highest ${s.peak}/10 over ${s.days} days; chart it` },
      h("span", { class: "multiple-label" }, s.label),
      line,
      h("span", { class: "multiple-peak" }, `${s.peak}`),
    );
    button.addEventListener("click", () => handlers.onPick(s.region, s.side));
    button.addEventListener("mouseenter", () => handlers.onHover(s.region, s.side));
    button.addEventListener("focus", () => handlers.onHover(s.region, s.side));
    button.addEventListener("mouseleave", () => handlers.onHover(null));
    button.addEventListener("blur", () => handlers.onHover(null));
    return button;
  });
  // Region-sides logged only at 0 say little: they wait behind a disclosure.
  const sore = items.filter((_, i) => sides[i].peak > 0);
  const quiet = items.filter((_, i) => sides[i].peak === 0);
  return h(
    "div",
    {},
    sore.length ? h("div", { class: "multiples" }, ...sore) : h("p", { class: "empty" }, "No soreness above 0 in this range."),
    quiet.length ? h("details", { class: "quiet-multiples" }, h("summary", {}, `${quiet.length} region-side${quiet.length === 1 ? "" : "s"} logged only at 0`), h("div", { class: "multiples" }, ...quiet)) : null,
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The days of a calendar year in weeks (Monday first): `[week column, weekday row, date]`. */
export function yearGrid(year: number): [number, number, string][] {
  const out: [number, number, string][] = [];
  const first = new Date(year, 0, 1, 12);
  const offset = (first.getDay() + 6) % 7;
  for (let d = new Date(first); d.getFullYear() === year; d.setDate(d.getDate() + 1)) {
    const index = Math.round((d.getTime() - first.getTime()) / 86_400_000) + offset;
    out.push([Math.floor(index / 7), index % 7, localDate(d)]);
  }
  return out;
}

export interface YearHandlers {
  onYear(year: number): void;
  onDay(date: string): void;
}

/** A whole year of the day's highest soreness, months labelled, with a way to step years. */
export function renderYear(year: number, days: CalendarDay[], bounds: { first: number; last: number }, handlers: YearHandlers): HTMLElement {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const cell = 12;
  const left = 26;
  const top = 16;
  const grid = yearGrid(year);
  const weeks = (grid.at(-1)?.[0] ?? 52) + 1;
  const root = svg("svg", { class: "year-grid", viewBox: `0 0 ${left + weeks * cell} ${top + 7 * cell}`, role: "img", "aria-label": `Calendar of ${year}: the day's highest soreness` });
  ["Mon", "", "Wed", "", "Fri", "", ""].forEach((w, i) => w && root.append(svg("text", { x: 0, y: top + i * cell + 9, class: "year-axis" }, w)));
  let logged = 0;
  for (const [col, row, date] of grid) {
    if (date.endsWith("-01")) root.append(svg("text", { x: left + col * cell, y: 10, class: "year-axis", "data-month": date.slice(0, 7) }, MONTHS[Number(date.slice(5, 7)) - 1]));
    const day = byDate.get(date);
    const rect = svg("rect", { x: left + col * cell, y: top + row * cell, width: cell - 2, height: cell - 2, rx: 2, class: "year-day", "data-date": date });
    if (day) {
      logged += 1;
      rect.setAttribute("data-level", String(day.max));
      rect.append(svg("title", {}, `${date}: highest ${day.max}/10, ${day.regions} region${day.regions === 1 ? "" : "s"}`));
    } else {
      rect.append(svg("title", {}, `${date}: nothing logged`));
    }
    root.append(rect);
  }
  root.addEventListener("click", (e) => {
    const date = (e.target as Element).closest?.(".year-day")?.getAttribute("data-date");
    if (date && byDate.has(date)) handlers.onDay(date);
  });
  const back = h("button", { type: "button", class: "secondary small", "data-action": "year-back", "aria-label": `Show ${year - 1}`, disabled: year <= bounds.first }, `‹ ${year - 1}`);
  const next = h("button", { type: "button", class: "secondary small", "data-action": "year-next", "aria-label": `Show ${year + 1}`, disabled: year >= bounds.last }, `${year + 1} ›`);
  back.addEventListener("click", () => handlers.onYear(year - 1));
  next.addEventListener("click", () => handlers.onYear(year + 1));
  return h(
    "div",
    { class: "year", "data-year": year, "data-logged": logged },
    h("div", { class: "year-head" }, back, h("strong", { class: "year-title" }, String(year)), next, h("span", { class: "muted" }, `${logged} day${logged === 1 ? "" : "s"} logged`)),
    root,
  );
}
