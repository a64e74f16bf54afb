// The one typed doorway to the Rust commands: one function per command, typed by the bindings
// generated from the Rust types. Views never call `invoke` with string names themselves.

import { Channel, invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { AppInfo } from "./bindings/AppInfo";
import type { Region } from "./bindings/Region";
import type { Routine } from "./bindings/Routine";
import type { RegionDetail } from "./bindings/RegionDetail";
import type { CalendarDay } from "./bindings/CalendarDay";
import type { DayCell } from "./bindings/DayCell";
import type { DayView } from "./bindings/DayView";
import type { ExportSummary } from "./bindings/ExportSummary";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { TrendSeries } from "./bindings/TrendSeries";
import type { TrendsOverview } from "./bindings/TrendsOverview";
import type { Insights } from "./bindings/Insights";
import type { ReportDocument } from "./bindings/ReportDocument";
import type { ReportSaved } from "./bindings/ReportSaved";
import type { Episode } from "./bindings/Episode";
import type { EpisodeView } from "./bindings/EpisodeView";
import type { LogOptions } from "./bindings/LogOptions";
import type { SearchResults } from "./bindings/SearchResults";
import type { Settings } from "./bindings/Settings";
import type { SorenessEntry } from "./bindings/SorenessEntry";
import type { SorenessInput } from "./bindings/SorenessInput";
import type { Treatment } from "./bindings/Treatment";
import type { TreatmentInput } from "./bindings/TreatmentInput";
import type { Workout } from "./bindings/Workout";
import type { WorkoutInput } from "./bindings/WorkoutInput";
import type { Side } from "./bindings/Side";
import type { ReminderSettings } from "./bindings/ReminderSettings";

/** A failed command, with the Rust error's kind and its message for the person. */
export class CommandError extends Error {
  readonly kind: AppError["kind"] | "ipc";
  constructor(kind: AppError["kind"] | "ipc", message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Normalises whatever a rejected `invoke` gives into a `CommandError`. */
export function toCommandError(raw: unknown): CommandError {
  if (raw instanceof CommandError) return raw;
  if (raw && typeof raw === "object" && "kind" in raw && "message" in raw) {
    const { kind, message } = raw as AppError;
    return new CommandError(kind, String(message));
  }
  // Tauri itself rejects with a string when arguments cannot be read (missing or mistyped).
  if (typeof raw === "string") return new CommandError("ipc", raw);
  if (raw instanceof Error) return new CommandError("ipc", raw.message);
  return new CommandError("ipc", "Something went wrong talking to SoreMap's core.");
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toCommandError(raw);
  }
}

export type { CalendarDay };

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  listRegions: () => call<Region[]>("list_regions"),
  regionDetail: (region: string, side: Side | string) =>
    call<RegionDetail>("region_detail", { region, side }),
  search: (query: string) => call<SearchResults>("search", { query }),
  settings: () => call<Settings>("settings"),
  setHealth: (condition: string, on: boolean) => call<Settings>("set_health", { condition, on }),
  logOptions: () => call<LogOptions>("log_options"),
  logSoreness: (input: SorenessInput) => call<SorenessEntry[]>("log_soreness", { input }),
  updateSoreness: (id: string, input: SorenessInput) => call<SorenessEntry>("update_soreness", { id, input }),
  deleteSoreness: (id: string) => call<null>("delete_soreness", { id }),
  restoreSoreness: (id: string) => call<SorenessEntry>("restore_soreness", { id }),
  sameAsYesterday: () => call<SorenessEntry[]>("same_as_yesterday"),
  logWorkout: (input: WorkoutInput) => call<Workout>("log_workout", { input }),
  deleteWorkout: (id: string) => call<null>("delete_workout", { id }),
  logTreatment: (input: TreatmentInput) => call<Treatment>("log_treatment", { input }),
  day: (date: string) => call<DayView>("day", { date }),
  episode: (region: string, side: Side | string) => call<EpisodeView | null>("episode", { region, side }),
  episodes: (region: string, side: Side | string) => call<Episode[]>("episodes", { region, side }),
  acknowledgeFlag: (key: string) => call<null>("acknowledge_flag", { key }),
  regionEntries: (region: string, side: Side | string) => call<SorenessEntry[]>("region_entries", { region, side }),
  trends: (from: string, to: string) => call<TrendsOverview>("trends", { from, to }),
  insights: (from: string, to: string) => call<Insights>("insights", { from, to }),
  saveReport: (path: string, document: ReportDocument) => call<ReportSaved>("save_report", { path, document }),
  calendar: (from: string, to: string) => call<CalendarDay[]>("calendar", { from, to }),
  trend: (region: string, side: Side | string, from: string, to: string) =>
    call<TrendSeries>("trend", { region, side, from, to }),
  heatmap: (date: string) => call<DayCell[]>("heatmap", { date }),
  routine: () => call<Routine>("routine"),
  exportJson: (path: string) => call<ExportSummary>("export_json", { path }),
  exportCsv: (kind: "entries" | "workouts" | "treatments", path: string) => call<ExportSummary>("export_csv", { kind, path }),
  previewImport: (path: string) => call<ImportPreview>("preview_import", { path }),
  applyImport: (path: string, onProgress: (done: number, total: number) => void) => {
    const channel = new Channel<{ done: number; total: number }>();
    channel.onmessage = (p) => onProgress(p.done, p.total);
    return call<ImportPreview>("apply_import", { path, onProgress: channel });
  },
  backupNow: (path: string) => call<string>("backup_now", { path }),
  backups: () => call<string[]>("backups"),
  restoreBackup: (path: string) => call<string>("restore_backup", { path }),
  reminderSettings: () => call<ReminderSettings>("reminder_settings"),
  setReminderSettings: (input: ReminderSettings) => call<ReminderSettings>("set_reminder_settings", { input }),
};
