import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "smol-toml";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Region } from "../bindings/Region";
import type { Side } from "../bindings/Side";
import { renderBodyMap } from "./bodyMap";
import { SHAPES, sideOf } from "./bodyShapes";

const regions = (
  parse(readFileSync(resolve(__dirname, "../../../data/regions.toml"), "utf8")) as unknown as {
    region: Region[];
  }
).region;

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

  it("draws every catalogue region, on each of its sides, in each of its views", () => {
    const drawn = new Set(shapes(root).map((s) => `${s.view}/${s.region}/${s.side}`));
    const expected = new Set<string>();
    for (const r of regions) {
      for (const view of r.views) {
        for (const side of r.sided ? ["left", "right"] : ["center"]) expected.add(`${view}/${r.id}/${side}`);
      }
    }
    expect([...drawn].sort()).toEqual([...expected].sort());
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
    expect(labels).toContain("Left calf");
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
    const backRight = root.querySelector('.figure[data-view=back] [data-region=calf][data-side=right]');
    expect(backRight?.getAttribute("transform")).toContain("matrix(-1");
  });

  it("selects on click, Enter and Space", () => {
    const calf = root.querySelector<SVGElement>('[data-region=calf][data-side=left]')!;
    calf.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith("calf", "left");

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
    map.select("forearm", "left");
    const selected = [...map.element.querySelectorAll(".region.selected")];
    expect(selected.map((e) => e.getAttribute("data-view")).sort()).toEqual(["back", "front"]);
    expect(selected.every((e) => e.getAttribute("data-side") === "left")).toBe(true);

    map.showMarker({ view: "back", x: 86.5, y: 318 }, "right", "BL40");
    expect(map.element.querySelector(".marker")?.getAttribute("transform")).toBe("translate(113.5 318)");
    map.showMarker({ view: "back", x: 86.5, y: 318 }, "left", "BL40");
    expect(map.element.querySelectorAll(".marker")).toHaveLength(1);
    expect(map.element.querySelector(".marker")?.getAttribute("transform")).toBe("translate(86.5 318)");
    map.showMarker(null);
    expect(map.element.querySelector(".marker")).toBeNull();
  });
});
