import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "smol-toml";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Region } from "../bindings/Region";
import type { Side } from "../bindings/Side";
import type { View } from "../bindings/View";
import { renderBodyMap } from "./bodyMap";
import { INSETS, SHAPES, WIDTH, sideOf } from "./bodyShapes";

type CatalogueRegion = Region & { parent?: string };
const dataFile = (name: string) => readFileSync(resolve(__dirname, "../../../data", name), "utf8");
const regions = (parse(dataFile("regions.toml")) as unknown as { region: CatalogueRegion[] }).region;
const points = (
  parse(dataFile("points.toml")) as unknown as {
    point: {
      id: string;
      located_in: string;
      marker?: { view: View; x: number; y: number; inset?: { inset: keyof typeof INSETS; x: number; y: number } };
    }[];
  }
).point;

// ---- A small SVG path flattener (M, L, C, A, Z; absolute or relative) and point-in-polygon ----

type XY = [number, number];

/** The path's subpaths as polygons; curves are flattened into short straight pieces. */
function flatten(d: string): XY[][] {
  const tokens = d.match(/[MLCAZmlcaz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const rings: XY[][] = [];
  let ring: XY[] = [];
  let cur: XY = [0, 0];
  let start: XY = [0, 0];
  let cmd = "";
  let i = 0;
  const n = () => Number(tokens[i++]);
  const close = () => {
    if (ring.length > 2) rings.push(ring);
    ring = [];
  };
  while (i < tokens.length) {
    if (/[a-z]/i.test(tokens[i])) cmd = tokens[i++];
    const rel = cmd === cmd.toLowerCase();
    const abs = (x: number, y: number): XY => (rel ? [cur[0] + x, cur[1] + y] : [x, y]);
    switch (cmd.toUpperCase()) {
      case "M":
        close();
        cur = start = abs(n(), n());
        ring.push(cur);
        cmd = rel ? "l" : "L";
        break;
      case "L":
        cur = abs(n(), n());
        ring.push(cur);
        break;
      case "C": {
        const [p1, p2, p3] = [abs(n(), n()), abs(n(), n()), abs(n(), n())];
        const p0 = cur;
        for (let k = 1; k <= 16; k++) {
          const t = k / 16;
          const u = 1 - t;
          ring.push([
            u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
            u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
          ]);
        }
        cur = p3;
        break;
      }
      case "A": {
        let [rx, ry] = [Math.abs(n()), Math.abs(n())];
        const phi = (n() * Math.PI) / 180;
        const [large, sweep] = [n(), n()];
        const end = abs(n(), n());
        // Endpoint to centre parameterisation (SVG 1.1, appendix F.6.5).
        const [cos, sin] = [Math.cos(phi), Math.sin(phi)];
        const dx = (cur[0] - end[0]) / 2;
        const dy = (cur[1] - end[1]) / 2;
        const x1 = cos * dx + sin * dy;
        const y1 = -sin * dx + cos * dy;
        const scale = Math.max(1, Math.sqrt((x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry)));
        rx *= scale;
        ry *= scale;
        const num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
        const root = Math.sqrt(Math.max(0, num / (rx * rx * y1 * y1 + ry * ry * x1 * x1))) * (large === sweep ? -1 : 1);
        const cx1 = (root * rx * y1) / ry;
        const cy1 = (-root * ry * x1) / rx;
        const cx = cos * cx1 - sin * cy1 + (cur[0] + end[0]) / 2;
        const cy = sin * cx1 + cos * cy1 + (cur[1] + end[1]) / 2;
        const angle = (ux: number, uy: number) => Math.atan2(uy, ux);
        const t1 = angle((x1 - cx1) / rx, (y1 - cy1) / ry);
        let dt = angle((-x1 - cx1) / rx, (-y1 - cy1) / ry) - t1;
        if (sweep && dt < 0) dt += 2 * Math.PI;
        if (!sweep && dt > 0) dt -= 2 * Math.PI;
        for (let k = 1; k <= 32; k++) {
          const t = t1 + (dt * k) / 32;
          ring.push([cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin, cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos]);
        }
        cur = end;
        break;
      }
      case "Z":
        cur = start;
        close();
        break;
      default:
        throw new Error(`unsupported path command ${cmd} in ${d}`);
    }
  }
  close();
  return rings;
}

/** Even-odd point-in-polygon over all of a path's subpaths. */
function inside(d: string, [x, y]: XY): boolean {
  let odd = false;
  for (const ring of flatten(d)) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a];
      const [xb, yb] = ring[b];
      if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) odd = !odd;
    }
  }
  return odd;
}

/** A region and every region beneath it. */
function withDescendants(id: string): Set<string> {
  const ids = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of regions) {
      if (r.parent && ids.has(r.parent) && !ids.has(r.id)) {
        ids.add(r.id);
        grew = true;
      }
    }
  }
  return ids;
}

function shapes(root: Element) {
  return [...root.querySelectorAll(".region")].map((e) => ({
    region: e.getAttribute("data-region"),
    side: e.getAttribute("data-side"),
    view: e.getAttribute("data-view"),
    label: e.getAttribute("aria-label"),
    role: e.getAttribute("role"),
    tabindex: e.getAttribute("tabindex"),
  }));
}

describe("body map", () => {
  let onSelect: ReturnType<typeof vi.fn<(region: string, side: Side) => void>>;
  let root: HTMLElement;
  beforeEach(() => {
    onSelect = vi.fn<(region: string, side: Side) => void>();
    root = renderBodyMap(regions, onSelect).element;
    document.body.replaceChildren(root);
  });

  it("draws every finer region, and every coarse region or all of its finer ones, on each side in each view", () => {
    const drawn = new Set(shapes(root).map((s) => `${s.view}/${s.region}/${s.side}`));
    const sides = (r: Region) => (r.sided ? ["left", "right"] : ["center"]);
    const allowed = new Set<string>();
    for (const r of regions) {
      for (const view of r.views) for (const side of sides(r)) allowed.add(`${view}/${r.id}/${side}`);
    }
    for (const key of drawn) expect(allowed, `${key} is not a view and side of its region`).toContain(key);

    const missing: string[] = [];
    for (const r of regions) {
      const children = regions.filter((c) => c.parent === r.id);
      for (const view of r.views) {
        for (const side of sides(r)) {
          if (drawn.has(`${view}/${r.id}/${side}`)) continue;
          const inView = children.filter((c) => c.views.includes(view));
          const covered =
            inView.length > 0 && inView.every((c) => sides(c).every((s) => drawn.has(`${view}/${c.id}/${s}`)));
          if (!covered) missing.push(`${view}/${r.id}/${side}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("places every point's marker inside its region's shape, on the person's left", () => {
    const outside: string[] = [];
    for (const p of points) {
      if (!p.marker) continue;
      const { view, x, y } = p.marker;
      const ids = withDescendants(p.located_in);
      const hit = SHAPES[view].some((shape) => {
        if (!ids.has(shape.region)) return false;
        if (shape.kind === "center") return inside(shape.d, [x, y]);
        // The drawn half is the person's left on the back view; on the front it is mirrored.
        const drawnIsLeft = sideOf(view, false) === "left";
        return inside(shape.d, drawnIsLeft ? [x, y] : [WIDTH - x, y]);
      });
      if (!hit) outside.push(`${p.id} (${p.located_in}) at ${view} ${x},${y}`);
    }
    expect(outside).toEqual([]);
  });

  it("places every inset marker on the enlarged hand or foot, inside its region there", () => {
    const placed: string[] = [];
    const outside: string[] = [];
    for (const p of points) {
      const at = p.marker?.inset;
      if (!at) continue;
      placed.push(p.id);
      const ids = withDescendants(p.located_in);
      const inset = INSETS[at.inset];
      const hit = inset.shapes.some((shape) => ids.has(shape.region) && inside(shape.d, [at.x, at.y]));
      if (!hit) outside.push(`${p.id} (${p.located_in}) at ${at.inset} ${at.x},${at.y}`);
    }
    expect(placed.length).toBeGreaterThanOrEqual(5);
    expect(outside).toEqual([]);
  });

  it("flattens paths with lines, curves and arcs", () => {
    const square = "M0,0 L10,0 L10,10 L0,10 Z";
    expect(inside(square, [5, 5])).toBe(true);
    expect(inside(square, [15, 5])).toBe(false);
    const circle = "M0,10 A10,10 0 1,0 20,10 A10,10 0 1,0 0,10 Z";
    expect(inside(circle, [10, 10])).toBe(true);
    expect(inside(circle, [1, 1])).toBe(false);
    const drop = "M0,0 C10,0 10,10 0,20 C-10,10 -10,0 0,0 Z";
    expect(inside(drop, [0, 8])).toBe(true);
    expect(inside(drop, [8, 18])).toBe(false);
    // Two subpaths: a frame with a hole.
    const frame = `${square} M3,3 L3,7 L7,7 L7,3 Z`;
    expect(inside(frame, [1, 1])).toBe(true);
    expect(inside(frame, [5, 5])).toBe(false);
  });

  it("draws the hand and foot insets with the catalogue's regions, inside their boxes", () => {
    const ids = new Set(regions.map((r) => r.id));
    const drawn = new Set<string>();
    for (const inset of Object.values(INSETS)) {
      for (const shape of inset.shapes) {
        expect(ids, shape.region).toContain(shape.region);
        drawn.add(shape.region);
        for (const ring of flatten(shape.d)) {
          for (const [x, y] of ring) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(inset.width);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(inset.height);
          }
        }
      }
    }
    expect([...drawn].sort()).toEqual(["foot", "hand", "plantar-fascia", "sole"]);
  });

  it("has no shape without a catalogue region", () => {
    const ids = new Set(regions.map((r) => r.id));
    for (const view of ["front", "back"] as const) {
      for (const shape of SHAPES[view]) expect(ids, shape.region).toContain(shape.region);
    }
  });

  it("makes every shape a labelled, focusable button", () => {
    for (const s of shapes(root)) {
      expect(s.role).toBe("button");
      expect(s.tabindex).toBe("0");
      expect(s.label).toMatch(s.side === "center" ? /^[A-Z]/ : /^(Left|Right) [a-z]/);
    }
    const labels = shapes(root).map((s) => s.label);
    expect(labels).toContain("Left gastrocnemius");
    expect(labels).toContain("Right side of shoulder");
    expect(labels).toContain("Right groin / adductors");
    expect(labels).toContain("Neck");
  });

  it("mirrors the front view: the viewer's left half is the person's right", () => {
    expect(sideOf("front", false)).toBe("right");
    expect(sideOf("front", true)).toBe("left");
    expect(sideOf("back", false)).toBe("left");
    expect(sideOf("back", true)).toBe("right");
    const frontRight = root.querySelector('.figure[data-view=front] [data-region=chest][data-side=right]');
    expect(frontRight?.hasAttribute("transform")).toBe(false);
    const backRight = root.querySelector('.figure[data-view=back] [data-region=gastrocnemius][data-side=right]');
    expect(backRight?.getAttribute("transform")).toContain("matrix(-1");
  });

  it("selects on click, Enter and Space", () => {
    const calf = root.querySelector<SVGElement>('[data-region=gastrocnemius][data-side=left]')!;
    calf.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith("gastrocnemius", "left");

    const neck = root.querySelector<SVGElement>('[data-view=front][data-region=neck]')!;
    neck.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith("neck", "center");

    const shin = root.querySelector<SVGElement>('[data-region=shin][data-side=right]')!;
    shin.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith("shin", "right");

    shin.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    expect(onSelect).toHaveBeenCalledTimes(3);
  });

  it("highlights the selected region-side in every view and places markers per side", () => {
    const map = renderBodyMap(regions, () => {});
    map.select("forearm-flexors", "left");
    let selected = [...map.element.querySelectorAll(".region.selected")];
    expect(selected.map((e) => e.getAttribute("data-region"))).toEqual(["forearm-flexors"]);
    // The coarse forearm lights its own shape and its finer muscles, in both views.
    map.select("forearm", "left");
    selected = [...map.element.querySelectorAll(".region.selected")];
    expect(new Set(selected.map((e) => e.getAttribute("data-view")))).toEqual(new Set(["back", "front"]));
    expect(new Set(selected.map((e) => e.getAttribute("data-region")))).toEqual(new Set(["forearm", "forearm-flexors", "forearm-extensors"]));
    expect(selected.every((e) => e.getAttribute("data-side") === "left")).toBe(true);

    const dot = (side: "left" | "right") => ({ id: "BL40", n: 1, marker: { view: "back" as const, x: 86.5, y: 318 }, side, label: "1: BL40 Weizhong" });
    map.showDots([dot("right")], null);
    expect(map.element.querySelector(".point-dot")?.getAttribute("transform")).toBe("translate(113.5 318)");
    map.showDots([dot("left")], "BL40");
    expect(map.element.querySelectorAll(".point-dot")).toHaveLength(1);
    const drawn = map.element.querySelector(".point-dot")!;
    expect(drawn.getAttribute("transform")).toBe("translate(86.5 318)");
    expect(drawn.getAttribute("aria-label")).toBe("1: BL40 Weizhong");
    expect(drawn.getAttribute("tabindex")).toBe("0");
    expect(drawn.classList.contains("hot")).toBe(true);
    expect(drawn.textContent).toContain("1");
    map.showDots([], null);
    expect(map.element.querySelector(".point-dot")).toBeNull();
  });

  it("selection and picking are outlines, never a soreness fill", () => {
    const map = renderBodyMap(regions, () => {});
    // An entry on the coarse calf colours its muscles; a finer entry of its own wins.
    map.paint([
      { region: "calf", side: "left", intensity: 7, at: "2026-11-22T08:00:00" },
      { region: "soleus", side: "left", intensity: 3, at: "2026-11-22T09:00:00" },
    ]);
    map.select("calf", "left");
    const calf = map.element.querySelector<SVGElement>(".region.selected[data-region=gastrocnemius]")!;
    // The soreness level stays the shape's own; the selection is only a class (an outline).
    expect(calf.getAttribute("data-level")).toBe("7");
    expect(map.element.querySelector(".region.selected[data-region=soleus]")?.getAttribute("data-level")).toBe("3");
    expect(map.element.querySelector(".region[data-region=gastrocnemius][data-side=right]")?.hasAttribute("data-level")).toBe(false);
    map.select("shin", "left");
    const shin = map.element.querySelector<SVGElement>(".region.selected[data-region=shin]")!;
    expect(shin.hasAttribute("data-level")).toBe(false);
  });

  it("reports dots hovered, focused and activated", () => {
    const onHot = vi.fn();
    const onOpen = vi.fn();
    const map = renderBodyMap(regions, () => {}, { onHot, onOpen });
    map.showDots([{ id: "BL58", n: 2, marker: { view: "back", x: 80, y: 370 }, side: "left", label: "2: BL58" }], null);
    const drawn = map.element.querySelector(".point-dot")!;
    drawn.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(onHot).toHaveBeenLastCalledWith("BL58");
    drawn.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(onOpen).toHaveBeenCalledWith("BL58");
    drawn.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(onOpen).toHaveBeenCalledTimes(2);
  });
});
