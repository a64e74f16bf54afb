import { describe, expect, it, vi } from "vitest";
import type { LogOptions } from "../bindings/LogOptions";
import type { Timeline } from "../bindings/Timeline";
import { intensityWord } from "../time";
import { typicalCurve } from "./episodeChart";
import { renderLogForm } from "./logForm";
import { defaultSeconds } from "./timer";

const options: LogOptions = {
  symptoms: [
    { id: "mild-swelling", name: "Mild swelling", ordinary: true },
    { id: "sudden-sharp-pain", name: "Just injured", ordinary: false },
    { id: "dark-urine", name: "Dark urine", ordinary: false },
    { id: "weakness", name: "Weakness", ordinary: false },
  ],
  max_note_chars: 20000,
};

describe("log form", () => {
  it("asks for an intensity before saving, then sends what was chosen", async () => {
    const onSubmit = vi.fn(async () => {});
    const form = renderLogForm({ options, target: "Left calf", submitLabel: "Log", onSubmit });
    document.body.replaceChildren(form);
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await Promise.resolve();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(form.querySelector(".form-error")?.textContent).toContain("Choose how sore");

    form.querySelector<HTMLButtonElement>('.scale [value="7"]')!.click();
    expect(form.querySelector(".scale-word")?.textContent).toBe("7 — severe");
    form.querySelector<HTMLInputElement>("input[value=dark-urine]")!.checked = true;
    form.querySelector<HTMLTextAreaElement>("textarea")!.value = "<b>note</b>";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ intensity: 7, kind: "doms", symptoms: ["dark-urine"], note: "<b>note</b>" }));
  });

  it("shows the core's error words when saving fails", async () => {
    const form = renderLogForm({
      options,
      target: "Left calf",
      submitLabel: "Log",
      onSubmit: async () => {
        throw new Error("Invalid date and time: 2099-01-01 10:00 is in the future.");
      },
    });
    form.querySelector<HTMLButtonElement>('.scale [value="2"]')!.click();
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await vi.waitFor(() => expect(form.querySelector<HTMLElement>(".form-error")!.hidden).toBe(false));
    expect(form.querySelector(".form-error")?.textContent).toContain("in the future");
  });
});

describe("log form choices", () => {
  it("asks 'just injured' on its own and keeps ordinary signs apart from warning signs", async () => {
    const onSubmit = vi.fn(async () => {});
    const form = renderLogForm({ options, target: "Left calf", submitLabel: "Log", onSubmit });
    expect(form.querySelector(".just-injured input[value=sudden-sharp-pain]")).not.toBeNull();
    expect(form.querySelector("details.symptoms input[value=sudden-sharp-pain]")).toBeNull();
    expect(form.querySelector(".checks-ordinary input[value=mild-swelling]")).not.toBeNull();
    expect(form.querySelector(".checks-warning input[value=dark-urine]")).not.toBeNull();
    expect(form.querySelector(".checks-warning input[value=mild-swelling]")).toBeNull();
    form.querySelector<HTMLButtonElement>('.scale [value="6"]')!.click();
    form.querySelector<HTMLInputElement>("input[value=sudden-sharp-pain]")!.checked = true;
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ symptoms: ["sudden-sharp-pain"] }));
  });
});

describe("scale words, timer and curve", () => {
  it("words the scale as the log form shows it", () => {
    expect([0, 1, 3, 4, 6, 7, 8, 9, 10].map(intensityWord)).toEqual(["none", "mild", "mild", "moderate", "moderate", "severe", "severe", "worst", "worst"]);
  });

  it("takes the hold per side from the catalogue's words", () => {
    expect(defaultSeconds("Hold for 1-2 minutes on each leg.")).toBe(60);
    expect(defaultSeconds("About 30 seconds per spot")).toBe(30);
    expect(defaultSeconds("10-20 minutes")).toBe(60);
  });

  it("draws the typical curve rising to the peak window and gone by a week", () => {
    const t: Timeline = { typical_peak_hours: [24, 72], typically_gone_hours: [120, 168], phases: [], notes: [] };
    expect(typicalCurve(0, t)).toBe(0);
    expect(typicalCurve(48, t)).toBeCloseTo(1);
    expect(typicalCurve(24, t)).toBeLessThan(1);
    expect(typicalCurve(168, t)).toBe(0);
    expect(typicalCurve(120, t)).toBeGreaterThan(0);
  });
});
