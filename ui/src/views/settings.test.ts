import { describe, expect, it, vi } from "vitest";
import type { ReminderSettings } from "../bindings/ReminderSettings";
import { renderSettingsView } from "./settings";

const OFF: ReminderSettings = { daily: false, daily_time: "20:00", checkins: false, tray: false, autostart: false };

const box = (view: HTMLElement, flag: string) => view.querySelector<HTMLInputElement>(`#setting-${flag}`)!;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("settings view", () => {
  it("starts with everything off and the time disabled", () => {
    const view = renderSettingsView(OFF, { onSave: vi.fn(), onError: vi.fn() });
    for (const flag of ["daily", "checkins", "tray", "autostart"]) expect(box(view, flag).checked).toBe(false);
    expect(view.querySelector<HTMLInputElement>("#setting-daily-time")!.disabled).toBe(true);
    expect(view.querySelector<HTMLElement>("[data-hint=tray]")!.hidden).toBe(true);
  });

  it("saves every setting at once when one changes, and shows what was stored", async () => {
    const onSave = vi.fn(async (next: ReminderSettings) => next);
    const view = renderSettingsView(OFF, { onSave, onError: vi.fn() });
    const checkins = box(view, "checkins");
    checkins.checked = true;
    checkins.dispatchEvent(new Event("change"));
    await flush();
    expect(onSave).toHaveBeenCalledWith({ ...OFF, checkins: true });
    expect(view.querySelector("[data-status]")!.getAttribute("data-status")).toBe("saved");
    // Reminders on with no tray: closing the window would stop them, so the view says so.
    expect(view.querySelector<HTMLElement>("[data-hint=tray]")!.hidden).toBe(false);

    const tray = box(view, "tray");
    tray.checked = true;
    tray.dispatchEvent(new Event("change"));
    await flush();
    expect(onSave).toHaveBeenLastCalledWith({ ...OFF, checkins: true, tray: true });
    expect(view.querySelector<HTMLElement>("[data-hint=tray]")!.hidden).toBe(true);
  });

  it("sends a new daily time and enables it with the daily reminder", async () => {
    const onSave = vi.fn(async (next: ReminderSettings) => next);
    const view = renderSettingsView(OFF, { onSave, onError: vi.fn() });
    const daily = box(view, "daily");
    daily.checked = true;
    daily.dispatchEvent(new Event("change"));
    await flush();
    const time = view.querySelector<HTMLInputElement>("#setting-daily-time")!;
    expect(time.disabled).toBe(false);
    time.value = "07:30";
    time.dispatchEvent(new Event("change"));
    await flush();
    expect(onSave).toHaveBeenLastCalledWith({ ...OFF, daily: true, daily_time: "07:30" });
  });

  it("puts the box back and names the problem when saving fails", async () => {
    const onError = vi.fn();
    const view = renderSettingsView(OFF, { onSave: async () => { throw new Error("the disk is full"); }, onError });
    const autostart = box(view, "autostart");
    autostart.checked = true;
    autostart.dispatchEvent(new Event("change"));
    await flush();
    expect(autostart.checked).toBe(false);
    expect(onError).toHaveBeenCalledWith("the disk is full");
    expect(view.querySelector("[data-status]")!.textContent).toContain("the disk is full");
  });
});
