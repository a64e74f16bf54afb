// The Today view: the day's entries, workouts and treatments, and the open recoveries with
// their phase, forecast and red flags.

import type { DayView } from "../bindings/DayView";
import type { SorenessEntry } from "../bindings/SorenessEntry";
import { h } from "../dom";
import { clock, friendly } from "../time";
import { renderEntries } from "./entries";
import { renderRaisedFlags } from "./flags";

export interface TodayHandlers {
  onSameAsYesterday(): Promise<void> | void;
  onLogWorkout(): void;
  onLogSeveral(): void;
  /** Tonight's guided routine for today's sore regions. */
  onRoutine(): void;
  onEdit(entry: SorenessEntry): void;
  onDelete(entry: SorenessEntry): void;
  onOpen(region: string, side: string): void;
  onAcknowledge(key: string): Promise<void>;
  onDeleteWorkout(id: string): void;
}

export function renderToday(day: DayView, isToday: boolean, handlers: TodayHandlers): HTMLElement {
  const same = h("button", { type: "button", class: "secondary", "data-action": "same-as-yesterday" }, "Same as yesterday");
  const workout = h("button", { type: "button", class: "secondary", "data-action": "log-workout" }, "Log a workout");
  const several = h("button", { type: "button", class: "primary", "data-action": "log-several" }, "Log soreness");
  const routine = h("button", { type: "button", class: "secondary", "data-action": "routine", disabled: day.cells.every((c) => c.intensity < 1) }, "Tonight's routine");
  routine.addEventListener("click", () => handlers.onRoutine());
  same.addEventListener("click", async () => {
    // One copy per click: the button stays disabled until the copy is written.
    same.disabled = true;
    try {
      await handlers.onSameAsYesterday();
    } finally {
      same.disabled = false;
    }
  });
  workout.addEventListener("click", () => handlers.onLogWorkout());
  several.addEventListener("click", () => handlers.onLogSeveral());
  const title = new Date(`${day.date}T12:00:00`).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" });

  return h(
    "article",
    { class: "today", "data-date": day.date },
    h("header", { class: "panel-header" }, h("h2", {}, isToday ? `Today · ${title}` : title)),
    h("p", { class: "summary" }, "Click a sore spot on the map to log it, or log several at once. The map shows each region's latest entry of the day."),
    h("div", { class: "actions" }, several, same, workout, routine),
    day.open_episodes.length
      ? h(
          "section",
          { class: "panel-section", "data-section": "open-episodes" },
          h("h3", {}, "Recovering now"),
          ...day.open_episodes.map((v) => {
            const open = h("button", { type: "button", class: "link" }, v.episode.label);
            open.addEventListener("click", () => handlers.onOpen(v.episode.region, v.episode.side));
            return h(
              "div",
              { class: "open-episode", "data-episode": `${v.episode.region}/${v.episode.side}` },
              h(
                "div",
                { class: "entry-head" },
                open,
                h("span", { class: "chip chip-caution" }, v.phase ?? ""),
                h(
                  "span",
                  { class: "muted" },
                  `${v.episode.points.some((p) => p.intensity > 0) ? `peak ${v.episode.peak}/10` : "after a workout, no soreness logged yet"} · ≤1 expected by ${friendly(v.forecast.resolve_by)}`,
                ),
                v.verdict.not_judged !== undefined && v.verdict.reasons.length === 0
                  ? h("span", { class: "chip chip-caution", title: v.verdict.not_judged }, "tendon or joint")
                  : h("span", { class: `chip ${v.verdict.fits_doms ? "chip-ok" : "chip-professional"}` }, v.verdict.fits_doms ? "fits DOMS" : "not typical"),
              ),
              renderRaisedFlags(v.flags, handlers.onAcknowledge),
            );
          }),
        )
      : null,
    day.coarse.some((c) => c.parts.length > 1 || c.parts.some((p) => p.region !== c.region))
      ? h(
          "section",
          { class: "panel-section", "data-section": "today-regions" },
          h("h3", {}, "By region", h("span", { class: "count" }, String(day.coarse.length))),
          h(
            "ul",
            { class: "by-region" },
            ...day.coarse.map((c) =>
              h(
                "li",
                { "data-coarse": `${c.region}/${c.side}` },
                h("span", { class: `dot level-${c.intensity}` }, String(c.intensity)),
                " ",
                h("strong", {}, c.label),
                c.parts.some((p) => p.region !== c.region) ? h("span", { class: "muted" }, ` · highest of ${c.parts.length} part${c.parts.length === 1 ? "" : "s"} logged`) : null,
              ),
            ),
          ),
        )
      : null,
    h(
      "section",
      { class: "panel-section", "data-section": "today-entries" },
      h("h3", {}, "Soreness logged", h("span", { class: "count" }, String(day.entries.length))),
      renderEntries(day.entries, handlers, true, true, "Nothing logged yet for this day."),
    ),
    day.workouts.length
      ? h(
          "section",
          { class: "panel-section", "data-section": "today-workouts" },
          h("h3", {}, "Workouts"),
          h(
            "ul",
            { class: "entries" },
            ...day.workouts.map((w) => {
              const del = h("button", { type: "button", class: "link danger" }, "Delete");
              del.addEventListener("click", () => handlers.onDeleteWorkout(w.id));
              return h(
                "li",
                { class: "entry", "data-workout": w.id },
                h("span", { class: "dot workout" }, "W"),
                h(
                  "div",
                  { class: "entry-body" },
                  h("div", { class: "entry-head" }, h("strong", {}, w.activity), h("span", { class: "muted" }, `${clock(w.at)} · effort ${w.effort}/10 · ${w.duration_min} min`)),
                  h("p", { class: "entry-symptoms" }, w.regions.map((r) => r.label).join(", ")),
                  w.note ? h("p", { class: "entry-note" }, w.note) : null,
                ),
                h("div", { class: "entry-actions" }, del),
              );
            }),
          ),
        )
      : null,
    day.treatments.length
      ? h(
          "section",
          { class: "panel-section", "data-section": "today-treatments" },
          h("h3", {}, "Treatments"),
          h(
            "ul",
            { class: "entries" },
            ...day.treatments.map((t) =>
              h(
                "li",
                { class: "entry", "data-treatment": t.id },
                h("span", { class: "dot workout" }, "T"),
                h(
                  "div",
                  { class: "entry-body" },
                  h("div", { class: "entry-head" }, h("strong", {}, `${t.what} · ${t.label}`), h("span", { class: "muted" }, `${clock(t.at)} · ${Math.round(t.duration_sec / 60 * 10) / 10} min`)),
                  t.before !== undefined || t.after !== undefined ? h("p", { class: "entry-symptoms" }, `Soreness ${t.before ?? "?"} → ${t.after ?? "?"}`) : null,
                  t.note ? h("p", { class: "entry-note" }, t.note) : null,
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
