// The Trends view: how am I recovering, and what helps? An overview in words at the top, each
// statement linked to the chart that shows it; a chart of one or more region-sides (compare
// left and right) that zooms and pans; one small chart per region-side with the body map as
// its legend; the body heatmap replayed day by day; a full-year calendar; and the tables
// where a table is the best form (recoveries, left versus right, what changed after each
// technique or point, months and weeks).
//
// The overview is drawn first, from one quick command; the rest fills in when its data comes.

import type { CalendarDay } from "../bindings/CalendarDay";
import type { ChartLink } from "../bindings/ChartLink";
import type { Insights } from "../bindings/Insights";
import type { Side } from "../bindings/Side";
import type { TrendSeries } from "../bindings/TrendSeries";
import type { TrendsOverview } from "../bindings/TrendsOverview";
import { h } from "../dom";
import { friendly, localDate, shortDate } from "../time";
import { type ChartView, renderTrendChart } from "./trendChart";
import { renderMultiples, renderOverview, renderYear } from "./trendParts";

export interface TrendsHandlers {
  /** Paint the body map with a day's soreness. */
  onDay(date: string): Promise<void>;
  /** Paint the body map with each region-side's highest soreness over the range. */
  onRangeMap(o: TrendsOverview): void;
  onRange(from: string, to: string): void;
  onSaveReport(view: TrendsView): void;
  /** Light a region-side on the body map (the small multiples' legend), `null` to restore. */
  onHover(region: string | null, side?: Side): void;
  /** The chart now shows this region-side first: select it on the map. */
  onCharted(region: string, side: Side): void;
  loadSeries(region: string, side: Side, from: string, to: string): Promise<TrendSeries>;
  loadYear(year: number): Promise<CalendarDay[]>;
}

export interface TrendsView {
  element: HTMLElement;
  /** Fills in everything below the overview. */
  fill(o: TrendsOverview): void;
  /** Charts these sides of a region, zoomed to a date range when given. */
  chartTo(region: string, sides: Side[], range?: [string, string]): Promise<void>;
  /** Goes to the chart a statement links to. */
  follow(link: ChartLink): Promise<void>;
  /** What the report needs: the data, the charted series and the chart's canvas. */
  snapshot(): { overview: TrendsOverview | null; series: TrendSeries[]; canvas: HTMLCanvasElement | null; year: number; yearDays: CalendarDay[] };
}

const longDate = shortDate;
const fmt = (n: number | undefined, digits = 1) => (n === undefined ? "–" : n.toFixed(digits));
export const days = (hours: number | undefined) => (hours === undefined ? "–" : `${(hours / 24).toFixed(1)} d`);
const seconds = (date: string, end = false) => Date.parse(`${date}T${end ? "23:59:59" : "00:00:00"}Z`) / 1000;

export function rangeOf(preset: string, today = new Date()): [string, string] {
  const from = new Date(today);
  const daysBack: Record<string, number> = { "30": 30, "90": 90, "365": 365, "3650": 3652 };
  from.setDate(from.getDate() - (daysBack[preset] ?? 30));
  return [localDate(from), localDate(today)];
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

function section(name: string, title: string, ...children: (Node | null)[]): HTMLElement {
  return h("section", { class: "panel-section", "data-section": name }, h("h3", { tabindex: -1 }, title), ...children);
}

const loading = () => h("p", { class: "muted loading" }, "Loading…");

export function renderTrends(insights: Insights, preset: string, start: { region: string; side: Side }, handlers: TrendsHandlers): TrendsView {
  const { from, to } = insights;
  const presets: [string, string][] = [
    ["30", "30 days"],
    ["90", "90 days"],
    ["365", "1 year"],
    ["3650", "10 years"],
  ];
  const select = h("select", { "aria-label": "Range", name: "range" }, ...presets.map(([v, l]) => h("option", { value: v }, l)));
  select.value = preset;
  select.addEventListener("change", () => {
    const [f, t] = rangeOf(select.value);
    handlers.onRange(f, t);
  });
  const save = h("button", { type: "button", class: "secondary", "data-action": "save-report" }, "Save report…");

  let overview: TrendsOverview | null = null;
  let charted: TrendSeries[] = [];
  let chart: ChartView | null = null;
  let chartTicket = 0;
  let year = Number(to.slice(0, 4));
  let yearDays: CalendarDay[] = [];

  const chartHost = h("div", { class: "chart-host" }, loading());
  const compare = h("div", { class: "compare" });
  const multiplesHost = h("div", {}, loading());
  const heatmapHost = h("div", {}, loading());
  const yearHost = h("div", { class: "year-host" }, loading());
  const episodesHost = h("div", {}, loading());
  const asymmetryHost = h("div", {}, loading());
  const effectsHost = h("div", {}, loading());
  const summariesHost = h("div", {}, loading());

  const sections = {
    chart: section("chart", "Soreness over time", compare, chartHost, h("p", { class: "muted legend-line" }, "Shaded: the expected peak window (24–72 h) of each episode. ▲ workout · ■ treatment. Drag across the chart, use the wheel or + and − to zoom; ◀ ▶ or the arrow keys to move.")),
    multiples: section("multiples", "Every region-side you logged", h("p", { class: "muted" }, "Highest soreness over the range. Point at one to see it on the body map; click to chart it."), multiplesHost),
    heatmap: section("heatmap", "Body heatmap by day", heatmapHost),
    calendar: section("calendar", "Calendar: the day's highest soreness", yearHost),
    recoveries: section("recoveries", "Recoveries", episodesHost),
    asymmetry: section("asymmetry", "Left versus right", asymmetryHost),
    effects: section("effects", "After techniques and points", h("p", { class: "muted" }, "What your log shows after each one: an observation, not proof that it caused the change."), effectsHost),
    summaries: section("summaries", "Weeks and months", summariesHost),
  };

  // The comparison bar: built once, and only its states change with the chart.
  const both = h("button", { type: "button", class: "secondary small", "data-action": "compare-sides" }, "Compare left and right");
  const add = h("select", { name: "compare", "aria-label": "Add a region-side to the chart" }, h("option", { value: "" }, "Add to the chart…"));
  const alone = h("button", { type: "button", class: "secondary small", "data-action": "chart-one", hidden: true }, "Just the first");
  compare.append(both, add, alone);
  const pairsCharted = () => charted.map((c) => [c.region, c.side] as [string, Side]);
  both.addEventListener("click", () => {
    const region = charted[0]?.region ?? start.region;
    void view.chartTo(region, ["left", "right"]);
  });
  add.addEventListener("change", () => {
    const [r, s] = add.value.split("/") as [string, Side];
    add.value = "";
    if (!r || charted.some((c) => c.region === r && c.side === s)) return;
    void chartSeveral([...pairsCharted(), [r, s]]);
  });
  alone.addEventListener("click", () => void view.chartTo(charted[0]?.region ?? start.region, [charted[0]?.side ?? start.side]));
  const drawCompare = (region: string) => {
    if (!overview) return;
    if (add.options.length === 1) add.append(...overview.sides.map((s) => h("option", { value: `${s.region}/${s.side}` }, s.label)));
    const sided = overview.sides.some((s) => s.region === region && s.side !== "center");
    const bothShown = charted.length === 2 && charted.every((c) => c.region === region);
    if (both.disabled !== (!sided || bothShown)) both.disabled = !sided || bothShown;
    if (alone.hidden !== charted.length < 2) alone.hidden = charted.length < 2;
  };

  // The series asked for while this view is open (the log cannot change under it), and the
  // other side of a charted region asked for in advance: switching sides, or back, is drawn in
  // the frame of the click.
  const asked = new Map<string, Promise<TrendSeries>>();
  const load = (region: string, side: Side): Promise<TrendSeries> => {
    const key = `${region}/${side}`;
    let series = asked.get(key);
    if (!series) {
      series = handlers.loadSeries(region, side, from, to);
      asked.set(key, series);
      series.catch(() => asked.delete(key));
    }
    return series;
  };
  const chartSeveral = async (pairs: [string, Side][], range?: [string, string]) => {
    const mine = ++chartTicket;
    const loaded = await Promise.all(pairs.map(([r, s]) => load(r, s)));
    if (mine !== chartTicket) return;
    // The chart on screen takes the new series when it can; otherwise a new one is drawn.
    if (!chart?.update(loaded)) {
      const width = Math.max(280, (chartHost.clientWidth || 600) - 8);
      const next = await renderTrendChart(loaded, width);
      if (mine !== chartTicket) return;
      chart = next;
      chartHost.replaceChildren(next.element);
    }
    charted = loaded;
    if (range) chart.zoom([seconds(range[0]), seconds(range[1], true)]);
    drawCompare(pairs[0][0]);
    handlers.onCharted(pairs[0][0], pairs[0][1]);
    const [region, side] = pairs[0];
    if (pairs.length === 1 && side !== "center") load(region, side === "left" ? "right" : "left").catch(() => undefined);
  };

  const showYear = async (y: number) => {
    const got = await handlers.loadYear(y);
    year = y;
    yearDays = got;
    const thisYear = new Date().getFullYear();
    yearHost.replaceChildren(
      renderYear(y, got, { first: thisYear - 10, last: thisYear }, {
        onYear: (n) => void showYear(n),
        onDay: (date) => void handlers.onDay(date),
      }),
    );
  };

  // Scrolling moves the small multiples under a pointer that did not move: what the pointer
  // then "enters" is not something the person pointed at, so hovering is ignored for a moment.
  let quietUntil = 0;
  const hover = (region: string | null, side?: Side) => {
    if (performance.now() >= quietUntil) handlers.onHover(region, side);
  };
  const scrollTo = (name: keyof typeof sections) => {
    quietUntil = performance.now() + 500;
    const target = sections[name];
    target.scrollIntoView({ block: "start" });
    target.querySelector<HTMLElement>("h3")?.focus({ preventScroll: true });
  };

  const view: TrendsView = {
    element: h(
      "article",
      { class: "trends", "data-from": from, "data-to": to },
      h("header", { class: "panel-header" }, h("div", { class: "title-row" }, h("h2", {}, "Trends"), h("div", { class: "row" }, select, save))),
      h("p", { class: "summary" }, `${longDate(from)} – ${longDate(to)}. Daily figures use each region's latest entry of the day.`),
      renderOverview(insights, (link) => void view.follow(link)),
      ...Object.values(sections),
    ),
    fill(o) {
      overview = o;
      multiplesHost.replaceChildren(
        renderMultiples(o.sides, {
          onPick: (r, s) => {
            void view.chartTo(r, [s]).then(() => scrollTo("chart"));
          },
          onHover: hover,
        }),
      );
      heatmapHost.replaceChildren(renderHeatmapControls(o, handlers.onDay, () => handlers.onRangeMap(o)));
      handlers.onRangeMap(o);
      episodesHost.replaceChildren(renderEpisodes(o));
      asymmetryHost.replaceChildren(
        table(["Region", "Left (mean)", "Right (mean)", "Days with both"], o.asymmetry.map((a) => [a.name, fmt(a.left_mean), fmt(a.right_mean), a.days]), "asymmetry", "Log both sides of a region on the same day to compare them."),
      );
      effectsHost.replaceChildren(
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
      );
      summariesHost.replaceChildren(
        table(["Month", "Days logged", "Mean", "Highest", "Workouts", "Treatments"], o.months.slice(-24).reverse().map((m) => [m.period, m.days_logged, fmt(m.mean), m.max, m.workouts, m.treatments]), "months", "Nothing logged in this range."),
        h("h4", {}, "Last weeks"),
        table(["Week", "Days logged", "Mean", "Highest", "Workouts", "Treatments"], o.weeks.slice(-12).reverse().map((m) => [m.period, m.days_logged, fmt(m.mean), m.max, m.workouts, m.treatments]), "weeks", "Nothing logged in this range."),
      );
      drawCompare(charted[0]?.region ?? start.region);
      void showYear(year);
    },
    chartTo: (region, sides, range) => chartSeveral(sides.map((s) => [region, s]), range),
    async follow(link) {
      if ((link.chart === "series" || link.chart === "compare") && link.region) {
        scrollTo("chart");
        await view.chartTo(link.region, link.sides.length ? link.sides : ["center"], [link.from, link.to]);
        return;
      }
      if (link.chart === "calendar") {
        await showYear(Number(link.to.slice(0, 4)));
        scrollTo("calendar");
        return;
      }
      scrollTo(link.chart === "recoveries" ? "recoveries" : "effects");
    },
    snapshot: () => ({ overview, series: charted, canvas: chart?.canvas() ?? null, year, yearDays }),
  };
  save.addEventListener("click", () => handlers.onSaveReport(view));
  // The chart is drawn once the overview has been painted.
  requestAnimationFrame(() => requestAnimationFrame(() => void chartSeveral([[start.region, start.side]])));
  return view;
}

/** The body heatmap for any day of the range, with a replay. */
function renderHeatmapControls(o: TrendsOverview, onDay: (date: string) => Promise<void>, onRange: () => void): HTMLElement {
  const dates = o.calendar.map((d) => d.date);
  const scrub = h("input", { type: "range", min: 0, max: Math.max(0, dates.length - 1), value: Math.max(0, dates.length - 1), "aria-label": "Day shown on the body map", disabled: dates.length === 0 });
  const dayLabel = h("span", { class: "scrub-date" }, dates.length ? "Highest over the range" : "no days logged");
  let replay: number | null = null;
  const show = async (i: number) => {
    const date = dates[i];
    if (!date) return;
    scrub.value = String(i);
    dayLabel.textContent = new Date(`${date}T12:00:00`).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
    await onDay(date);
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
  const whole = h("button", { type: "button", class: "secondary small", "data-action": "range-map" }, "Highest over the range");
  week.addEventListener("click", () => play(7));
  month.addEventListener("click", () => play(31));
  whole.addEventListener("click", () => {
    if (replay !== null) window.clearInterval(replay);
    replay = null;
    dayLabel.textContent = "Highest over the range";
    onRange();
  });
  return h(
    "div",
    {},
    h("p", { class: "muted" }, "The map shows each region's highest soreness over the range; pick a day to see that day."),
    h("div", { class: "scrubber" }, scrub, dayLabel),
    h("div", { class: "actions" }, week, month, whole),
  );
}

/** Recoveries, most recent first; bouts that a workout opened and no soreness followed are
 * hidden until asked for. */
export function renderEpisodes(o: TrendsOverview): HTMLElement {
  const sore = o.episodes.filter((e) => e.peak > 0);
  const quiet = o.episodes.length - sore.length;
  const host = h("div", {});
  const draw = (all: boolean) => {
    const list = (all ? o.episodes : sore).slice(0, 50);
    host.replaceChildren(
      table(
        ["Region", "Start", "Peak", "Time to peak", "Lasted"],
        list.map((e) => [e.label, friendly(e.start), `${e.peak}/10`, `${Math.round(e.hours_to_peak)} h`, e.ended_by === "open" ? "ongoing" : days(e.duration_hours)]),
        "episodes",
        "No recoveries in this range.",
      ),
    );
  };
  const toggle = h("input", { type: "checkbox", name: "show-quiet" });
  toggle.addEventListener("change", () => draw(toggle.checked));
  draw(false);
  return h(
    "div",
    {},
    h("p", { class: "muted", "data-count": sore.length }, `${sore.length} recover${sore.length === 1 ? "y" : "ies"} with soreness.`),
    quiet ? h("label", { class: "check" }, toggle, ` Also show ${quiet} bout${quiet === 1 ? "" : "s"} after a workout that brought no soreness`) : null,
    host,
    h("h4", {}, "Typical for each region (medians)"),
    table(
      ["Region", "Recoveries", "Time to peak", "Back to ≤1 after"],
      o.medians.map((m) => [m.name, m.episodes, `${Math.round(m.median_hours_to_peak)} h`, days(m.median_duration_hours)]),
      "medians",
      "Not enough recoveries yet.",
    ),
  );
}
