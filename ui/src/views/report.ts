// The report for a physiotherapist or doctor: what the Trends view shows for a range, as a
// document the core lays out into a PDF (`save_report`). Figures are standalone SVG with their
// colours written in, since the PDF has no stylesheet: the body heatmap of each region-side's
// highest soreness over the range, the chart as it is on screen, and the year's calendar.

import type { Block } from "../bindings/Block";
import type { CalendarDay } from "../bindings/CalendarDay";
import type { DayCell } from "../bindings/DayCell";
import type { Side } from "../bindings/Side";
import type { SideSpark } from "../bindings/SideSpark";
import type { EpisodeView } from "../bindings/EpisodeView";
import type { Insights } from "../bindings/Insights";
import type { Region } from "../bindings/Region";
import type { ReportDocument } from "../bindings/ReportDocument";
import type { TrendSeries } from "../bindings/TrendSeries";
import type { TrendsOverview } from "../bindings/TrendsOverview";
import type { View } from "../bindings/View";
import { friendly } from "../time";
import { HEIGHT, SHAPES, SILHOUETTE_HALF, WIDTH, sideOf } from "./bodyShapes";
import { yearGrid } from "./trendParts";
import { days } from "./trends";

/** The soreness scale's colours, 0–10, as on the map. */
export const LEVEL_COLOURS = ["#eef1ea", "#fff3c4", "#ffe79a", "#ffd86e", "#fdbf5a", "#f9a24b", "#f3843f", "#e4603a", "#cc4233", "#a8262f", "#7d1128"];
const SKIN = "#eadfd3";
const UNLOGGED = "#dccbb9";

/** Both figures, front and back, each region-side filled with its highest level (a muscle
 * takes its region's when that is higher than its own). */
export function bodyHeatmapSvg(levels: Map<string, number>, regions: Region[]): string {
  const parent = new Map(regions.map((r) => [r.id, r.parent ? regions.find((p) => p.id === r.parent) : undefined]));
  const levelOf = (region: string, side: string) => {
    const own = levels.get(`${region}/${side}`);
    const p = parent.get(region);
    const inherited = p ? levels.get(`${p.id}/${p.sided ? side : "center"}`) : undefined;
    if (own === undefined || inherited === undefined) return own ?? inherited;
    return Math.max(own, inherited);
  };
  const mirror = `matrix(-1 0 0 1 ${WIDTH} 0)`;
  const figure = (view: View, dx: number) => {
    const parts = [`<g transform="translate(${dx} 0)">`, `<path d="${SILHOUETTE_HALF}" fill="${SKIN}"/>`, `<path d="${SILHOUETTE_HALF}" fill="${SKIN}" transform="${mirror}"/>`];
    for (const shape of SHAPES[view]) {
      const halves = shape.kind === "center" ? [{ side: "center", mirrored: false }] : [false, true].map((m) => ({ side: sideOf(view, m), mirrored: m }));
      for (const { side, mirrored } of halves) {
        const n = levelOf(shape.region, side);
        const fill = n === undefined ? UNLOGGED : LEVEL_COLOURS[Math.max(0, Math.min(10, n))];
        parts.push(`<path d="${shape.d}" fill="${fill}" stroke="#ffffff" stroke-width="0.6"${mirrored ? ` transform="${mirror}"` : ""}/>`);
      }
    }
    const [l, r] = view === "front" ? ["Their right", "Their left"] : ["Their left", "Their right"];
    parts.push(
      `<text x="100" y="${HEIGHT + 16}" font-size="11" text-anchor="middle" font-family="DejaVu Sans" fill="#333333">${view === "front" ? "Front" : "Back"}</text>`,
      `<text x="4" y="${HEIGHT + 16}" font-size="8" font-family="DejaVu Sans" fill="#666666">${l}</text>`,
      `<text x="196" y="${HEIGHT + 16}" font-size="8" text-anchor="end" font-family="DejaVu Sans" fill="#666666">${r}</text>`,
      "</g>",
    );
    return parts.join("");
  };
  const legend = LEVEL_COLOURS.map((c, i) => `<rect x="${20 + i * 34}" y="${HEIGHT + 30}" width="30" height="10" fill="${c}"/><text x="${35 + i * 34}" y="${HEIGHT + 52}" font-size="8" text-anchor="middle" font-family="DejaVu Sans" fill="#333333">${i}</text>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH * 2 + 20} ${HEIGHT + 58}" width="${WIDTH * 2 + 20}" height="${HEIGHT + 58}">${figure("front", 0)}${figure("back", WIDTH + 20)}${legend}</svg>`;
}

/** Each region-side's highest soreness over a range, as cells the body map can paint: a muscle
 * shows the higher of its own and its region's, as on the report's figure. */
export function rangeCells(sides: SideSpark[], regions: Region[]): DayCell[] {
  const peak = new Map(sides.map((s) => [`${s.region}/${s.side}`, s.peak]));
  const cells = new Map<string, DayCell>();
  const put = (region: string, side: Side, intensity: number) => {
    const key = `${region}/${side}`;
    const was = cells.get(key)?.intensity ?? -1;
    if (intensity > was) cells.set(key, { region, side, intensity, at: "" });
  };
  for (const s of sides) put(s.region, s.side, s.peak);
  for (const r of regions) {
    if (!r.parent) continue;
    const p = regions.find((x) => x.id === r.parent);
    if (!p) continue;
    for (const side of r.sided ? (["left", "right"] as Side[]) : (["center"] as Side[])) {
      const inherited = peak.get(`${p.id}/${p.sided ? side : "center"}`);
      if (inherited !== undefined) put(r.id, side, inherited);
    }
  }
  return [...cells.values()];
}

/** A year of the day's highest soreness, months labelled. */
export function yearSvg(year: number, days: CalendarDay[]): string {
  const byDate = new Map(days.map((d) => [d.date, d.max]));
  const cell = 12;
  const left = 26;
  const top = 16;
  const grid = yearGrid(year);
  const weeks = (grid.at(-1)?.[0] ?? 52) + 1;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const parts: string[] = [];
  ["Mon", "", "Wed", "", "Fri", "", ""].forEach((w, i) => w && parts.push(`<text x="0" y="${top + i * cell + 9}" font-size="8" font-family="DejaVu Sans" fill="#555555">${w}</text>`));
  for (const [col, row, date] of grid) {
    if (date.endsWith("-01")) parts.push(`<text x="${left + col * cell}" y="10" font-size="8" font-family="DejaVu Sans" fill="#555555">${months[Number(date.slice(5, 7)) - 1]}</text>`);
    const n = byDate.get(date);
    parts.push(`<rect x="${left + col * cell}" y="${top + row * cell}" width="${cell - 2}" height="${cell - 2}" rx="2" fill="${n === undefined ? "#f1eee9" : LEVEL_COLOURS[Math.max(0, Math.min(10, n))]}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${left + weeks * cell} ${top + 7 * cell}" width="${left + weeks * cell}" height="${top + 7 * cell}">${parts.join("")}</svg>`;
}

/** The on-screen chart (a canvas) as an SVG holding its picture. */
export function chartSvg(canvas: HTMLCanvasElement): string {
  const w = canvas.width;
  const hgt = canvas.height;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 ${w} ${hgt}" width="${w}" height="${hgt}"><image width="${w}" height="${hgt}" href="${canvas.toDataURL("image/png")}"/></svg>`;
}

export interface ReportInput {
  insights: Insights;
  overview: TrendsOverview;
  regions: Region[];
  series: TrendSeries[];
  chart: string | null;
  year: number;
  yearDays: CalendarDay[];
  open: EpisodeView[];
  made: string;
}

export const DISCLAIMER =
  "Self-recorded soreness from SoreMap. SoreMap is not medical advice: it shows what its sources say about self-care for ordinary muscle soreness, and the statements below are observations from this log, not proof of cause. Dark urine, or fever or chills with muscle pain, need medical care now; severe or worsening pain, numbness or weakness need a doctor.";

/** The report as blocks for the core to lay out. */
export function buildReport(input: ReportInput): ReportDocument {
  const { insights, overview: o } = input;
  const levels = new Map<string, number>();
  for (const s of o.sides) levels.set(`${s.region}/${s.side}`, s.peak);
  const flags = input.open.flatMap((v) => v.flags.map((f) => `${v.episode.label}: ${f.flag.title} — ${f.reason}${f.acknowledged ? " (read)" : ""}`));
  const sore = o.episodes.filter((e) => e.peak > 0);
  const blocks: Block[] = [
    { kind: "note", text: DISCLAIMER },
    { kind: "heading", text: "Overview" },
    insights.statements.length ? { kind: "bullets", items: insights.statements.map((s) => s.text) } : { kind: "paragraph", text: "Nothing logged in this range." },
    { kind: "heading", text: "Warning signs in open recoveries" },
    flags.length ? { kind: "bullets", items: flags } : { kind: "paragraph", text: "None raised." },
    { kind: "heading", text: "Body heatmap: each region's highest soreness in the range" },
    { kind: "figure", svg: bodyHeatmapSvg(levels, input.regions), caption: `Highest soreness per region-side, ${o.from} to ${o.to} (0–10; unlogged regions in beige).`, width: 0.75 },
  ];
  if (input.chart && input.series.length) {
    blocks.push({ kind: "heading", text: `Soreness over time: ${input.series.map((s) => s.label).join(", ")}` }, { kind: "figure", svg: input.chart, caption: "Shaded: each episode's expected peak window (24–72 h). ▲ workout · ■ treatment.", width: 1 });
  }
  blocks.push(
    { kind: "heading", text: `Calendar ${input.year}: the day's highest soreness` },
    { kind: "figure", svg: yearSvg(input.year, input.yearDays), caption: `${input.yearDays.length} days logged in ${input.year}.`, width: 1 },
    { kind: "heading", text: "Recoveries" },
    sore.length
      ? { kind: "table", head: ["Region", "Start", "Peak", "Time to peak", "Lasted"], rows: sore.map((e) => [e.label, friendly(e.start), `${e.peak}/10`, `${Math.round(e.hours_to_peak)} h`, e.ended_by === "open" ? "ongoing" : days(e.duration_hours)]) }
      : { kind: "paragraph", text: "No recoveries with soreness in this range." },
  );
  if (o.medians.length) {
    blocks.push({ kind: "heading", text: "Typical for each region (medians)" }, { kind: "table", head: ["Region", "Recoveries", "Time to peak", "Back to ≤1 after"], rows: o.medians.map((m) => [m.name, String(m.episodes), `${Math.round(m.median_hours_to_peak)} h`, days(m.median_duration_hours)]) });
  }
  if (o.asymmetry.length) {
    blocks.push({ kind: "heading", text: "Left versus right" }, { kind: "table", head: ["Region", "Left (mean)", "Right (mean)", "Days with both"], rows: o.asymmetry.map((a) => [a.name, a.left_mean.toFixed(1), a.right_mean.toFixed(1), String(a.days)]) });
  }
  if (o.effects.length) {
    blocks.push(
      { kind: "heading", text: "After techniques and points" },
      { kind: "paragraph", text: "What the log shows after each one: an observation, not proof that it caused the change." },
      {
        kind: "table",
        head: ["Region", "What", "Times", "Before → after", "Next day"],
        rows: o.effects.map((e) => [
          e.name,
          e.what,
          String(e.times),
          e.with_before_after ? `${(e.mean_before ?? 0).toFixed(1)} → ${(e.mean_after ?? 0).toFixed(1)} (${e.with_before_after}×)` : "–",
          e.with_next_day ? `${(e.mean_next_day_change ?? 0) > 0 ? "+" : ""}${(e.mean_next_day_change ?? 0).toFixed(1)} (${e.with_next_day}×)` : "–",
        ]),
      },
    );
  }
  return {
    title: "SoreMap recovery report",
    subtitle: `${o.from} to ${o.to} · made ${input.made}`,
    footer: "SoreMap · self-recorded · not medical advice",
    blocks,
  };
}
