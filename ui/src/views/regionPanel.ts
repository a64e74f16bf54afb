// The region panel: what the catalogue links to one region-side. Pure render functions that
// take data and return DOM; every text goes in as text.

import type { Muscle } from "../bindings/Muscle";
import type { PersonalCaution } from "../bindings/PersonalCaution";
import type { Point } from "../bindings/Point";
import type { RegionDetail } from "../bindings/RegionDetail";
import type { SafetyFlag } from "../bindings/SafetyFlag";
import type { Side } from "../bindings/Side";
import type { Source } from "../bindings/Source";
import type { Technique } from "../bindings/Technique";
import { type Child, h } from "../dom";
import { renderTimeline } from "./timeline";

export interface PanelHandlers {
  /** A point's card was hovered, focused or opened (its dot on the figure lights up), or left. */
  onPointHot(pointId: string | null): void;
  /** The person asked for the other side of the same region. */
  onSide?(side: Side): void;
  /** The coarse region this one is part of, and the finer muscles within this one. */
  related?: { up?: { id: string; name: string }; down: { id: string; name: string }[] };
  /** The person asked for a related region (same side, or the midline for a midline one). */
  onRegion?(region: string): void;
  /** The person's own log for this region-side, shown above what the catalogue says. */
  logSection?: HTMLElement;
  /** Extra controls (the guided timer) for a point or technique. */
  tools?(kind: "point" | "technique", id: string, name: string, guidance: string): HTMLElement | null;
}

const SEVERITY_LABEL: Record<SafetyFlag["severity"], string> = {
  urgent: "Urgent",
  professional: "See a professional",
  caution: "Caution",
};

/** The person's own cautions for one point, technique or the region, keyed by target and id. */
type Personal = (target: PersonalCaution["target"], id: string) => PersonalCaution[];

function personalIndex(list: PersonalCaution[]): Personal {
  return (target, id) => list.filter((c) => c.target === target && c.id === id);
}

/** Says why this item needs care for this person (their health profile) and what to do. */
export function renderPersonal(cautions: PersonalCaution[]): HTMLElement | null {
  if (!cautions.length) return null;
  return h(
    "div",
    { class: "personal-cautions" },
    ...cautions.map((c) =>
      h(
        "div",
        { class: `personal-caution severity-${c.flag.severity}`, role: "note", "data-condition": c.condition },
        h("p", {}, h("strong", {}, `${c.flag.title}. `), c.why),
        h("p", {}, c.flag.advice),
        c.flag.do_now.length ? h("ul", { class: "do-now" }, ...c.flag.do_now.map((step) => h("li", {}, step))) : null,
      ),
    ),
  );
}

function personalChip(cautions: PersonalCaution[]): HTMLElement | null {
  return cautions.length
    ? h("span", { class: "chip chip-personal", title: cautions.map((c) => c.flag.title).join("; ") }, "Ask first: your health")
    : null;
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

function pointTitle(point: Point, mine: PersonalCaution[]): HTMLElement {
  return h(
    "span",
    { class: "item-title" },
    personalChip(mine),
    point.code ? h("span", { class: "code" }, point.code) : null,
    h("span", { class: "name" }, point.pinyin ?? point.names[0] ?? point.id),
    point.pinyin && point.names.length ? h("span", { class: "aka" }, point.names.join(" · ")) : null,
  );
}

export function renderPoint(
  point: Point,
  sources: Map<string, Source>,
  mine: PersonalCaution[] = [],
  tools: HTMLElement | null = null,
  n?: number,
): HTMLDetailsElement {
  return h(
    "details",
    { class: "item point", "data-point": point.id, "data-n": n ?? null },
    h("summary", {}, n !== undefined ? h("span", { class: "dot-number", "aria-label": `Point ${n} on the figure` }, String(n)) : null, pointTitle(point, mine)),
    renderPersonal(mine),
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
    tools,
    cite(point.sources, sources),
  );
}

export function renderTechnique(
  t: Technique,
  sources: Map<string, Source>,
  mine: PersonalCaution[] = [],
  tools: HTMLElement | null = null,
): HTMLDetailsElement {
  return h(
    "details",
    { class: "item technique", "data-technique": t.id },
    h("summary", {}, h("span", { class: "item-title" }, personalChip(mine), h("span", { class: "name" }, t.name))),
    renderPersonal(mine),
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
    tools,
    cite(t.sources, sources),
  );
}

function renderFlag(flag: SafetyFlag, sources: Map<string, Source>): HTMLElement {
  return h(
    "details",
    { class: `item flag severity-${flag.severity}`, "data-flag": flag.id },
    h(
      "summary",
      {},
      h(
        "span",
        { class: "item-title" },
        h("span", { class: `chip chip-${flag.severity}` }, SEVERITY_LABEL[flag.severity]),
        h("span", { class: "name" }, flag.title),
      ),
    ),
    h("p", {}, flag.advice),
    flag.do_now.length ? field("What to do", h("ul", { class: "do-now" }, ...flag.do_now.map((step) => h("li", {}, step)))) : null,
    cite(flag.sources, sources),
  );
}

function renderMuscle(m: Muscle, sources: Map<string, Source>): HTMLElement {
  return h(
    "div",
    { class: "muscle", "data-muscle": m.id },
    h("h4", {}, m.name, m.other_names.length ? h("span", { class: "aka" }, ` (${m.other_names.join(", ")})`) : null),
    h("p", {}, m.description),
    cite(m.sources, sources),
  );
}

function sideSwitch(detail: RegionDetail, onSide: ((side: Side) => void) | undefined): HTMLElement | null {
  if (!detail.region.sided || !onSide) return null;
  return h(
    "div",
    { class: "side-switch", role: "group", "aria-label": "Side" },
    ...(["left", "right"] as const).map((side) => {
      const button = h(
        "button",
        { type: "button", "data-side": side, "aria-pressed": String(detail.side === side) },
        side === "left" ? "Left" : "Right",
      );
      button.addEventListener("click", () => {
        if (detail.side !== side) onSide(side);
      });
      return button;
    }),
  );
}

/** Shortcuts to the panel's sections: it is long, and each part answers a different question. */
function jumpLinks(withLog: boolean): HTMLElement {
  const targets: [string, string][] = [
    ...(withLog ? ([["log", "Your log"]] as [string, string][]) : []),
    ["flags", "Warning signs"],
    ["points-on", "Points"],
    ["techniques", "Self-care"],
    ["timeline", "DOMS timeline"],
    ["cautions", "Before you press"],
  ];
  const nav = h("nav", { class: "jump", "aria-label": "Sections" });
  for (const [id, label] of targets) {
    const button = h("button", { type: "button", class: "jump-link", "data-jump": id }, label);
    button.addEventListener("click", () => {
      nav.closest(".region-panel")?.querySelector(`[data-section="${id}"]`)?.scrollIntoView({ block: "start", behavior: "smooth" });
    });
    nav.append(button);
  }
  return nav;
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
  const mine = personalIndex(detail.personal);
  const pointName = (p: Point) => (p.code && p.pinyin ? `${p.code} ${p.pinyin}` : (p.names[0] ?? p.id));
  const pointTools = (p: Point) => handlers.tools?.("point", p.id, pointName(p), p.how_to_apply) ?? null;
  // Numbered as their dots on the figure: points on the region first, then those elsewhere.
  const pointsOn = detail.points_on.map((p, i) => renderPoint(p, sources, mine("point", p.id), pointTools(p), i + 1));
  const pointsFor = detail.points_for.map((p, i) =>
    renderPoint(p, sources, mine("point", p.id), pointTools(p), detail.points_on.length + i + 1),
  );
  const forRegion = mine("region", detail.region.id);
  const serious = detail.flags.filter((f) => f.severity !== "caution");
  const cautions = detail.flags.filter((f) => f.severity === "caution");
  const panel = h(
    "article",
    {
      class: "region-panel",
      "data-region": detail.region.id,
      "data-side": detail.side,
      "aria-labelledby": "region-title",
    },
    h(
      "header",
      { class: "panel-header" },
      h("div", { class: "title-row" }, h("h2", { id: "region-title" }, detail.label), sideSwitch(detail, handlers.onSide)),
      h("p", { class: "summary" }, detail.region.summary),
      relatedLinks(handlers),
      detail.region.tissue === "tendon-joint"
        ? h(
            "p",
            { class: "tissue-note", role: "note" },
            "Mostly tendon or joint, not muscle: pain here after training is seldom DOMS. If it does not settle, or it hurts at rest, see a doctor or physical therapist.",
          )
        : null,
      forRegion.length ? h("section", { class: "for-you", "data-section": "for-you" }, h("h3", {}, "For you"), renderPersonal(forRegion)) : null,
      jumpLinks(handlers.logSection !== undefined),
    ),
    handlers.logSection ?? null,
    h(
      "section",
      { class: "panel-section warnings", "data-section": "flags" },
      h("h3", {}, "Not ordinary soreness? Warning signs"),
      h("div", { class: "items" }, ...serious.map((f) => renderFlag(f, sources))),
    ),
    section("Points on this region", "points-on", pointsOn, "No acupressure points from the sources lie here."),
    section(
      "Points elsewhere, used for this region",
      "points-for",
      pointsFor,
      "The sources link no points elsewhere to this region.",
    ),
    section(
      "Massage and self-care",
      "techniques",
      detail.techniques.map((t) =>
        renderTechnique(t, sources, mine("technique", t.id), handlers.tools?.("technique", t.id, t.name, t.duration) ?? null),
      ),
      "No techniques listed.",
    ),
    detail.muscles.length
      ? h(
          "section",
          { class: "panel-section", "data-section": "muscles" },
          h("h3", {}, "Muscles here"),
          ...detail.muscles.map((m) => renderMuscle(m, sources)),
        )
      : null,
    h(
      "section",
      { class: "panel-section", "data-section": "timeline" },
      h("h3", {}, "DOMS: what to expect"),
      renderTimeline(detail.timeline, sources),
    ),
    h(
      "section",
      { class: "panel-section warnings", "data-section": "cautions" },
      h("h3", {}, "Before you press or massage"),
      h("div", { class: "items" }, ...cautions.map((f) => renderFlag(f, sources))),
    ),
    h(
      "section",
      { class: "panel-section references" },
      h("h3", {}, "References"),
      h("ol", {}, ...detail.sources.map((s) => h("li", {}, h("strong", {}, s.title), ". ", s.citation))),
    ),
  );

  // A card hovered, focused or opened lights its dot on the figure; one card open at a time.
  const pointOf = (target: EventTarget | null) => (target as Element | null)?.closest?.<HTMLDetailsElement>("details.point") ?? null;
  panel.addEventListener(
    "toggle",
    (e) => {
      const details = e.target as HTMLDetailsElement;
      if (!details.classList.contains("point")) return;
      if (details.open) {
        for (const other of panel.querySelectorAll<HTMLDetailsElement>("details.point[open]")) {
          if (other !== details) other.open = false;
        }
        handlers.onPointHot(details.dataset.point ?? null);
      }
    },
    true,
  );
  panel.addEventListener("mouseover", (e) => {
    const card = pointOf(e.target);
    if (card) handlers.onPointHot(card.dataset.point ?? null);
  });
  panel.addEventListener("mouseout", (e) => {
    const from = pointOf(e.target);
    if (from && !from.contains(e.relatedTarget as Node | null)) handlers.onPointHot(panel.querySelector<HTMLDetailsElement>("details.point[open]")?.dataset.point ?? null);
  });
  panel.addEventListener("focusin", (e) => {
    const card = pointOf(e.target);
    if (card) handlers.onPointHot(card.dataset.point ?? null);
  });
  return panel;
}

/** "Part of the calf" and "Finer: gastrocnemius, soleus": move between the two levels. */
function relatedLinks(handlers: PanelHandlers): HTMLElement | null {
  const related = handlers.related;
  if (!related || (!related.up && !related.down.length)) return null;
  const link = (r: { id: string; name: string }, text: string) => {
    const b = h("button", { type: "button", class: "link", "data-related": r.id }, text);
    b.addEventListener("click", () => handlers.onRegion?.(r.id));
    return b;
  };
  return h(
    "p",
    { class: "related" },
    related.up ? h("span", {}, "Part of ", link(related.up, `the ${related.up.name.toLowerCase()}`), " (log it as a whole there). ") : null,
    related.down.length
      ? h("span", {}, "Muscles within: ", ...related.down.flatMap((r, i) => [i ? ", " : "", link(r, r.name)]), ".")
      : null,
  );
}

export function renderError(title: string, message: string): HTMLElement {
  return h("div", { class: "error", role: "alert" }, h("h2", {}, title), h("p", {}, message));
}
