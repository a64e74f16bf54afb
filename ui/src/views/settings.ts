// Settings: reminders on the DOMS clock and running in the background. Everything is off
// until the person turns it on; each change is saved at once, in one piece.

import type { ReminderSettings } from "../bindings/ReminderSettings";
import { h } from "../dom";

export interface SettingsHandlers {
  /** Saves all settings; resolves to them as stored. */
  onSave(next: ReminderSettings): Promise<ReminderSettings>;
  /** Saving failed: say so. */
  onError(message: string): void;
}

type Flag = "daily" | "checkins" | "tray" | "autostart";

export function renderSettingsView(initial: ReminderSettings, handlers: SettingsHandlers): HTMLElement {
  let current = { ...initial };
  const box = (flag: Flag) => h("input", { type: "checkbox", id: `setting-${flag}`, name: flag, checked: current[flag] });
  const boxes: Record<Flag, HTMLInputElement> = {
    daily: box("daily"),
    checkins: box("checkins"),
    tray: box("tray"),
    autostart: box("autostart"),
  };
  const time = h("input", { type: "time", id: "setting-daily-time", name: "daily_time", value: current.daily_time, required: true, "aria-label": "Time of the daily reminder" });
  const status = h("p", { class: "muted settings-status", role: "status", "data-status": "" });
  const hint = h("p", { class: "settings-hint", "data-hint": "tray" }, "Reminders only arrive while SoreMap runs. Turn on the tray below so that closing the window keeps them coming.");

  const show = (s: ReminderSettings) => {
    current = { ...s };
    for (const flag of Object.keys(boxes) as Flag[]) boxes[flag].checked = s[flag];
    time.value = s.daily_time;
    time.disabled = !s.daily;
    hint.hidden = !(s.daily || s.checkins) || s.tray;
  };

  const save = async (next: ReminderSettings) => {
    const controls = [...Object.values(boxes), time];
    for (const c of controls) c.disabled = true;
    status.textContent = "Saving…";
    status.setAttribute("data-status", "saving");
    try {
      show(await handlers.onSave(next));
      status.textContent = "Saved.";
      status.setAttribute("data-status", "saved");
    } catch (raw) {
      show(current);
      const text = raw instanceof Error ? raw.message : String(raw);
      status.textContent = `Not saved: ${text}`;
      status.setAttribute("data-status", "error");
      handlers.onError(text);
    } finally {
      for (const c of Object.values(boxes)) c.disabled = false;
      time.disabled = !current.daily;
    }
  };

  for (const flag of Object.keys(boxes) as Flag[]) {
    boxes[flag].addEventListener("change", () => void save({ ...current, [flag]: boxes[flag].checked }));
  }
  time.addEventListener("change", () => {
    if (time.value && time.value !== current.daily_time) void save({ ...current, daily_time: time.value });
  });
  show(current);

  const row = (flag: Flag, label: string, ...extra: Node[]) =>
    h("li", { "data-setting": flag }, h("label", { class: "check", for: `setting-${flag}` }, boxes[flag], label), ...extra);

  return h(
    "article",
    { class: "settings-view", "data-view": "settings" },
    h("header", { class: "panel-header" }, h("h2", {}, "Settings")),
    h(
      "section",
      { class: "panel-section", "data-section": "reminders" },
      h("h3", {}, "Reminders"),
      h(
        "p",
        { class: "summary" },
        "SoreMap can remind you to log, and ask how an area feels on the days after a workout you logged: 24, 48 and 72 hours after, when delayed soreness usually builds, peaks and starts to ease. Clicking a check-in opens that area's log form.",
      ),
      h(
        "ul",
        { class: "settings-list" },
        row("daily", "Remind me to log every day at ", time),
        row("checkins", "Check in 24, 48 and 72 hours after a logged workout"),
      ),
      h(
        "p",
        { class: "muted" },
        "Never for an area you already logged that day, never more than three at once, and a check-in due at night waits until 08:00. A moment missed while SoreMap was closed is skipped, not sent late.",
      ),
      hint,
    ),
    h(
      "section",
      { class: "panel-section", "data-section": "background" },
      h("h3", {}, "Running in the background"),
      h(
        "ul",
        { class: "settings-list" },
        row("tray", "Keep SoreMap in the tray when its window is closed"),
        row("autostart", "Start SoreMap when I log in (in the tray if it is on, otherwise minimised)"),
      ),
    ),
    status,
  );
}
