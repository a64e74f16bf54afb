import { describe, expect, it, vi } from "vitest";
import type { Insights } from "../bindings/Insights";
import type { Region } from "../bindings/Region";
import type { TrendsOverview } from "../bindings/TrendsOverview";
import { DISCLAIMER, LEVEL_COLOURS, bodyHeatmapSvg, buildReport, rangeCells, yearSvg } from "./report";
import { aligned, zoomed } from "./trendChart";
import { miniBars, renderMultiples, renderOverview, renderYear, sparkPath, yearGrid } from "./trendParts";
import { type TrendsHandlers, rangeOf, renderEpisodes, renderTrends } from "./trends";
import type { Side } from "../bindings/Side";

const episode = (peak: number, start: string) => ({
  region: "calf",
  side: "left" as const,
  label: "Left calf",
  start,
  started_by: "soreness" as const,
  peak,
  peak_at: start,
  hours_to_peak: 0,
  end: "2026-11-12T08:00:00",
  duration_hours: 48,
  ended_by: "resolved" as const,
  points: [],
  workouts: [],
});

const overview: TrendsOverview = {
  from: "2026-11-01",
  to: "2026-11-22",
  calendar: [
    { date: "2026-11-10", max: 7, mean: 4.5, regions: 2 },
    { date: "2026-11-11", max: 3, mean: 2, regions: 2 },
  ],
  sides: [
    { region: "calf", side: "left", label: "Left calf", coarse: "calf", start: "2026-11-01", step_days: 1, values: [null, 3, 7, null, 2], peak: 7, days: 3, last: "2026-11-05" },
    { region: "soleus", side: "right", label: "Right soleus", coarse: "calf", start: "2026-11-01", step_days: 1, values: [null, 4, null, null, null], peak: 4, days: 1, last: "2026-11-02" },
  ],
  episodes: [episode(7, "2026-11-10T08:00:00"), episode(0, "2026-11-15T08:00:00")],
  medians: [],
  asymmetry: [],
  effects: [],
  weeks: [],
  months: [],
};

const insights: Insights = {
  from: "2026-11-01",
  to: "2026-11-22",
  recent_from: "2026-10-24",
  min_cases: 5,
  statements: [
    { id: "recovery", topic: "recovery", tone: "good", text: "Faster than usual.", link: { chart: "recoveries", sides: [], from: "2026-10-24", to: "2026-11-22" }, bars: [{ label: "This month", value: 2.1 }, { label: "Usual", value: 3 }] },
    { id: "gap:calf", topic: "unusual", tone: "attention", text: "Left calf sorer than right.", link: { chart: "compare", region: "calf", sides: ["left", "right"], from: "2026-11-01", to: "2026-11-22" }, bars: [] },
    { id: "helps:technique:kneading", topic: "helps", tone: "not_enough", text: "Kneading: not enough data yet.", link: { chart: "effects", sides: [], from: "2026-11-01", to: "2026-11-22" }, bars: [] },
  ],
};

describe("the overview", () => {
  it("groups statements by question, each with a link to its chart", () => {
    const onFollow = vi.fn();
    const el = renderOverview(insights, onFollow);
    expect([...el.querySelectorAll(".overview-group")].map((g) => g.getAttribute("data-topic"))).toEqual(["recovery", "helps", "unusual"]);
    expect(el.querySelector('[data-statement="helps:technique:kneading"]')?.classList.contains("tone-not_enough")).toBe(true);
    el.querySelector<HTMLButtonElement>('[data-follow="gap:calf"]')?.click();
    expect(onFollow).toHaveBeenCalledWith(insights.statements[1].link, "gap:calf");
    expect(el.querySelector('[data-follow="gap:calf"]')?.textContent).toContain("Compare the sides");
  });

  it("says so when there is nothing to say", () => {
    expect(renderOverview({ ...insights, statements: [] }, () => undefined).textContent).toContain("Nothing logged");
  });

  it("draws a statement's figures as labelled bars on one scale", () => {
    const bars = miniBars([{ label: "With", value: 2 }, { label: "Without", value: 1 }]);
    const rects = bars?.querySelectorAll("rect") ?? [];
    expect(rects).toHaveLength(2);
    expect(Number(rects[0].getAttribute("width"))).toBeCloseTo(70);
    expect(Number(rects[1].getAttribute("width"))).toBeCloseTo(35);
    expect(miniBars([])).toBeNull();
  });
});

describe("small multiples", () => {
  it("draws a line through logged bins with gaps where nothing was logged", () => {
    expect(sparkPath([null, 5, 10, null, 0], 40, 10)).toBe("M10.0,5.0L20.0,0.0M40.0,10.0");
  });

  it("charts a region-side on click and lights it on the map while pointed at", () => {
    const onPick = vi.fn();
    const onHover = vi.fn();
    const el = renderMultiples(overview.sides, { onPick, onHover });
    const soleus = el.querySelector<HTMLButtonElement>('[data-region="soleus"][data-side="right"]');
    soleus?.click();
    expect(onPick).toHaveBeenCalledWith("soleus", "right");
    soleus?.dispatchEvent(new MouseEvent("mouseenter"));
    expect(onHover).toHaveBeenLastCalledWith("soleus", "right");
    soleus?.dispatchEvent(new MouseEvent("mouseleave"));
    expect(onHover).toHaveBeenLastCalledWith(null);
    // A lone logged day is a dot.
    expect(soleus?.querySelectorAll(".spark-dot")).toHaveLength(1);
  });
});

describe("the year calendar", () => {
  it("lays a year out in Monday-first weeks", () => {
    const grid = yearGrid(2026);
    expect(grid).toHaveLength(365);
    // 1 January 2026 is a Thursday.
    expect(grid[0]).toEqual([0, 3, "2026-01-01"]);
    expect(grid.at(-1)).toEqual([52, 3, "2026-12-31"]);
    expect(yearGrid(2024)).toHaveLength(366);
  });

  it("colours days, labels months and steps between years", () => {
    const onYear = vi.fn();
    const onDay = vi.fn();
    const el = renderYear(2026, overview.calendar, { first: 2016, last: 2026 }, { onYear, onDay });
    expect(el.querySelectorAll("[data-month]")).toHaveLength(12);
    expect(el.querySelector('[data-date="2026-11-10"]')?.getAttribute("data-level")).toBe("7");
    expect(el.querySelector('[data-date="2026-11-12"]')?.hasAttribute("data-level")).toBe(false);
    expect(el.querySelector<HTMLButtonElement>('[data-action="year-next"]')?.disabled).toBe(true);
    el.querySelector<HTMLButtonElement>('[data-action="year-back"]')?.click();
    expect(onYear).toHaveBeenCalledWith(2025);
    el.querySelector('[data-date="2026-11-10"]')?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(onDay).toHaveBeenCalledWith("2026-11-10");
    el.querySelector('[data-date="2026-11-12"]')?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(onDay).toHaveBeenCalledTimes(1);
  });
});

describe("recoveries", () => {
  it("hides bouts that never had soreness until asked", () => {
    const el = renderEpisodes(overview);
    expect(el.querySelectorAll('[data-table="episodes"] tbody tr')).toHaveLength(1);
    const toggle = el.querySelector<HTMLInputElement>("input[name=show-quiet]");
    expect(toggle?.parentElement?.textContent).toContain("1 bout");
    toggle!.checked = true;
    toggle!.dispatchEvent(new Event("change"));
    expect(el.querySelectorAll('[data-table="episodes"] tbody tr')).toHaveLength(2);
  });
});

describe("the chart", () => {
  it("puts several series on one time axis with gaps", () => {
    const a = { times: [10, 30], values: [2, 4] };
    const b = { times: [20, 30], values: [5, 6] };
    expect(aligned([a, b] as never)).toEqual([[10, 20, 30], [2, null, 4], [null, 5, 6]]);
  });

  it("zooms around a centre and never below a day", () => {
    expect(zoomed(0, 1_000_000, 0.5)).toEqual([250_000, 750_000]);
    const [a, b] = zoomed(0, 100_000, 0.1, 50_000);
    expect(b - a).toBe(86_400);
  });

  it("builds ranges back from today", () => {
    expect(rangeOf("30", new Date("2026-11-22T12:00:00"))).toEqual(["2026-10-23", "2026-11-22"]);
  });
});

describe("the report", () => {
  const regions = [
    { id: "calf", parent: undefined, sided: true },
    { id: "soleus", parent: "calf", sided: true },
    { id: "gastrocnemius", parent: "calf", sided: true },
  ] as unknown as Region[];

  it("colours the body heatmap by level, a muscle taking its region's when it has none", () => {
    const svg = bodyHeatmapSvg(new Map([["calf/left", 7]]), regions);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(`fill="${LEVEL_COLOURS[7]}"`);
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    expect(doc.querySelector("parsererror")).toBeNull();
  });

  it("paints a muscle with the higher of its own and its region's highest", () => {
    const sides = [
      { ...overview.sides[0], region: "calf", side: "left" as const, peak: 6 },
      { ...overview.sides[0], region: "soleus", side: "left" as const, peak: 0 },
      { ...overview.sides[0], region: "gastrocnemius", side: "right" as const, peak: 3 },
    ];
    const cells = new Map(rangeCells(sides, regions).map((c) => [`${c.region}/${c.side}`, c.intensity]));
    expect(cells.get("soleus/left")).toBe(6);
    expect(cells.get("gastrocnemius/left")).toBe(6);
    expect(cells.get("gastrocnemius/right")).toBe(3);
    expect(cells.has("soleus/right")).toBe(false);
  });

  it("draws the year with its colours written in", () => {
    const svg = yearSvg(2026, overview.calendar);
    expect(svg).toContain(LEVEL_COLOURS[7]);
    expect((svg.match(/<rect /g) ?? []).length).toBe(365);
  });

  it("holds the disclaimer, the overview, the figures and the recoveries with soreness", () => {
    const doc = buildReport({ insights, overview, regions, series: [], chart: null, year: 2026, yearDays: overview.calendar, open: [], made: "22 Nov 2026" });
    expect(doc.blocks[0]).toEqual({ kind: "note", text: DISCLAIMER });
    expect(doc.blocks).toContainEqual({ kind: "bullets", items: insights.statements.map((s) => s.text) });
    expect(doc.blocks.filter((b) => b.kind === "figure")).toHaveLength(2);
    const table = doc.blocks.find((b) => b.kind === "table");
    expect(table && table.kind === "table" ? table.rows : []).toHaveLength(1);
    expect(doc.footer).toContain("not medical advice");
  });
});

describe("the chart's series", () => {
  const handlers = (loadSeries: TrendsHandlers["loadSeries"], onCharted: TrendsHandlers["onCharted"] = () => undefined): TrendsHandlers => ({
    onDay: async () => undefined,
    onRangeMap: () => undefined,
    onRange: () => undefined,
    onSaveReport: () => undefined,
    onHover: () => undefined,
    onCharted,
    loadSeries,
    loadYear: async () => [],
  });
  const empty = (region: string, side: Side) => ({ region, side, label: `${side} ${region}`, times: [], values: [], episodes: [], workouts: [], treatments: [] });

  it("asks for the other side in advance and never twice for one series", async () => {
    const asked: string[] = [];
    const charted = vi.fn();
    const view = renderTrends(insights, "30", { region: "calf", side: "left" }, handlers(async (region, side) => {
      asked.push(`${region}/${side}`);
      return empty(region, side);
    }, charted));
    await view.chartTo("calf", ["left"]);
    expect(asked).toEqual(["calf/left", "calf/right"]);
    // The other side is there already; switching back asks for nothing either.
    await view.chartTo("calf", ["right"]);
    await view.chartTo("calf", ["left"]);
    expect(charted).toHaveBeenLastCalledWith("calf", "left");
    expect(asked).toEqual(["calf/left", "calf/right"]);
  });

  it("asks again for a series that failed", async () => {
    let fail = true;
    const loadSeries = vi.fn(async (region: string, side: Side) => {
      if (fail) throw new Error("busy");
      return empty(region, side);
    });
    const view = renderTrends(insights, "30", { region: "neck", side: "center" }, handlers(loadSeries));
    await expect(view.chartTo("neck", ["center"])).rejects.toThrow("busy");
    fail = false;
    await view.chartTo("neck", ["center"]);
    expect(loadSeries).toHaveBeenCalledTimes(2);
  });
});
