// The DOMS time course drawn as a timeline: phases as proportional bands over the first week,
// each with what is felt and what the sources suggest.

import type { Source } from "../bindings/Source";
import type { Timeline } from "../bindings/Timeline";
import { h } from "../dom";

const hoursLabel = (hours: number): string =>
  hours % 24 === 0 && hours >= 48 ? `day ${hours / 24}` : `${hours} h`;

export function renderTimeline(timeline: Timeline, sources: Map<string, Source>): HTMLElement {
  const total = timeline.phases.at(-1)?.end_hours ?? 168;
  const [peakFrom, peakTo] = timeline.typical_peak_hours;
  const [goneFrom, goneTo] = timeline.typically_gone_hours;
  const bar = h(
    "div",
    { class: "timeline-bar", role: "img", "aria-label": `Soreness typically peaks ${peakFrom}-${peakTo} hours after training and is normally gone by ${goneFrom / 24}-${goneTo / 24} days.` },
    ...timeline.phases.map((p) => {
      const band = h(
        "div",
        { class: `timeline-phase phase-${p.id}`, "data-phase": p.id },
        h("span", { class: "phase-name" }, p.name),
        h("span", { class: "phase-hours" }, `${p.start_hours}–${p.end_hours} h`),
      );
      band.style.flexGrow = String(p.end_hours - p.start_hours);
      return band;
    }),
  );
  const ticks = h(
    "div",
    { class: "timeline-ticks", "aria-hidden": "true" },
    ...[0, 24, 48, 72, 120, total].map((t) => {
      const tick = h("span", {}, hoursLabel(t));
      tick.style.left = `${(t / total) * 100}%`;
      return tick;
    }),
  );
  return h(
    "div",
    { class: "timeline" },
    h(
      "p",
      { class: "timeline-lead" },
      `After a hard or new session, soreness usually rises over the first day, peaks between ${peakFrom} and ${peakTo} hours, and is normally gone by ${goneFrom / 24}–${goneTo / 24} days.`,
    ),
    bar,
    ticks,
    h(
      "div",
      { class: "timeline-cards" },
      ...timeline.phases.map((p) =>
        h(
          "div",
          { class: `timeline-card phase-${p.id}` },
          h("h4", {}, `${p.name} · ${p.start_hours}–${p.end_hours} h`),
          h("p", {}, p.felt),
          h("ul", {}, ...p.suggestions.map((s) => h("li", {}, s))),
          h("p", { class: "cite" }, "Sources: ", p.sources.map((id) => sources.get(id)?.title ?? id).join("; ")),
        ),
      ),
    ),
    ...timeline.notes.map((n) =>
      h(
        "p",
        { class: "timeline-note" },
        n.text,
        " ",
        h("cite", {}, `(${n.sources.map((id) => sources.get(id)?.title ?? id).join("; ")})`),
      ),
    ),
  );
}
