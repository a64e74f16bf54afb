// The region panel: what the catalogue links to one region-side. Pure render functions that
// take data and return DOM; every text goes in as text.

import type { Point } from "../bindings/Point";
import type { RegionDetail } from "../bindings/RegionDetail";
import type { Source } from "../bindings/Source";
import type { Technique } from "../bindings/Technique";
import { type Child, h } from "../dom";

export interface PanelHandlers {
  /** A point's details were opened (or all closed: `null`). */
  onPointToggle(point: Point | null): void;
}

function cite(ids: string[], sources: Map<string, Source>): HTMLElement {
  return h(
    "p",
    { class: "cite" },
    "Sources: ",
    ...ids.flatMap((id, i) => [
      i > 0 ? "; " : null,
      h("cite", { title: sources.get(id)?.citation ?? id }, sources.get(id)?.title ?? id),
    ]),
  );
}

function field(title: string, ...content: Child[]): HTMLElement {
  return h("div", { class: "field" }, h("h4", {}, title), ...content);
}

function bullets(items: string[]): HTMLElement {
  return h("ul", {}, ...items.map((item) => h("li", {}, item)));
}

function pointTitle(point: Point): HTMLElement {
  return h(
    "span",
    { class: "item-title" },
    point.code ? h("span", { class: "code" }, point.code) : null,
    h("span", { class: "name" }, point.pinyin ?? point.names[0] ?? point.id),
    point.pinyin && point.names.length ? h("span", { class: "aka" }, point.names.join(" · ")) : null,
  );
}

export function renderPoint(point: Point, sources: Map<string, Source>): HTMLDetailsElement {
  return h(
    "details",
    { class: "item point", "data-point": point.id },
    h("summary", {}, pointTitle(point)),
    field("Where", h("p", {}, point.location)),
    field("How to find it", h("p", {}, point.how_to_find)),
    field("How to apply", h("p", {}, point.how_to_apply)),
    point.claims.length
      ? field(
          "What the sources claim",
          h(
            "ul",
            { class: "claims" },
            ...point.claims.map((c) =>
              h("li", {}, c.text, " ", h("cite", {}, `(${sources.get(c.source)?.title ?? c.source})`)),
            ),
          ),
        )
      : null,
    field("Cautions", h("div", { class: "cautions" }, bullets(point.cautions))),
    point.source_notes.length
      ? field(
          "In the source's own words",
          ...point.source_notes.map((n) =>
            h(
              "blockquote",
              {},
              h("p", {}, `“${n.text}”`),
              h(
                "footer",
                {},
                `— ${sources.get(n.source)?.title ?? n.source}`,
                n.interpreted ? h("span", { class: "badge" }, "match interpreted") : null,
                n.note ? h("span", { class: "note" }, ` ${n.note}`) : null,
              ),
            ),
          ),
        )
      : null,
    cite(point.sources, sources),
  );
}

export function renderTechnique(t: Technique, sources: Map<string, Source>): HTMLDetailsElement {
  return h(
    "details",
    { class: "item technique", "data-technique": t.id },
    h("summary", {}, h("span", { class: "item-title" }, h("span", { class: "name" }, t.name))),
    h("p", {}, t.summary),
    field("Steps", h("ol", {}, ...t.steps.map((s) => h("li", {}, s)))),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "How long"),
      h("dd", {}, t.duration),
      h("dt", {}, "Pressure"),
      h("dd", {}, t.pressure),
    ),
    field("Cautions", h("div", { class: "cautions" }, bullets(t.cautions))),
    cite(t.sources, sources),
  );
}

function section(title: string, testId: string, items: HTMLElement[], empty: string): HTMLElement {
  return h(
    "section",
    { class: "panel-section", "data-section": testId },
    h("h3", {}, title, h("span", { class: "count" }, String(items.length))),
    items.length ? h("div", { class: "items" }, ...items) : h("p", { class: "empty" }, empty),
  );
}

export function renderRegionPanel(detail: RegionDetail, handlers: PanelHandlers): HTMLElement {
  const sources = new Map(detail.sources.map((s) => [s.id, s]));
  const points = [...detail.points_on, ...detail.points_for];
  const points_on = detail.points_on.map((p) => renderPoint(p, sources));
  const points_for = detail.points_for.map((p) => renderPoint(p, sources));
  const panel = h(
    "article",
    {
      class: "region-panel",
      "data-region": detail.region.id,
      "data-side": detail.side,
      "aria-labelledby": "region-title",
    },
    h("header", {}, h("h2", { id: "region-title" }, detail.label), h("p", { class: "summary" }, detail.region.summary)),
    section("Points on this region", "points-on", points_on, "No acupressure points from the sources lie here."),
    section(
      "Points elsewhere, used for this region",
      "points-for",
      points_for,
      "The sources link no points elsewhere to this region.",
    ),
    section(
      "Massage and self-care",
      "techniques",
      detail.techniques.map((t) => renderTechnique(t, sources)),
      "No techniques listed.",
    ),
    h(
      "section",
      { class: "panel-section references" },
      h("h3", {}, "References"),
      h("ol", {}, ...detail.sources.map((s) => h("li", {}, h("strong", {}, s.title), ". ", s.citation))),
    ),
  );

  // One point open at a time drives the marker on the body map.
  panel.addEventListener(
    "toggle",
    (e) => {
      const details = e.target as HTMLDetailsElement;
      if (!details.classList.contains("point")) return;
      if (details.open) {
        for (const other of panel.querySelectorAll<HTMLDetailsElement>("details.point[open]")) {
          if (other !== details) other.open = false;
        }
        handlers.onPointToggle(points.find((p) => p.id === details.dataset.point) ?? null);
      } else if (!panel.querySelector("details.point[open]")) {
        handlers.onPointToggle(null);
      }
    },
    true,
  );
  return panel;
}

export function renderPanelPlaceholder(): HTMLElement {
  return h(
    "div",
    { class: "placeholder" },
    h("h2", {}, "Where does it hurt?"),
    h(
      "p",
      {},
      "Click a sore spot on the body map, or move to it with Tab and press Enter. Left and right are your own: on the front figure your right side is on the left of the screen.",
    ),
  );
}

export function renderError(title: string, message: string): HTMLElement {
  return h("div", { class: "error", role: "alert" }, h("h2", {}, title), h("p", {}, message));
}
