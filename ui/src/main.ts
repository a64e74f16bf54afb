// SoreMap's window: the body map on the left, the selected region's panel on the right, and
// search and settings in the header.

import "./styles.css";
import { api, toCommandError } from "./api";
import type { Region } from "./bindings/Region";
import type { SearchResult } from "./bindings/SearchResult";
import type { Side } from "./bindings/Side";
import { h } from "./dom";
import { type BodyMap, renderBodyMap } from "./views/bodyMap";
import { renderError, renderPanelPlaceholder, renderRegionPanel } from "./views/regionPanel";
import { renderSearch } from "./views/search";

const DISCLAIMER =
  "SoreMap is not medical advice. It shows what its sources say about self-care for ordinary " +
  "muscle soreness. If pain is severe, keeps getting worse, or comes with numbness, weakness, " +
  "fever or dark urine, see a doctor.";

/** What to open inside the panel once it is shown. */
interface Focus {
  point?: string;
  technique?: string;
  muscle?: string;
}

async function start(root: HTMLElement): Promise<void> {
  const panel = h("aside", { class: "panel", "aria-live": "polite" }, renderPanelPlaceholder());
  const mapArea = h("section", { class: "map-area", "aria-label": "Body map" });
  const pregnancy = h("input", { type: "checkbox", id: "pregnancy", class: "pregnancy-toggle" });
  const pregnancyLabel = h(
    "label",
    { class: "toggle", for: "pregnancy", title: "Mark points and techniques the sources caution against in pregnancy" },
    pregnancy,
    "Pregnant",
  );

  let map: BodyMap | null = null;
  let regions = new Map<string, Region>();
  let current: { region: string; side: Side } | null = null;
  let lastSide: Side = "left";
  let ticket = 0;

  const select = async (region: string, side: Side, focus: Focus = {}) => {
    const mine = ++ticket;
    map?.select(region, side);
    map?.showMarker(null);
    if (side !== "center") lastSide = side;
    try {
      const detail = await api.regionDetail(region, side);
      if (mine !== ticket) return;
      current = { region, side };
      const view = renderRegionPanel(detail, {
        onPointToggle: (point) => map?.showMarker(point?.marker ?? null, side, point?.id ?? ""),
        onSide: (other) => void select(region, other),
      });
      panel.replaceChildren(view);
      panel.scrollTop = 0;
      const target = focus.point
        ? view.querySelector<HTMLDetailsElement>(`details.point[data-point="${CSS.escape(focus.point)}"]`)
        : focus.technique
          ? view.querySelector<HTMLDetailsElement>(`details[data-technique="${CSS.escape(focus.technique)}"]`)
          : focus.muscle
            ? view.querySelector<HTMLElement>(`[data-muscle="${CSS.escape(focus.muscle)}"]`)
            : null;
      if (target) {
        if (target instanceof HTMLDetailsElement) target.open = true;
        target.classList.add("highlight");
        target.scrollIntoView({ block: "nearest" });
      }
    } catch (raw) {
      if (mine !== ticket) return;
      current = null;
      panel.replaceChildren(renderError("Could not show this region", toCommandError(raw).message));
    }
  };

  const openResult = (result: SearchResult) => {
    const region = regions.get(result.region);
    const side: Side = region && !region.sided ? "center" : lastSide;
    const focus: Focus = { [result.kind]: result.id };
    void select(result.region, side, result.kind === "region" ? {} : focus);
  };

  pregnancy.addEventListener("change", async () => {
    try {
      const settings = await api.setPregnancy(pregnancy.checked);
      pregnancy.checked = settings.pregnancy;
      if (current) await select(current.region, current.side);
    } catch (raw) {
      pregnancy.checked = !pregnancy.checked;
      panel.replaceChildren(renderError("Could not save the setting", toCommandError(raw).message));
    }
  });

  root.replaceChildren(
    h(
      "header",
      { class: "app-header" },
      h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }), "SoreMap"),
      renderSearch(openResult),
      pregnancyLabel,
      h("p", { class: "not-advice", title: DISCLAIMER }, "Not medical advice"),
    ),
    h("main", { class: "layout" }, mapArea, panel),
    h("footer", { class: "app-footer" }, DISCLAIMER),
  );

  // `#/region/<id>/<side>` opens a region: links and tests can point straight at one.
  const fromHash = () => {
    const match = /^#\/region\/([^/]+)\/([^/]+)$/.exec(window.location.hash);
    if (match) void select(decodeURIComponent(match[1]), decodeURIComponent(match[2]) as Side);
  };

  try {
    const [list, settings] = await Promise.all([api.listRegions(), api.settings()]);
    regions = new Map(list.map((r) => [r.id, r]));
    pregnancy.checked = settings.pregnancy;
    map = renderBodyMap(list, (region, side) => void select(region, side));
    mapArea.replaceChildren(map.element);
    window.addEventListener("hashchange", fromHash);
    fromHash();
  } catch (raw) {
    mapArea.replaceChildren(renderError("SoreMap could not open your data", toCommandError(raw).message));
  }
}

const root = document.getElementById("app");
if (root) void start(root);
