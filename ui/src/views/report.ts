// The printable report: a copy of what matters for a physiotherapist or doctor, laid out for
// paper by the print stylesheet and sent to the system print dialog (which can save a PDF).

import type { EpisodeView } from "../bindings/EpisodeView";
import type { TrendsOverview } from "../bindings/TrendsOverview";
import { h } from "../dom";
import { friendly } from "../time";
import { renderCalendar } from "./trends";

export function renderReport(
  o: TrendsOverview,
  map: Element | null,
  chart: HTMLCanvasElement | null,
  chartLabel: string,
  open: EpisodeView[],
): HTMLElement {
  const figure = map ? (map.cloneNode(true) as Element) : null;
  figure?.querySelectorAll("[tabindex]").forEach((e) => e.removeAttribute("tabindex"));
  return h(
    "div",
    { id: "report", class: "report" },
    h("h1", {}, "SoreMap recovery report"),
    h("p", {}, `${o.from} to ${o.to} · printed ${friendly(new Date().toISOString().slice(0, 19))}`),
    h("p", { class: "report-note" }, "Self-recorded soreness. SoreMap is not medical advice; it shows what its sources say about ordinary muscle soreness."),
    h("h2", {}, "Calendar: the day's highest soreness"),
    renderCalendar(o),
    figure ? h("div", { class: "report-map" }, h("h2", {}, "Body heatmap"), figure) : null,
    chart ? h("div", {}, h("h2", {}, `Soreness over time: ${chartLabel}`), h("img", { src: chart.toDataURL("image/png"), alt: `Chart of ${chartLabel}` })) : null,
    h("h2", {}, "Warning signs in open recoveries"),
    open.some((v) => v.flags.length)
      ? h(
          "ul",
          {},
          ...open.flatMap((v) => v.flags.map((f) => h("li", {}, `${v.episode.label}: ${f.flag.title} — ${f.reason}${f.acknowledged ? " (read)" : ""}`))),
        )
      : h("p", {}, "None."),
    h("h2", {}, "Recoveries"),
    h(
      "table",
      { class: "data-table" },
      h("thead", {}, h("tr", {}, ...["Region", "Start", "Peak", "Time to peak", "Lasted"].map((c) => h("th", {}, c)))),
      h(
        "tbody",
        {},
        ...o.episodes.map((e) =>
          h(
            "tr",
            {},
            h("td", {}, e.label),
            h("td", {}, friendly(e.start)),
            h("td", {}, `${e.peak}/10`),
            h("td", {}, `${Math.round(e.hours_to_peak)} h`),
            h("td", {}, e.ended_by === "open" ? "ongoing" : e.duration_hours !== undefined ? `${(e.duration_hours / 24).toFixed(1)} d` : "–"),
          ),
        ),
      ),
    ),
  );
}
