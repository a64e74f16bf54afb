// A list of soreness entries with edit and delete (delete can be undone).

import type { SorenessEntry } from "../bindings/SorenessEntry";
import { h } from "../dom";
import { clock, friendly, intensityWord } from "../time";

export interface EntryHandlers {
  onEdit(entry: SorenessEntry): void;
  onDelete(entry: SorenessEntry): void;
}

const KIND: Record<SorenessEntry["kind"], string> = {
  doms: "DOMS",
  acute: "during exercise",
  pain: "pain",
  stiffness: "stiffness",
};

export function renderEntry(entry: SorenessEntry, handlers: EntryHandlers, showLabel: boolean, sameDay: boolean): HTMLElement {
  const edit = h("button", { type: "button", class: "link", "data-action": "edit" }, "Edit");
  const del = h("button", { type: "button", class: "link danger", "data-action": "delete" }, "Delete");
  edit.addEventListener("click", () => handlers.onEdit(entry));
  del.addEventListener("click", () => handlers.onDelete(entry));
  const worst = entry.flags[0];
  return h(
    "li",
    { class: "entry", "data-entry": entry.id },
    h("span", { class: `dot level-${entry.intensity}`, "data-level": entry.intensity }, String(entry.intensity)),
    h(
      "div",
      { class: "entry-body" },
      h(
        "div",
        { class: "entry-head" },
        showLabel ? h("strong", {}, entry.label) : null,
        h("span", { class: "muted" }, `${sameDay ? clock(entry.at) : friendly(entry.at)} · ${intensityWord(entry.intensity)} · ${KIND[entry.kind]}`),
        worst ? h("span", { class: `chip chip-${worst.flag.severity}`, title: worst.flag.title }, worst.flag.severity === "urgent" ? "Urgent" : "Check") : null,
      ),
      entry.symptoms.length ? h("p", { class: "entry-symptoms" }, entry.symptoms.join(", ").replace(/-/g, " ")) : null,
      entry.note ? h("p", { class: "entry-note" }, entry.note) : null,
    ),
    h("div", { class: "entry-actions" }, edit, del),
  );
}

export function renderEntries(entries: SorenessEntry[], handlers: EntryHandlers, showLabel: boolean, sameDay: boolean, empty: string): HTMLElement {
  if (!entries.length) return h("p", { class: "empty" }, empty);
  return h("ul", { class: "entries" }, ...entries.map((e) => renderEntry(e, handlers, showLabel, sameDay)));
}
