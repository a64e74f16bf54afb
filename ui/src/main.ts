// SoreMap's window: the body map on the left, the selected region's panel on the right.

import "./styles.css";
import { api, toCommandError } from "./api";
import type { Side } from "./bindings/Side";
import { h } from "./dom";
import { type BodyMap, renderBodyMap } from "./views/bodyMap";
import { renderError, renderPanelPlaceholder, renderRegionPanel } from "./views/regionPanel";

const DISCLAIMER =
  "SoreMap is not medical advice. It shows what its sources say about self-care for ordinary " +
  "muscle soreness. If pain is severe, keeps getting worse, or comes with numbness, weakness, " +
  "fever or dark urine, see a doctor.";

async function start(root: HTMLElement): Promise<void> {
  const panel = h("aside", { class: "panel", "aria-live": "polite" }, renderPanelPlaceholder());
  const mapArea = h("section", { class: "map-area", "aria-label": "Body map" });
  root.replaceChildren(
    h(
      "header",
      { class: "app-header" },
      h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }), "SoreMap"),
      h("p", { class: "tagline" }, "Map your soreness. See what helps."),
      h("p", { class: "not-advice", title: DISCLAIMER }, "Not medical advice"),
    ),
    h("main", { class: "layout" }, mapArea, panel),
    h("footer", { class: "app-footer" }, DISCLAIMER),
  );

  let map: BodyMap;
  let selection = 0;
  const select = async (region: string, side: Side) => {
    const ticket = ++selection;
    map.select(region, side);
    map.showMarker(null);
    try {
      const detail = await api.regionDetail(region, side);
      if (ticket !== selection) return;
      panel.replaceChildren(
        renderRegionPanel(detail, {
          onPointToggle: (point) => map.showMarker(point?.marker ?? null, side, point?.id ?? ""),
        }),
      );
      panel.scrollTop = 0;
    } catch (raw) {
      if (ticket !== selection) return;
      panel.replaceChildren(renderError("Could not show this region", toCommandError(raw).message));
    }
  };

  // `#/region/<id>/<side>` opens a region: links and tests can point straight at one.
  const fromHash = () => {
    const match = /^#\/region\/([^/]+)\/([^/]+)$/.exec(window.location.hash);
    if (match) void select(decodeURIComponent(match[1]), decodeURIComponent(match[2]) as Side);
  };

  try {
    const regions = await api.listRegions();
    map = renderBodyMap(regions, (region, side) => void select(region, side));
    mapArea.replaceChildren(map.element);
    window.addEventListener("hashchange", fromHash);
    fromHash();
  } catch (raw) {
    mapArea.replaceChildren(renderError("SoreMap could not open your data", toCommandError(raw).message));
  }
}

const root = document.getElementById("app");
if (root) void start(root);
