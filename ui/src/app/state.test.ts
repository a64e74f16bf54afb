import { describe, expect, it } from "vitest";
import type { Region } from "../bindings/Region";
import { coarseOf, enter, initialState, mapView, navOf, togglePick, withDots, withHot } from "./state";

const region = (id: string, name: string, sided: boolean, parent?: string): Region =>
  ({ id, name, sided, parent, views: ["back"], summary: "" }) as unknown as Region;

const base = () => ({
  ...initialState(),
  regions: new Map(
    [region("calf", "Calf", true), region("soleus", "Soleus", true, "calf"), region("neck", "Neck", false), region("neck-side", "Side of neck", true, "neck")].map(
      (r) => [r.id, r],
    ),
  ),
});

describe("app state", () => {
  it("keeps picks only between the picking modes", () => {
    let s = enter(base(), { kind: "several" });
    s = togglePick(s, "calf", "left");
    s = togglePick(s, "soleus", "right");
    expect(s.picked.map((p) => p.label)).toEqual(["Left calf", "Right soleus"]);
    s = togglePick(s, "calf", "left");
    expect(s.picked).toHaveLength(1);
    s = enter(s, { kind: "workout" });
    expect(s.picked).toHaveLength(1);
    s = enter(s, { kind: "today" });
    expect(s.picked).toHaveLength(0);
    expect(mapView(s).picked).toEqual([]);
  });

  it("remembers the last side and clears dots when the region changes", () => {
    const dot = { id: "BL58", n: 1, marker: { view: "back" as const, x: 80, y: 370 }, side: "left" as const, label: "1: BL58" };
    let s = enter(base(), { kind: "region", region: "soleus", side: "right" });
    expect(s.lastSide).toBe("right");
    s = withHot(withDots(s, [dot]), "BL58");
    expect(mapView(s)).toMatchObject({ selected: { region: "soleus", side: "right" }, hot: "BL58" });
    expect(enter(s, { kind: "region", region: "soleus", side: "right" }).dots).toHaveLength(1);
    const other = enter(s, { kind: "region", region: "neck", side: "center" });
    expect(other.dots).toEqual([]);
    expect(other.lastSide).toBe("right");
    expect(navOf(other.mode)).toBeNull();
    expect(navOf(enter(s, { kind: "data" }).mode)).toBe("data");
  });

  it("rolls a muscle up to its region, a side of the neck up to the neck", () => {
    const s = base();
    expect(coarseOf(s, "soleus", "left")).toEqual({ region: "calf", side: "left" });
    expect(coarseOf(s, "neck-side", "right")).toEqual({ region: "neck", side: "center" });
    expect(coarseOf(s, "calf", "right")).toEqual({ region: "calf", side: "right" });
  });
});
