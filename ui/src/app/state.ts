// The window's state in one typed object, and the pure transitions that change it.
//
// Nothing here touches the DOM or the backend: a transition takes a state and returns the
// next one, so it can be tested without a window. `main.ts` keeps the one current state,
// renders the panel for its mode, and syncs the map from it in one place (`mapView`).

import type { LogOptions } from "../bindings/LogOptions";
import type { Marker } from "../bindings/Marker";
import type { Region } from "../bindings/Region";
import type { Side } from "../bindings/Side";

/** What the panel shows. */
export type Mode =
  | { kind: "today" }
  | { kind: "region"; region: string; side: Side }
  | { kind: "several" }
  | { kind: "workout" }
  | { kind: "routine" }
  | { kind: "trends"; region: string; side: Side; preset: string }
  | { kind: "data" }
  | { kind: "health" }
  | { kind: "settings" };

/** A region-side picked on the map for logging several at once or for a workout. */
export interface Picked {
  region: string;
  side: Side;
  label: string;
}

/** A point drawn on the figure while its region is open. */
export interface Dot {
  /** The point's id (e.g. `BL40`). */
  id: string;
  /** The number shown in the dot and on its card. */
  n: number;
  marker: Marker;
  side: Side;
  /** Accessible name, e.g. "1: BL40 Weizhong, on the left back of the knee". */
  label: string;
}

export interface AppState {
  /** What the panel shows. */
  mode: Mode;
  /** Region-sides picked on the map (several / workout modes only). */
  picked: Picked[];
  /** The side last opened, for search results on sided regions. */
  lastSide: Side;
  /** The catalogue's regions by id. */
  regions: Map<string, Region>;
  /** What the log form offers. */
  options: LogOptions;
  /** Points of the open region drawn on the figure. */
  dots: Dot[];
  /** The dot (point id) hovered or focused, in the figure or in the panel. */
  hot: string | null;
  /** The database could not be opened: only Your data (restore) works. */
  unavailable: boolean;
}

export function initialState(): AppState {
  return {
    mode: { kind: "today" },
    picked: [],
    lastSide: "left",
    regions: new Map(),
    options: { symptoms: [], max_note_chars: 20000 },
    dots: [],
    hot: null,
    unavailable: false,
  };
}

/** Picking carries over between the two picking modes and is dropped by every other mode. */
const picking = (mode: Mode) => mode.kind === "several" || mode.kind === "workout";

/** Enters `mode`: what was picked is kept only between picking modes; dots belong to a region. */
export function enter(state: AppState, mode: Mode): AppState {
  const lastSide = mode.kind === "region" && mode.side !== "center" ? mode.side : state.lastSide;
  const sameRegion = mode.kind === "region" && state.mode.kind === "region" && state.mode.region === mode.region && state.mode.side === mode.side;
  return {
    ...state,
    mode,
    lastSide,
    picked: picking(mode) && picking(state.mode) ? state.picked : [],
    dots: sameRegion ? state.dots : [],
    hot: sameRegion ? state.hot : null,
  };
}

/** Adds a region-side to what is picked, or takes it away. */
export function togglePick(state: AppState, region: string, side: Side): AppState {
  const exists = state.picked.some((p) => p.region === region && p.side === side);
  const picked = exists
    ? state.picked.filter((p) => !(p.region === region && p.side === side))
    : [...state.picked, { region, side, label: labelOf(state, region, side) }];
  return { ...state, picked };
}

export function withDots(state: AppState, dots: Dot[]): AppState {
  return { ...state, dots, hot: null };
}

export function withHot(state: AppState, hot: string | null): AppState {
  return state.hot === hot ? state : { ...state, hot };
}

/** "Left calf", "Neck": a region-side in words. */
export function regionLabel(region: Region, side: Side): string {
  if (side === "center") return region.name;
  return `${side === "left" ? "Left" : "Right"} ${region.name.toLowerCase()}`;
}

/** As `regionLabel`, for a region known by id (the id itself when it is unknown). */
export function labelOf(state: AppState, region: string, side: Side): string {
  const r = state.regions.get(region);
  return r ? regionLabel(r, side) : region;
}

/** Which header button is current in a mode. */
export function navOf(mode: Mode): "today" | "trends" | "data" | "health" | "settings" | null {
  switch (mode.kind) {
    case "today":
    case "trends":
    case "data":
    case "health":
    case "settings":
      return mode.kind;
    default:
      return null;
  }
}

/** Everything the map shows that depends on the state (colours come from the log). */
export interface MapView {
  selected: { region: string; side: Side } | null;
  picked: { region: string; side: Side }[];
  dots: Dot[];
  hot: string | null;
}

export function mapView(state: AppState): MapView {
  const m = state.mode;
  const selected = m.kind === "region" || m.kind === "trends" ? { region: m.region, side: m.side } : null;
  return {
    selected,
    picked: picking(m) ? state.picked.map(({ region, side }) => ({ region, side })) : [],
    dots: m.kind === "region" ? state.dots : [],
    hot: m.kind === "region" ? state.hot : null,
  };
}

/** The coarse region-side a fine one rolls up to (`soleus` left → `calf` left, `neck-side`
 * right → `neck` center); a coarse one is its own. Trends read at the coarse level. */
export function coarseOf(state: AppState, region: string, side: Side): { region: string; side: Side } {
  const parent = state.regions.get(state.regions.get(region)?.parent ?? "");
  if (!parent) return { region, side };
  return { region: parent.id, side: parent.sided ? side : "center" };
}
