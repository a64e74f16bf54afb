// What the window asks of the core, and what it does when that fails.
//
// Views never call the backend: they take handlers, and `main.ts` wires those handlers to the
// functions here. A failure in a form is thrown back to the form (it shows it in place); any
// other failure becomes a toast, and the action resolves to `undefined`.

import { api, toCommandError } from "../api";
import type { Dot } from "./state";
import type { RegionDetail } from "../bindings/RegionDetail";
import type { Side } from "../bindings/Side";
import { showToast } from "../views/toast";

export { api };

/** The person-facing message of whatever a command rejected with. */
export const message = (raw: unknown): string => toCommandError(raw).message;

/** Runs `work`; a failure is shown as a toast and gives `undefined`. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (raw) {
    showToast(message(raw));
    return undefined;
  }
}

/** The dots for a region's points: on the side opened (both sides for a midline region's paired points). */
export function dotsFor(detail: RegionDetail, side: Side, label: (region: string, side: Side) => string): Dot[] {
  const points = [...detail.points_on, ...detail.points_for];
  const dots: Dot[] = [];
  points.forEach((p, i) => {
    const n = i + 1;
    const marker = p.marker;
    if (!marker) return;
    const name = p.code && p.pinyin ? `${p.code} ${p.pinyin}` : (p.names[0] ?? p.id);
    const onMidline = Math.abs(marker.x - 100) < 0.5;
    const sides: Side[] = side !== "center" ? [side] : onMidline ? ["left"] : ["left", "right"];
    for (const s of sides) {
      const where = onMidline ? label(p.located_in, "center") : label(p.located_in, s);
      dots.push({ id: p.id, n, marker, side: s, label: `${n}: ${name}, on the ${where.toLowerCase()}` });
    }
  });
  return dots;
}

/** Deletes an entry and offers to undo it. */
export async function deleteWithUndo(entry: { id: string; label: string; intensity: number }, refresh: () => Promise<void>): Promise<void> {
  const done = await attempt(() => api.deleteSoreness(entry.id));
  if (done === undefined) return;
  await refresh();
  showToast(`Deleted ${entry.label}, ${entry.intensity}/10.`, {
    label: "Undo",
    run: async () => {
      if ((await attempt(() => api.restoreSoreness(entry.id))) !== undefined) await refresh();
    },
  });
}
