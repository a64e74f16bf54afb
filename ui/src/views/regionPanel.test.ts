import { describe, expect, it, vi } from "vitest";
import type { Point } from "../bindings/Point";
import type { RegionDetail } from "../bindings/RegionDetail";
import type { SafetyFlag } from "../bindings/SafetyFlag";
import { renderRegionPanel } from "./regionPanel";

const hostile = '<img src=x onerror="window.__pwned = 1">';

const point: Point = {
  id: "BL40",
  code: "BL40",
  pinyin: "Weizhong",
  names: ["Middle of the Crook"],
  located_in: "back-of-knee",
  used_for: ["lower-back"],
  location: `Midpoint of the knee crease ${hostile}`,
  how_to_find: "Bend the knee.",
  how_to_apply: "Thumb, 1-2 minutes.",
  claims: [{ text: "Said to help.", source: "s1" }],
  cautions: ["Gentle only."],
  caution_for: ["pregnancy"],
  source_notes: [{ source: "s1", text: "centre of the back of the knee", interpreted: true, note: "ours" }],
  sources: ["s1"],
  marker: { view: "back", x: 86.5, y: 318 },
};

const detail: RegionDetail = {
  region: { id: "lower-back", name: "Lower back", sided: true, views: ["back"], summary: "Beside the spine.", tissue: "muscle" },
  side: "left",
  label: "Left lower back",
  points_on: [],
  points_for: [point],
  techniques: [
    {
      id: "t1",
      name: "Effleurage",
      summary: "Gliding strokes.",
      steps: ["Glide", "Repeat"],
      duration: "2 min",
      pressure: "Moderate",
      regions: ["lower-back"],
      cautions: ["Not on injuries."],
      caution_for: [],
      sources: ["s1"],
    },
  ],
  muscles: [],
  timeline: {
    typical_peak_hours: [24, 72],
    typically_gone_hours: [120, 168],
    phases: [
      { id: "rising", name: "Rising", start_hours: 0, end_hours: 24, felt: "Builds.", suggestions: ["Move."], sources: ["s1"] },
      { id: "peak", name: "Peak", start_hours: 24, end_hours: 72, felt: "Sorest.", suggestions: [], sources: ["s1"] },
    ],
    notes: [],
  },
  flags: [
    {
      id: "rhabdo",
      severity: "urgent",
      title: "Seek care now",
      advice: "Dark urine with severe pain.",
      do_now: ["Stop training.", "Drink water."],
      when: { any: [{ symptom: "dark-urine" }, { all: [{ intensity_at_least: 8 }, { symptom: "weakness" }] }] },
      regions: [],
      sources: ["s1"],
    },
    {
      id: "skin",
      severity: "caution",
      title: "Not on wounds",
      advice: "Do not press there.",
      do_now: [],
      regions: [],
      sources: ["s1"],
    },
  ],
  pregnancy: false,
  profile: [],
  personal: [],
  sources: [{ id: "s1", title: "A source", citation: "Somebody, 2020." }],
};

const pregnancyFlag: SafetyFlag = {
  id: "pregnancy",
  severity: "caution",
  title: "Pregnant? Ask a professional before these points",
  advice: "Traditionally avoided in pregnancy.",
  do_now: ["Skip the marked points."],
  when: { condition: "pregnancy" },
  regions: ["lower-back"],
  sources: ["s1"],
};

describe("region panel", () => {
  it("shows the region, its points and techniques", () => {
    const panel = renderRegionPanel(detail, { onPointHot: () => {} });
    expect(panel.querySelector("h2")?.textContent).toBe("Left lower back");
    expect(panel.querySelector("[data-section=points-on] .empty")).not.toBeNull();
    expect(panel.querySelector("[data-section=points-for] [data-point=BL40]")?.textContent).toContain("Weizhong");
    expect(panel.querySelector("[data-technique=t1] ol")?.children).toHaveLength(2);
    expect(panel.textContent).toContain("match interpreted");
    expect(panel.querySelector(".references")?.textContent).toContain("Somebody, 2020.");
  });

  it("shows warning signs, cautions and the DOMS timeline", () => {
    const panel = renderRegionPanel(detail, { onPointHot: () => {} });
    const urgent = panel.querySelector<HTMLDetailsElement>("[data-section=flags] [data-flag=rhabdo]");
    expect(urgent?.open).toBe(false);
    expect(urgent?.textContent).toContain("Urgent");
    expect(panel.querySelector("[data-section=cautions] [data-flag=skin]")).not.toBeNull();
    const phases = [...panel.querySelectorAll<HTMLElement>(".timeline-phase")];
    expect(phases.map((p) => p.dataset.phase)).toEqual(["rising", "peak"]);
    expect(phases.map((p) => p.style.flexGrow)).toEqual(["24", "48"]);
  });

  it("marks points for the person's health profile with why, and only then", () => {
    expect(renderRegionPanel(detail, { onPointHot: () => {} }).querySelector(".personal-caution")).toBeNull();
    const on = renderRegionPanel(
      {
        ...detail,
        pregnancy: true,
        profile: ["pregnancy"],
        personal: [
          { target: "point", id: "BL40", condition: "pregnancy", why: "Your health profile says: pregnant. BL40 is marked for care with this condition.", flag: pregnancyFlag },
          { target: "region", id: "lower-back", condition: "pregnancy", why: "Your health profile says: pregnant. Lower back is one of the areas this concerns.", flag: pregnancyFlag },
        ],
      },
      { onPointHot: () => {} },
    );
    const note = on.querySelector("[data-point=BL40] .personal-caution[data-condition=pregnancy]");
    expect(note?.textContent).toContain("Your health profile says: pregnant");
    expect(note?.textContent).toContain("Traditionally avoided");
    expect(note?.textContent).toContain("Skip the marked points.");
    expect(note?.textContent).not.toContain("the sources caution");
    expect(on.querySelector("[data-point=BL40] summary .chip-personal")).not.toBeNull();
    expect(on.querySelector("[data-technique=t1] .personal-caution")).toBeNull();
    expect(on.querySelector("[data-section=for-you]")?.textContent).toContain("Lower back is one of the areas");
  });

  it("says what to do with each warning sign, and that tendons and joints are not DOMS", () => {
    const panel = renderRegionPanel(detail, { onPointHot: () => {} });
    expect(panel.querySelector("[data-flag=rhabdo] .do-now")?.textContent).toContain("Drink water.");
    expect(panel.querySelector(".tissue-note")).toBeNull();
    const knee = renderRegionPanel({ ...detail, region: { ...detail.region, tissue: "tendon-joint" } }, { onPointHot: () => {} });
    expect(knee.querySelector(".tissue-note")?.textContent).toContain("seldom DOMS");
  });

  it("offers the other side of a sided region", () => {
    const onSide = vi.fn();
    const panel = renderRegionPanel(detail, { onPointHot: () => {}, onSide });
    panel.querySelector<HTMLButtonElement>(".side-switch [data-side=right]")!.click();
    expect(onSide).toHaveBeenCalledWith("right");
    panel.querySelector<HTMLButtonElement>(".side-switch [data-side=left]")!.click();
    expect(onSide).toHaveBeenCalledTimes(1);
  });

  it("puts text in as text, never as HTML", () => {
    const panel = renderRegionPanel(detail, { onPointHot: () => {} });
    expect(panel.querySelector("img")).toBeNull();
    expect(panel.textContent).toContain(hostile);
  });

  it("numbers point cards as their dots and reports the card hovered, focused or opened", () => {
    const onPointHot = vi.fn();
    const panel = renderRegionPanel(detail, { onPointHot });
    document.body.replaceChildren(panel);
    const details = panel.querySelector<HTMLDetailsElement>("[data-point=BL40]")!;
    expect(details.dataset.n).toBe("1");
    expect(details.querySelector(".dot-number")?.textContent).toBe("1");
    details.open = true;
    details.dispatchEvent(new Event("toggle"));
    expect(onPointHot).toHaveBeenLastCalledWith("BL40");
    details.querySelector("summary")!.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(onPointHot).toHaveBeenLastCalledWith("BL40");
    details.querySelector("summary")!.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    expect(onPointHot).toHaveBeenLastCalledWith("BL40");
    expect(onPointHot).not.toHaveBeenCalledWith(null);
  });
});

describe("section shortcuts", () => {
  it("offer every part of the panel and scroll to it", () => {
    const panel = renderRegionPanel(detail, { onPointHot: () => {} });
    document.body.replaceChildren(panel);
    const jumps = [...panel.querySelectorAll<HTMLButtonElement>(".jump-link")].map((b) => b.dataset.jump);
    expect(jumps).toEqual(["flags", "points-on", "techniques", "timeline", "cautions"]);
    for (const id of jumps) expect(panel.querySelector(`[data-section="${id}"]`), id).not.toBeNull();
    const target = panel.querySelector<HTMLElement>('[data-section="timeline"]')!;
    const scrolled = vi.fn();
    target.scrollIntoView = scrolled;
    panel.querySelector<HTMLButtonElement>('[data-jump="timeline"]')!.click();
    expect(scrolled).toHaveBeenCalled();
  });
});
