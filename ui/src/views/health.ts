// Settings: the health profile. Each condition changes which points and techniques the region
// panel marks for care, and which cautions the log raises. Stored on this computer only.

import type { Settings } from "../bindings/Settings";
import { h } from "../dom";

export interface HealthHandlers {
  /** Saves one condition; resolves to the settings as stored. */
  onToggle(id: string, on: boolean): Promise<Settings>;
  /** Saving failed: say so. */
  onError(message: string): void;
}

export function renderHealthView(settings: Settings, handlers: HealthHandlers): HTMLElement {
  const list = h(
    "ul",
    { class: "health-list" },
    ...settings.health.map((item) => {
      const box = h("input", { type: "checkbox", id: item.id, name: "health", value: item.id, checked: item.on });
      box.addEventListener("change", async () => {
        box.disabled = true;
        try {
          const saved = await handlers.onToggle(item.id, box.checked);
          box.checked = saved.health.find((x) => x.id === item.id)?.on ?? box.checked;
        } catch (raw) {
          box.checked = !box.checked;
          handlers.onError(raw instanceof Error ? raw.message : String(raw));
        } finally {
          box.disabled = false;
        }
      });
      return h("li", { "data-health": item.id }, h("label", { class: "check", for: item.id }, box, item.name));
    }),
  );
  return h(
    "article",
    { class: "health-view", "data-view": "health" },
    h("header", { class: "panel-header" }, h("h2", {}, "Your health")),
    h(
      "p",
      { class: "summary" },
      "Mark what applies to you. SoreMap then marks the points and techniques that need care with it, says why, and shows the matching cautions with your log. This stays on this computer.",
    ),
    list,
    h(
      "p",
      { class: "muted" },
      "Just injured? Tick “Just injured” when you log it: that is about one entry, not about you in general.",
    ),
  );
}
