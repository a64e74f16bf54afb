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
    map.paint([{ region: "calf", side: "left", intensity: 7, at: "2026-11-22T08:00:00" }]);
    map.select("calf", "left");
    const calf = map.element.querySelector<SVGElement>(".region.selected[data-region=calf]")!;
    // The soreness level stays the shape's own; the selection is only a class (an outline).
    expect(calf.getAttribute("data-level")).toBe("7");
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
