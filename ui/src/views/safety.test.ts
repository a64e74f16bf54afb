import { describe, expect, it, vi } from "vitest";
import type { Episode } from "../bindings/Episode";
import type { RaisedFlag } from "../bindings/RaisedFlag";
import type { Settings } from "../bindings/Settings";
import { renderBouts } from "./episodeChart";
import { renderRaisedFlags } from "./flags";
import { renderHealthView } from "./health";

const urgent: RaisedFlag = {
  key: "entry:1:rhabdomyolysis",
  flag: {
    id: "rhabdomyolysis",
    severity: "urgent",
    title: "Possible rhabdomyolysis: seek care now",
    advice: "Ask for a CK blood test.",
    do_now: ["Stop training.", "Drink water.", "Seek medical care now."],
    when: { symptom: "dark-urine" },
    regions: [],
    sources: ["cdc"],
  },
  reason: "You noted dark urine.",
  acknowledged: false,
  sources: [{ id: "cdc", title: "Rhabdomyolysis: symptoms", citation: "CDC/NIOSH." }],
};

describe("raised flags", () => {
  it("say what to do now, in order, for an urgent flag", () => {
    const el = renderRaisedFlags([urgent], async () => {})!;
    expect(el.querySelector(".do-now-box strong")?.textContent).toBe("Do this now:");
    expect([...el.querySelectorAll(".do-now li")].map((li) => li.textContent)).toEqual(urgent.flag.do_now);
    expect(el.textContent).toContain("Why: You noted dark urine.");
  });
});

describe("health settings", () => {
  const settings: Settings = {
    pregnancy: false,
    health: [
      { id: "pregnancy", name: "Pregnant", on: false },
      { id: "blood-thinners", name: "Taking blood thinners", on: true },
    ],
  };

  it("lists every condition with its state and saves a change", async () => {
    const onToggle = vi.fn(async (id: string, on: boolean) => ({
      ...settings,
      pregnancy: id === "pregnancy" && on,
      health: settings.health.map((x) => (x.id === id ? { ...x, on } : x)),
    }));
    const view = renderHealthView(settings, { onToggle, onError: () => {} });
    const boxes = [...view.querySelectorAll<HTMLInputElement>("input[name=health]")];
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([["pregnancy", false], ["blood-thinners", true]]);
    boxes[0].checked = true;
    boxes[0].dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(onToggle).toHaveBeenCalledWith("pregnancy", true));
    await vi.waitFor(() => expect(boxes[0].disabled).toBe(false));
    expect(boxes[0].checked).toBe(true);
  });

  it("puts the box back and says so when saving fails", async () => {
    const onError = vi.fn();
    const view = renderHealthView(settings, { onToggle: async () => Promise.reject(new Error("disk full")), onError });
    const box = view.querySelector<HTMLInputElement>("input[value=pregnancy]")!;
    box.checked = true;
    box.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith("disk full"));
    expect(box.checked).toBe(false);
  });
});

describe("bouts", () => {
  const bout = (start: string, ended_by: Episode["ended_by"], peak: number): Episode => ({
    region: "calf",
    side: "left",
    label: "Left calf",
    start,
    started_by: "workout",
    peak,
    peak_at: start,
    hours_to_peak: 24,
    ended_by,
    points: [{ at: start, hours: 24, intensity: peak }],
    workouts: [0],
  });

  it("lists recent bouts newest first, each started by its workout", () => {
    const el = renderBouts([bout("2026-11-02T08:00:00", "next_bout", 5), bout("2026-11-05T08:00:00", "open", 4)])!;
    const items = [...el.querySelectorAll("li")];
    expect(items.map((li) => li.dataset.ended)).toEqual(["open", "next_bout"]);
    expect(items[1].textContent).toContain("the next workout started a new bout");
    expect(renderBouts([bout("2026-11-02T08:00:00", "open", 4)])).toBeNull();
  });
});
