// The clickable body map: two SVG figures whose shapes carry the catalogue's region ids.
//
// Every shape is a button for assistive technology and the keyboard: `role="button"`,
// `tabindex="0"`, an `aria-label` such as "Left calf", and Enter or Space selects it.
// While a region is open, each of its points is drawn as a numbered dot on the person's side:
// a dot is focusable, named, and lights up with its card in the panel.

import { type Dot, regionLabel } from "../app/state";
import type { DayCell } from "../bindings/DayCell";
import type { Region } from "../bindings/Region";
import type { Side } from "../bindings/Side";
import type { View } from "../bindings/View";
import { h, svg } from "../dom";
import { HEIGHT, INSETS, SHAPES, SILHOUETTE_HALF, WIDTH, sideOf } from "./bodyShapes";

const MIRROR = `matrix(-1 0 0 1 ${WIDTH} 0)`;

export interface BodyMap {
  element: HTMLElement;
  /** Highlights a region-side (in every view that shows it), or nothing. */
  select(region: string | null, side?: Side): void;
  /** Draws the open region's points as numbered dots (none: `[]`); `hot` is lit. */
  showDots(dots: Dot[], hot: string | null): void;
  /** Colours each region-side by its soreness (the day's latest entry); others are cleared. */
  paint(cells: DayCell[]): void;
  /** Marks the region-sides picked for logging several at once. */
  pick(picked: { region: string; side: Side }[]): void;
}

export { regionLabel };

function figure(
  view: View,
  regions: Map<string, Region>,
  markers: SVGGElement,
): SVGSVGElement {
  const root = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: `figure figure-${view}`,
    "data-view": view,
    role: "group",
    "aria-label": view === "front" ? "Front of the body" : "Back of the body",
  });
  const body = svg("g", { class: "silhouette", "aria-hidden": "true" });
  body.append(
    svg("path", { d: SILHOUETTE_HALF }),
    svg("path", { d: SILHOUETTE_HALF, transform: MIRROR }),
  );
  if (view === "back") {
    body.append(svg("path", { class: "spine", d: "M100,56 L100,236" }));
  } else {
    body.append(svg("circle", { class: "navel", cx: 100, cy: 160, r: 1.6 }));
  }
  root.append(body);

  const shapes = svg("g", { class: "regions" });
  for (const shape of SHAPES[view]) {
    const region = regions.get(shape.region);
    const halves: { side: Side; mirrored: boolean }[] =
      shape.kind === "center"
        ? [{ side: "center", mirrored: false }]
        : [false, true].map((mirrored) => ({ side: sideOf(view, mirrored), mirrored }));
    for (const { side, mirrored } of halves) {
      const label = region ? regionLabel(region, side) : shape.region;
      shapes.append(
        svg(
          "path",
          {
            d: shape.d,
            class: "region",
            transform: mirrored ? MIRROR : null,
            "data-region": shape.region,
            "data-side": side,
            "data-view": view,
            role: "button",
            tabindex: 0,
            "aria-label": label,
          },
          svg("title", {}, label),
        ),
      );
    }
  }
  root.append(shapes, markers);
  return root;
}

function sideCaptions(view: View): HTMLElement {
  // Left and right are the person's own: on the front figure their right is on your left.
  const [leftCaption, rightCaption] =
    view === "front" ? ["Their right", "Their left"] : ["Their left", "Their right"];
  return h(
    "div",
    { class: "side-captions", "aria-hidden": "true" },
    h("span", { class: "side-caption" }, leftCaption),
    h("span", { class: "view-caption" }, view === "front" ? "Front" : "Back"),
    h("span", { class: "side-caption" }, rightCaption),
  );
}

export interface DotHandlers {
  /** A dot was hovered or focused (`null`: left). */
  onHot(pointId: string | null): void;
  /** A dot was clicked or activated with the keyboard: open its card. */
  onOpen(pointId: string): void;
}

export function renderBodyMap(
  regions: Region[],
  onSelect: (region: string, side: Side) => void,
  dotHandlers?: DotHandlers,
): BodyMap {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const markerLayers: Record<View, SVGGElement> = {
    front: svg("g", { class: "markers" }),
    back: svg("g", { class: "markers" }),
  };
  const views: View[] = ["front", "back"];
  // Enlarged hand and foot, drawn while the open region has points there.
  const insets = h("div", { class: "insets", hidden: true, role: "group", "aria-label": "Hand and foot, enlarged" });
  const element = h(
    "div",
    { class: "body-map" },
    ...views.map((view) =>
      h(
        "figure",
        { class: "view", "data-view": view },
        figure(view, byId, markerLayers[view]),
        sideCaptions(view),
      ),
    ),
    insets,
  );

  const dotNode = (dot: Dot, x: number, y: number, extra = "", scale = 1) =>
    svg(
      "g",
      {
        class: `point-dot${extra}`,
        "data-dot": dot.id,
        "data-n": dot.n,
        transform: scale === 1 ? `translate(${x} ${y})` : `translate(${x} ${y}) scale(${scale})`,
        role: "button",
        tabindex: 0,
        "aria-label": dot.label,
      },
      svg("circle", { class: "dot-halo", r: 7.5 }),
      svg("circle", { class: "dot-disc", r: 5 }),
      svg("text", { class: "dot-text", "text-anchor": "middle", y: 2.2 }, String(dot.n)),
      svg("title", {}, dot.label),
    );

  /** Draws each inset (and side) that holds one of `dots`. */
  const drawInsets = (dots: Dot[]) => {
    const wanted = new Map<string, Dot[]>();
    for (const dot of dots) {
      const at = dot.marker.inset;
      if (!at) continue;
      const key = `${at.inset}/${dot.side === "right" ? "right" : "left"}`;
      wanted.set(key, [...(wanted.get(key) ?? []), dot]);
    }
    insets.hidden = wanted.size === 0;
    insets.replaceChildren(
      ...[...wanted.entries()].map(([key, list]) => {
        const [id, side] = key.split("/") as [keyof typeof INSETS, Side];
        const inset = INSETS[id];
        const mirror = side === "right" ? `matrix(-1 0 0 1 ${inset.width} 0)` : null;
        const art = svg("g", { transform: mirror, "aria-hidden": "true" }, svg("path", { class: "inset-outline", d: inset.outline }));
        for (const shape of inset.shapes) {
          art.append(svg("path", { class: "region inset-region", d: shape.d, "data-region": shape.region, "data-side": side, "data-view": "inset" }));
        }
        const root = svg("svg", { viewBox: `0 0 ${inset.width} ${inset.height}`, class: "inset", "data-inset": id, "data-side": side }, art);
        for (const dot of list) {
          const at = dot.marker.inset!;
          // The inset is drawn smaller than its box: larger dots keep the number readable.
          root.append(dotNode(dot, side === "right" ? inset.width - at.x : at.x, at.y, " inset-dot", 2.2));
        }
        const caption = inset.label.replace("left", side);
        return h("figure", { class: "inset-view" }, root, h("figcaption", {}, caption));
      }),
    );
  };

  const dotOf = (target: EventTarget | null) => (target as Element | null)?.closest?.(".point-dot")?.getAttribute("data-dot") ?? null;
  const activate = (target: EventTarget | null) => {
    const dot = dotOf(target);
    if (dot) {
      dotHandlers?.onOpen(dot);
      return;
    }
    const shape = (target as Element | null)?.closest?.(".region");
    if (!shape) return;
    const region = shape.getAttribute("data-region");
    const side = shape.getAttribute("data-side") as Side | null;
    if (region && side) onSelect(region, side);
  };
  element.addEventListener("click", (e) => activate(e.target));
  element.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " " || e.key === "Spacebar") {
      if ((e.target as Element).closest?.(".region, .point-dot")) {
        e.preventDefault();
        activate(e.target);
      }
    }
  });

  element.addEventListener("mouseover", (e) => {
    const dot = dotOf(e.target);
    if (dot) dotHandlers?.onHot(dot);
  });
  element.addEventListener("mouseout", (e) => {
    if (dotOf(e.target) && dotOf(e.relatedTarget) === null) dotHandlers?.onHot(null);
  });
  element.addEventListener("focusin", (e) => {
    const dot = dotOf(e.target);
    if (dot) dotHandlers?.onHot(dot);
  });

  const keyOf = (shape: Element) => `${shape.getAttribute("data-region")}/${shape.getAttribute("data-side")}`;
  /** The coarse region-side a fine shape belongs to (`neck-side` left → `neck` center), or null. */
  const coarseKeyOf = (shape: Element): string | null => {
    const region = byId.get(shape.getAttribute("data-region") ?? "");
    const parent = region?.parent ? byId.get(region.parent) : undefined;
    if (!parent) return null;
    return `${parent.id}/${parent.sided ? shape.getAttribute("data-side") : "center"}`;
  };

  let drawn = "";
  return {
    element,
    select(region, side) {
      // A coarse region drawn only as its finer muscles (the calf) lights all of them.
      const key = region === null ? null : `${region}/${side}`;
      // Only shapes whose state changes are touched: an attribute written again, even to the
      // same value, makes the engine restyle and repaint the figure.
      for (const shape of element.querySelectorAll(".region")) {
        const on = key !== null && (keyOf(shape) === key || coarseKeyOf(shape) === key);
        if (shape.classList.contains("selected") === on && shape.hasAttribute("aria-pressed")) continue;
        shape.classList.toggle("selected", on);
        shape.setAttribute("aria-pressed", String(on));
      }
    },
    paint(cells) {
      // An entry on a coarse region colours its finer muscles that have none of their own.
      const level = new Map(cells.map((c) => [`${c.region}/${c.side}`, c.intensity]));
      for (const shape of element.querySelectorAll(".region")) {
        const coarse = coarseKeyOf(shape);
        const n = level.get(keyOf(shape)) ?? (coarse ? level.get(coarse) : undefined);
        const next = n === undefined ? null : String(n);
        if (shape.getAttribute("data-level") === next) continue;
        if (next === null) shape.removeAttribute("data-level");
        else shape.setAttribute("data-level", next);
      }
    },
    pick(picked) {
      const keys = new Set(picked.map((p) => `${p.region}/${p.side}`));
      for (const shape of element.querySelectorAll(".region")) {
        const coarse = coarseKeyOf(shape);
        shape.classList.toggle("picked", keys.has(keyOf(shape)) || (coarse !== null && keys.has(coarse)));
      }
    },
    showDots(dots, hot) {
      // Redraw only when the dots change; lighting one is a class change.
      const key = dots.map((d) => `${d.id}/${d.side}/${d.n}`).join(",");
      if (key !== drawn) {
        drawn = key;
        for (const layer of Object.values(markerLayers)) layer.replaceChildren();
        for (const dot of dots) {
          // Catalogue markers are given for the person's left side; mirror them for the right.
          const x = dot.side === "right" ? WIDTH - dot.marker.x : dot.marker.x;
          markerLayers[dot.marker.view].append(dotNode(dot, x, dot.marker.y));
        }
        drawInsets(dots);
      }
      for (const el of element.querySelectorAll(".point-dot")) {
        el.classList.toggle("hot", hot !== null && el.getAttribute("data-dot") === hot);
      }
    },
  };
}

/** The colour scale for soreness, with its words. */
export function renderLegend(): HTMLElement {
  const bands: [number[], string][] = [
    [[0], "none"],
    [[1, 2, 3], "mild"],
    [[4, 5, 6], "moderate"],
    [[7, 8], "severe"],
    [[9, 10], "worst"],
  ];
  return h(
    "div",
    { class: "legend", "aria-label": "Soreness colour scale" },
    h(
      "span",
      { class: "legend-marks" },
      h("span", { class: "legend-band" }, h("span", { class: "swatch swatch-selected", "aria-hidden": "true" }), " open"),
      h("span", { class: "legend-band" }, h("span", { class: "swatch swatch-picked", "aria-hidden": "true" }), " picked"),
      h("span", { class: "legend-band" }, h("span", { class: "swatch swatch-dot", "aria-hidden": "true" }, "1"), " point"),
    ),
    h("span", { class: "legend-title" }, "Soreness today"),
    ...bands.map(([levels, word]) =>
      h(
        "span",
        { class: "legend-band" },
        ...levels.map((n) => h("span", { class: "swatch", "data-level": n, title: String(n) })),
        ` ${levels.length > 1 ? `${levels[0]}–${levels[levels.length - 1]}` : levels[0]} ${word}`,
      ),
    ),
  );
}
