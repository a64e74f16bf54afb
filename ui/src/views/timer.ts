// The guided press-and-hold timer: a countdown per side (left, then right), pause and stop,
// and at the end a prompt to rate soreness and save it as a treatment.

import { h } from "../dom";

export interface TimerResult {
  seconds: number;
  before?: number;
  after?: number;
  note: string;
}

const CHOICES = [10, 30, 60, 90, 120];

/** A sensible hold per side from a catalogue text such as "1-2 minutes" or "30 seconds". */
export function defaultSeconds(text: string): number {
  const t = text.toLowerCase();
  if (/\b(1\s*[-–]\s*2|one to two)\s*min/.test(t)) return 60;
  if (/\b30\s*s/.test(t) || /thirty seconds/.test(t)) return 30;
  if (/\b2\s*min/.test(t)) return 120;
  return 60;
}

export function renderTimer(what: string, guidance: string, onSave: (r: TimerResult) => Promise<void>): HTMLElement {
  const sides = ["Left side", "Right side"];
  const select = h(
    "select",
    { "aria-label": "Hold per side" },
    ...CHOICES.map((s) => h("option", { value: String(s) }, s < 60 ? `${s} s per side` : `${s / 60} min per side`)),
  );
  select.value = String(defaultSeconds(guidance));
  const face = h("div", { class: "timer-face", "aria-live": "polite" }, h("span", { class: "timer-side" }, ""), h("span", { class: "timer-count" }, ""));
  const start = h("button", { type: "button", class: "primary small", "data-timer": "start" }, "Start timer");
  const pause = h("button", { type: "button", class: "secondary small", "data-timer": "pause", hidden: true }, "Pause");
  const stop = h("button", { type: "button", class: "secondary small", "data-timer": "stop", hidden: true }, "Stop");
  const prompt = h("div", { class: "timer-prompt", hidden: true });
  const root = h("div", { class: "timer", "data-timer-for": what }, h("div", { class: "row" }, select, start, pause, stop), face, prompt);

  let side = 0;
  let left = 0;
  let elapsed = 0;
  let tick: number | null = null;
  const show = () => {
    face.querySelector(".timer-side")!.textContent = sides[side] ?? "";
    face.querySelector(".timer-count")!.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  };
  const halt = () => {
    if (tick !== null) window.clearInterval(tick);
    tick = null;
  };
  const finish = () => {
    halt();
    pause.hidden = true;
    stop.hidden = true;
    start.hidden = false;
    start.textContent = "Start again";
    face.querySelector(".timer-side")!.textContent = "Done";
    const before = h("input", { type: "number", min: 0, max: 10, step: 1, name: "before", "aria-label": "Soreness before (0-10)" });
    const after = h("input", { type: "number", min: 0, max: 10, step: 1, name: "after", "aria-label": "Soreness now (0-10)" });
    const note = h("input", { type: "text", name: "note", placeholder: "Note (optional)", "aria-label": "Note" });
    const save = h("button", { type: "button", class: "primary small", "data-timer": "save" }, "Save treatment");
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const seconds = Math.max(1, elapsed);
    prompt.replaceChildren(
      h("p", {}, `${what}: ${Math.round(seconds)} s in all. How sore was it before, and how is it now?`),
      h("div", { class: "row" }, h("label", {}, "Before ", before), h("label", {}, "Now ", after), note),
      error,
      save,
    );
    prompt.hidden = false;
    save.addEventListener("click", async () => {
      const num = (i: HTMLInputElement) => (i.value === "" ? undefined : Number(i.value));
      // Saved once, however many times it is clicked.
      save.disabled = true;
      try {
        await onSave({ seconds, before: num(before), after: num(after), note: note.value });
        prompt.replaceChildren(h("p", { class: "saved" }, "Saved as a treatment."));
      } catch (raw) {
        error.textContent = raw instanceof Error ? raw.message : String(raw);
        error.hidden = false;
        save.disabled = false;
      }
    });
  };
  const run = () => {
    halt();
    tick = window.setInterval(() => {
      left -= 1;
      elapsed += 1;
      if (left <= 0) {
        side += 1;
        if (side >= sides.length) return finish();
        left = Number(select.value);
      }
      show();
    }, 1000);
  };
  start.addEventListener("click", () => {
    side = 0;
    elapsed = 0;
    left = Number(select.value);
    prompt.hidden = true;
    start.hidden = true;
    pause.hidden = false;
    stop.hidden = false;
    pause.textContent = "Pause";
    show();
    run();
  });
  pause.addEventListener("click", () => {
    if (tick !== null) {
      halt();
      pause.textContent = "Resume";
    } else {
      run();
      pause.textContent = "Pause";
    }
  });
  stop.addEventListener("click", () => finish());
  return root;
}
