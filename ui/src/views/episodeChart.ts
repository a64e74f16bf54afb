// One recovery episode on the DOMS timeline: the typical phases as bands, the expected curve,
// the person's own entries, workouts, "you are here" and the forecast.

import type { Episode } from "../bindings/Episode";
import type { EpisodeView } from "../bindings/EpisodeView";
import type { Timeline } from "../bindings/Timeline";
import { h, svg } from "../dom";
import { friendly } from "../time";

const W = 460;
const H = 190;
const PAD = { l: 30, r: 12, t: 14, b: 30 };

/** The typical DOMS curve, 0..1, at `hours` (rises to the peak window, fades by a week). */
export function typicalCurve(hours: number, timeline: Timeline): number {
  const [peakFrom, peakTo] = timeline.typical_peak_hours;
  const [, goneBy] = timeline.typically_gone_hours;
  const peak = (peakFrom + peakTo) / 2;
  if (hours <= 0) return 0;
  if (hours <= peak) return Math.sin((hours / peak) * (Math.PI / 2));
  if (hours >= goneBy) return 0;
  return Math.cos(((hours - peak) / (goneBy - peak)) * (Math.PI / 2));
}

export function renderEpisodeChart(view: EpisodeView, timeline: Timeline): HTMLElement {
  const e = view.episode;
  const span = Math.max(168, Math.ceil((Math.max(view.hours_now, view.forecast.resolve_hours, ...e.points.map((p) => p.hours)) + 12) / 24) * 24);
  const x = (hours: number) => PAD.l + (hours / span) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + (1 - v / 10) * (H - PAD.t - PAD.b);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "episode-chart", role: "img", "aria-label": `${e.label}: soreness over time against the typical DOMS course` });

  for (const p of timeline.phases) {
    root.append(svg("rect", { class: `band phase-${p.id}`, x: x(p.start_hours), y: PAD.t, width: x(p.end_hours) - x(p.start_hours), height: H - PAD.t - PAD.b }));
  }
  for (let v = 0; v <= 10; v += 5) {
    root.append(svg("line", { class: "grid", x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v) }), svg("text", { class: "axis", x: PAD.l - 6, y: y(v) + 3, "text-anchor": "end" }, String(v)));
  }
  for (let d = 0; d <= span; d += 24) {
    root.append(svg("text", { class: "axis", x: x(d), y: H - 12, "text-anchor": "middle" }, d === 0 ? "start" : `${d / 24}d`));
  }
  // The expected curve, scaled to the person's peak so the shapes compare.
  const scale = Math.max(e.peak, 3);
  const curve: string[] = [];
  for (let hr = 0; hr <= span; hr += 4) curve.push(`${x(hr).toFixed(1)},${y(typicalCurve(hr, timeline) * scale).toFixed(1)}`);
  root.append(svg("polyline", { class: "expected", points: curve.join(" ") }));

  for (const w of e.workouts) {
    root.append(svg("path", { class: "workout-mark", d: `M${x(w)},${H - PAD.b} l-5,8 h10 z` }, svg("title", {}, "Workout")));
  }
  if (e.points.length) {
    root.append(svg("polyline", { class: "mine", points: e.points.map((p) => `${x(p.hours).toFixed(1)},${y(p.intensity).toFixed(1)}`).join(" ") }));
    for (const p of e.points) {
      root.append(svg("circle", { class: "mine-dot", cx: x(p.hours), cy: y(p.intensity), r: 3.5 }, svg("title", {}, `${friendly(p.at)}: ${p.intensity}/10`)));
    }
  }
  if (view.forecast.resolve_hours <= span) {
    const fx = x(view.forecast.resolve_hours);
    root.append(svg("line", { class: "forecast-line", x1: fx, x2: fx, y1: PAD.t, y2: H - PAD.b }), svg("text", { class: "forecast-label", x: fx - 3, y: PAD.t + 10, "text-anchor": "end" }, "≤1 by here"));
  }
  if (e.ended_by === "open") {
    const nx = x(Math.min(view.hours_now, span));
    root.append(svg("line", { class: "now-line", x1: nx, x2: nx, y1: PAD.t, y2: H - PAD.b }), svg("text", { class: "now-label", x: nx + 3, y: H - PAD.b - 4 }, "you are here"));
  }

  const status =
    e.ended_by === "open"
      ? `Started ${friendly(e.start)} (${e.started_by === "workout" ? "workout" : "first soreness"}) · now ${Math.round(view.hours_now)} h in${view.phase ? ` · ${view.phase}` : ""}`
      : `${friendly(e.start)} → ${e.end ? friendly(e.end) : ""} · ${ENDED[e.ended_by]}`;
  const judged = view.verdict.not_judged === undefined;
  return h(
    "div",
    { class: "episode", "data-episode-open": String(e.ended_by === "open") },
    h("p", { class: "episode-status" }, status),
    root,
    h("p", { class: "episode-stats" }, `Peak ${e.peak}/10 after ${Math.round(e.hours_to_peak)} h${e.duration_hours !== undefined ? ` · lasted ${(e.duration_hours / 24).toFixed(1)} days` : ""}`),
    h(
      "p",
      { class: `forecast basis-${view.forecast.basis}`, "data-basis": view.forecast.basis },
      h("strong", {}, e.ended_by === "open" && judged ? `Expected back to 1 or below by ${friendly(view.forecast.resolve_by)}. ` : ""),
      judged ? view.forecast.explanation : "",
    ),
    h(
      "div",
      { class: `verdict ${verdictClass(view)}`, "data-verdict": verdictClass(view) },
      h("strong", {}, view.verdict.not_judged ?? (view.verdict.fits_doms ? "Fits ordinary DOMS so far." : "Does not look like ordinary DOMS:")),
      view.verdict.reasons.length ? h("ul", {}, ...view.verdict.reasons.map((r) => h("li", {}, r))) : null,
    ),
  );
}

const ENDED: Record<Episode["ended_by"], string> = {
  workout: "",
  soreness: "",
  resolved: "recovered",
  no_entries: "no entries for a while",
  next_bout: "the next workout started a new bout",
  open: "still going",
};

function verdictClass(view: EpisodeView): string {
  if (view.verdict.not_judged !== undefined && view.verdict.reasons.length === 0) return "not-judged";
  return view.verdict.fits_doms ? "fits" : "does-not-fit";
}

/** The recent bouts of one region-side, newest first: each workout after a peak starts one. */
export function renderBouts(episodes: Episode[], limit = 6): HTMLElement | null {
  if (episodes.length < 2) return null;
  const recent = episodes.slice(-limit).reverse();
  return h(
    "div",
    { class: "bouts", "data-bouts": episodes.length },
    h("h4", {}, "Recent bouts"),
    h(
      "ol",
      {},
      ...recent.map((b) =>
        h(
          "li",
          { "data-bout": b.start, "data-ended": b.ended_by },
          `${friendly(b.start)} · ${b.started_by === "workout" ? "after a workout" : "from first soreness"} · ${
            b.points.some((p) => p.intensity > 0) ? `peak ${b.peak}/10` : "no soreness logged"
          }${b.ended_by === "open" ? " · now" : ` · ${ENDED[b.ended_by]}`}`,
        ),
      ),
    ),
  );
}
