// The soreness form: intensity 0-10 with words, kind, symptoms, note and time. Used for a new
// entry (one or several region-sides) and for editing one.

import type { LogOptions } from "../bindings/LogOptions";
import type { SorenessEntry } from "../bindings/SorenessEntry";
import type { SorenessInput } from "../bindings/SorenessInput";
import { h } from "../dom";
import { intensityWord, localDateTime } from "../time";

const KINDS: [string, string][] = [
  ["doms", "Delayed soreness (DOMS)"],
  ["acute", "During exercise"],
  ["pain", "Pain"],
  ["stiffness", "Stiffness"],
];

/** The per-entry "just injured / sudden pain" choice, a symptom id the core knows. */
export const JUST_INJURED = "sudden-sharp-pain";

export interface LogFormOptions {
  options: LogOptions;
  /** Who the entry is for, in words ("Left calf", "3 regions"). */
  target: string;
  initial?: SorenessEntry;
  submitLabel: string;
  onSubmit(input: Omit<SorenessInput, "targets">): Promise<void>;
  onCancel?(): void;
}

export function renderLogForm(o: LogFormOptions): HTMLFormElement {
  let intensity: number | null = o.initial?.intensity ?? null;
  const scale = h("div", { class: "scale", role: "radiogroup", "aria-label": "How sore, 0 to 10" });
  const word = h("p", { class: "scale-word", "aria-live": "polite" });
  const paint = () => {
    scale.querySelectorAll<HTMLButtonElement>("button").forEach((b) => {
      const on = Number(b.value) === intensity;
      b.setAttribute("aria-checked", String(on));
      b.tabIndex = on || (intensity === null && b.value === "0") ? 0 : -1;
    });
    word.textContent = intensity === null ? "Choose how sore: 0 none, 1–3 mild, 4–6 moderate, 7–8 severe, 9–10 worst." : `${intensity} — ${intensityWord(intensity)}`;
  };
  for (let n = 0; n <= 10; n++) {
    const b = h("button", { type: "button", role: "radio", value: String(n), class: `level level-${n}`, "data-level": n, "aria-label": `${n}, ${intensityWord(n)}` }, String(n));
    b.addEventListener("click", () => {
      intensity = n;
      paint();
    });
    b.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" || e.key === "ArrowUp" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowDown" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      intensity = Math.min(10, Math.max(0, (intensity ?? 0) + step));
      paint();
      scale.querySelector<HTMLButtonElement>(`[value="${intensity}"]`)?.focus();
    });
    scale.append(b);
  }
  paint();

  const kind = h("select", { name: "kind", "aria-label": "Kind" }, ...KINDS.map(([v, label]) => h("option", { value: v }, label)));
  kind.value = o.initial?.kind ?? "doms";
  const box = (s: LogOptions["symptoms"][number]) =>
    h("label", { class: "check", "data-symptom": s.id }, h("input", { type: "checkbox", name: "symptom", value: s.id, checked: o.initial?.symptoms.includes(s.id) ?? false }), s.name);
  // "Just injured" is asked on its own, outside the list: it changes what is safe to do now.
  const injured = o.options.symptoms.find((s) => s.id === JUST_INJURED);
  const ordinary = o.options.symptoms.filter((s) => s.ordinary).map(box);
  const warnings = o.options.symptoms.filter((s) => !s.ordinary && s.id !== JUST_INJURED).map(box);
  const warningTicked = o.initial?.symptoms.some((id) => id !== JUST_INJURED) ?? false;
  const note = h("textarea", { name: "note", rows: 2, maxlength: o.options.max_note_chars, placeholder: "Note (optional)", "aria-label": "Note" });
  note.value = o.initial?.note ?? "";
  const at = h("input", { type: "datetime-local", name: "at", "aria-label": "When", max: localDateTime() });
  at.value = o.initial ? o.initial.at.slice(0, 16) : localDateTime();
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, o.submitLabel);

  const form = h(
    "form",
    { class: "log-form", "data-form": "soreness", novalidate: true },
    h("p", { class: "form-target" }, o.target),
    scale,
    word,
    h("div", { class: "row" }, kind, at),
    injured ? h("div", { class: "just-injured" }, box(injured)) : null,
    h(
      "details",
      { class: "symptoms", open: warningTicked },
      h("summary", {}, "Anything else? Symptoms"),
      h("p", { class: "checks-title" }, "Ordinary with DOMS"),
      h("div", { class: "checks checks-ordinary" }, ...ordinary),
      h("p", { class: "checks-title warning" }, "Warning signs: not ordinary soreness"),
      h("div", { class: "checks checks-warning" }, ...warnings),
    ),
    note,
    error,
    h(
      "div",
      { class: "actions" },
      submit,
      o.onCancel ? h("button", { type: "button", class: "secondary", "data-action": "cancel" }, "Cancel") : null,
    ),
  );
  form.querySelector("[data-action=cancel]")?.addEventListener("click", () => o.onCancel?.());
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (intensity === null) {
      error.textContent = "Choose how sore it is, from 0 to 10.";
      error.hidden = false;
      return;
    }
    submit.disabled = true;
    try {
      await o.onSubmit({
        intensity,
        kind: kind.value,
        symptoms: [...form.querySelectorAll<HTMLInputElement>("input[name=symptom]:checked")].map((c) => c.value),
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
