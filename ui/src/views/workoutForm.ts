// The workout form. The regions it worked are picked on the body map.

import type { RegionSide } from "../bindings/RegionSide";
import type { WorkoutInput } from "../bindings/WorkoutInput";
import { h } from "../dom";
import { localDateTime } from "../time";

export function renderWorkoutForm(
  selected: RegionSide[],
  onSubmit: (input: Omit<WorkoutInput, "targets">) => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  const activity = h("input", { type: "text", name: "activity", placeholder: "What did you do? (e.g. hill sprints)", "aria-label": "Activity", maxlength: 120 });
  const effort = h("select", { name: "effort", "aria-label": "Perceived effort" }, ...Array.from({ length: 10 }, (_, i) => h("option", { value: String(i + 1) }, `Effort ${i + 1}/10`)));
  effort.value = "7";
  const duration = h("input", { type: "number", name: "duration", min: 1, max: 1440, step: 1, value: "60", "aria-label": "Duration in minutes" });
  const at = h("input", { type: "datetime-local", name: "at", "aria-label": "When", max: localDateTime() });
  at.value = localDateTime();
  const note = h("textarea", { name: "note", rows: 2, placeholder: "Note (optional)", "aria-label": "Note" });
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, "Save workout");
  const cancel = h("button", { type: "button", class: "secondary" }, "Cancel");
  cancel.addEventListener("click", onCancel);
  const form = h(
    "form",
    { class: "log-form", "data-form": "workout", novalidate: true },
    h("h2", {}, "Log a workout"),
    h("p", { class: "summary" }, "A workout starts the DOMS timeline for the regions it worked. Click them on the map."),
    h(
      "div",
      { class: "chips", "data-selected": selected.length },
      ...(selected.length ? selected.map((r) => h("span", { class: "chip chip-caution" }, r.label)) : [h("span", { class: "muted" }, "No regions chosen yet.")]),
    ),
    activity,
    h("div", { class: "row" }, effort, h("label", { class: "inline" }, duration, " min"), at),
    note,
    error,
    h("div", { class: "actions" }, submit, cancel),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      await onSubmit({
        activity: activity.value,
        effort: Number(effort.value),
        duration_min: Number(duration.value),
        note: note.value,
        at: at.value || undefined,
      });
    } catch (raw) {
      error.textContent = raw instanceof Error ? raw.message : String(raw);
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
