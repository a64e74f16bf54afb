// Tonight's routine: the core proposes the steps for today's sore regions; this view shows
// them with the total time and what was left out (and why), then runs them one side at a time
// with a countdown, asks how sore things are before and after, once, and hands back what was
// done so each step on each side is saved as a treatment.

import type { Routine } from "../bindings/Routine";
import type { RoutineStep } from "../bindings/RoutineStep";
import type { Side } from "../bindings/Side";
import { h } from "../dom";

/** One step done on one side, for as long as it ran. */
export interface DoneStep {
  step: RoutineStep;
  side: Side;
  seconds: number;
}

export interface RoutineHandlers {
  /** Saves what was done; resolves to the number of treatments saved. */
  onSave(done: DoneStep[], before: number | undefined, after: number | undefined): Promise<number>;
  /** Back to Today. */
  onClose(): void;
}

export const minutes = (seconds: number): string => {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  return `about ${m} min`;
};

const sideWord = (side: Side) => (side === "left" ? "Left side" : side === "right" ? "Right side" : "");

function rating(name: string, label: string): HTMLInputElement {
  return h("input", { type: "number", min: 0, max: 10, step: 1, name, "aria-label": label, class: "rating" });
}

const valueOf = (input: HTMLInputElement): number | undefined => (input.value === "" ? undefined : Number(input.value));

export function renderRoutine(routine: Routine, handlers: RoutineHandlers): HTMLElement {
  const root = h("article", { class: "routine", "data-view": "routine" });
  const header = h(
    "header",
    { class: "panel-header" },
    h("h2", {}, "Tonight's routine"),
    h(
      "p",
      { class: "summary", "data-routine": "total" },
      routine.steps.length
        ? `${routine.steps.length} step${routine.steps.length === 1 ? "" : "s"} for today's sore regions, ${minutes(routine.total_seconds)} in all. Each runs on both sides of the body where the region has two.`
        : "Nothing to do tonight: log today's soreness first, or see below why SoreMap left regions out.",
    ),
  );
  const steps = h(
    "ol",
    { class: "routine-steps" },
    ...routine.steps.map((s, i) =>
      h(
        "li",
        { "data-routine-step": i, "data-kind": s.kind },
        h("strong", {}, s.name),
        ` · ${s.label} · ${minutes(s.seconds_per_side)}${s.sides.length > 1 ? " per side, both sides" : ""}`,
      ),
    ),
  );
  const skipped = routine.skipped.length
    ? h(
        "section",
        { class: "panel-section", "data-section": "routine-skipped" },
        h("h3", {}, "Left out"),
        h("ul", { class: "routine-skipped" }, ...routine.skipped.map((s) => h("li", {}, h("strong", {}, s.what), ": ", s.why))),
      )
    : null;
  const more = routine.more_regions
    ? h("p", { class: "muted" }, `${routine.more_regions} more sore region${routine.more_regions === 1 ? "" : "s"} left out to keep it short; open them on the map.`)
    : null;
  const before = rating("before", "Soreness before (0-10)");
  const start = h("button", { type: "button", class: "primary", "data-routine": "start", disabled: routine.steps.length === 0 }, "Start");
  const close = h("button", { type: "button", class: "secondary", "data-routine": "close" }, "Back to today");
  close.addEventListener("click", () => handlers.onClose());
  const intro = h(
    "div",
    { class: "routine-intro" },
    steps,
    routine.steps.length ? h("label", { class: "row" }, "How sore, overall, before you start? ", before) : null,
    h("div", { class: "actions" }, start, close),
  );
  root.append(header, intro, skipped ?? "", more ?? "");

  // The run: one step on one side at a time.
  const queue: { step: RoutineStep; side: Side }[] = routine.steps.flatMap((step) => step.sides.map((side) => ({ step, side })));
  const done: DoneStep[] = [];
  let index = 0;
  let left = 0;
  let elapsed = 0;
  let tick: number | null = null;
  const now = h("div", { class: "routine-now", "aria-live": "polite" });
  const count = h("p", { class: "timer-count", "data-routine": "count" });
  const pause = h("button", { type: "button", class: "secondary", "data-routine": "pause" }, "Pause");
  const next = h("button", { type: "button", class: "primary", "data-routine": "next" }, "Done, next");
  const stop = h("button", { type: "button", class: "secondary", "data-routine": "stop" }, "Stop and save");
  const run = h("div", { class: "routine-run", hidden: true }, now, count, h("div", { class: "actions" }, pause, next, stop));
  root.append(run);

  const halt = () => {
    if (tick !== null) window.clearInterval(tick);
    tick = null;
  };
  const show = () => {
    const item = queue[index];
    now.replaceChildren(
      h("p", { class: "muted" }, `Step ${index + 1} of ${queue.length}`),
      h("h3", { "data-routine": "current" }, `${item.step.name} · ${item.step.label}`),
      h("p", { class: "timer-side", "data-routine": "side", hidden: item.side === "center" }, sideWord(item.side)),
      h("p", {}, item.step.how),
    );
    count.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  };
  const begin = () => {
    const item = queue[index];
    left = item.step.seconds_per_side;
    elapsed = 0;
    show();
    halt();
    tick = window.setInterval(() => {
      // The interval belongs to this view: stop when it is gone.
      if (!root.isConnected) return halt();
      left -= 1;
      elapsed += 1;
      if (left <= 0) advance();
      else show();
    }, 1000);
  };
  const record = () => {
    const item = queue[index];
    if (item) done.push({ step: item.step, side: item.side, seconds: Math.max(1, elapsed) });
  };
  const advance = () => {
    record();
    index += 1;
    if (index < queue.length) begin();
    else finish();
  };
  const finish = () => {
    halt();
    run.hidden = true;
    const after = rating("after", "Soreness now (0-10)");
    const save = h("button", { type: "button", class: "primary", "data-routine": "save" }, "Save");
    const status = h("p", { class: "status", role: "status", "data-routine": "status" });
    save.addEventListener("click", async () => {
      save.disabled = true;
      try {
        const saved = await handlers.onSave(done, valueOf(before), valueOf(after));
        status.textContent = `Saved ${saved} treatment${saved === 1 ? "" : "s"} to your log.`;
        status.className = "status status-ok";
      } catch (raw) {
        status.textContent = raw instanceof Error ? raw.message : String(raw);
        status.className = "status status-error";
        save.disabled = false;
      }
    });
    root.append(
      h(
        "div",
        { class: "routine-end" },
        h("h3", {}, done.length ? `Done: ${done.length} of ${queue.length}` : "Stopped before the first step"),
        h("label", { class: "row" }, "How sore, overall, now? ", after),
        h("div", { class: "actions" }, save, close),
        status,
      ),
    );
  };

  start.addEventListener("click", () => {
    intro.hidden = true;
    run.hidden = false;
    index = 0;
    begin();
  });
  pause.addEventListener("click", () => {
    if (tick !== null) {
      halt();
      pause.textContent = "Resume";
    } else {
      pause.textContent = "Pause";
      tick = window.setInterval(() => {
        if (!root.isConnected) return halt();
        left -= 1;
        elapsed += 1;
        if (left <= 0) advance();
        else show();
      }, 1000);
    }
  });
  next.addEventListener("click", () => advance());
  stop.addEventListener("click", () => {
    if (elapsed > 0) record();
    finish();
  });
  return root;
}
