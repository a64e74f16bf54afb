//! Tauri commands: thin adapters from IPC calls to the domain core.
//!
//! Each command takes its arguments and runs the core on a worker thread through `AppState`:
//! reads on a read connection, writes on the one writing connection, never on the window's
//! main thread. Arguments arrive as plain strings and are validated by the core, so a bad
//! value becomes an `Error` with a clear message rather than a panic.
//!
//! A `#[tauri::command] pub fn` here is the command's whole declaration: build.rs reads this
//! file and registers it in the invoke handler, allows it in the `commands` permission set
//! the window is granted, and writes its typed function into `ui/src/bindings/commands.ts`
//! (argument names in camelCase, as Tauri sends them). A struct the commands send that is not
//! a core type (like `Progress`) is written there too.

use soremap_core::insights::Insights;
use soremap_core::model::DayCell;
use soremap_core::model::{
    AppInfo, DayView, Episode, EpisodeView, LogOptions, Region, RegionDetail, SearchResults,
    Settings, SorenessEntry, SorenessInput, Treatment, TreatmentInput, Workout, WorkoutInput,
};
use soremap_core::pdf::{ReportDocument, ReportSaved};
use soremap_core::reminders::ReminderSettings;
use soremap_core::routine::Routine;
use soremap_core::transfer::{ExportSummary, ImportPreview};
use soremap_core::trends::{CalendarDay, TrendSeries, TrendsOverview};
use soremap_core::{Error, Result};
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::background;
use crate::state::AppState;

/// The person's local wall-clock time: the log is kept in local time.
fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[tauri::command]
pub async fn app_info<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<AppInfo> {
    let mut info = state.read("app_info", |db| db.info()).await?;
    // tauri-plugin-log writes `soremap.log` in the app's log folder.
    info.log_file = app
        .path()
        .app_log_dir()
        .ok()
        .map(|dir| dir.join("soremap.log").display().to_string());
    Ok(info)
}

#[tauri::command]
pub async fn list_regions(state: State<'_, AppState>) -> Result<Vec<Region>> {
    state.read("list_regions", |db| db.regions()).await
}

#[tauri::command]
pub async fn region_detail(
    state: State<'_, AppState>,
    region: String,
    side: String,
) -> Result<RegionDetail> {
    state
        .read("region_detail", move |db| db.region_detail(&region, &side))
        .await
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> Result<SearchResults> {
    state.read("search", move |db| db.search(&query)).await
}

#[tauri::command]
pub async fn settings(state: State<'_, AppState>) -> Result<Settings> {
    state.read("settings", |db| db.settings()).await
}

#[tauri::command]
pub async fn set_health(
    state: State<'_, AppState>,
    condition: String,
    on: bool,
) -> Result<Settings> {
    state
        .write("set_health", move |db| db.set_health(&condition, on))
        .await
}

#[tauri::command]
pub fn log_options() -> LogOptions {
    soremap_core::log::log_options()
}

#[tauri::command]
pub async fn log_soreness(
    state: State<'_, AppState>,
    input: SorenessInput,
) -> Result<Vec<SorenessEntry>> {
    state
        .write("log_soreness", move |db| db.log_soreness(&input, now()))
        .await
}

#[tauri::command]
pub async fn update_soreness(
    state: State<'_, AppState>,
    id: String,
    input: SorenessInput,
) -> Result<SorenessEntry> {
    state
        .write("update_soreness", move |db| {
            db.update_soreness(&id, &input, now())
        })
        .await
}

#[tauri::command]
pub async fn delete_soreness(state: State<'_, AppState>, id: String) -> Result<()> {
    state
        .write("delete_soreness", move |db| db.delete_soreness(&id, now()))
        .await
}

#[tauri::command]
pub async fn restore_soreness(state: State<'_, AppState>, id: String) -> Result<SorenessEntry> {
    state
        .write("restore_soreness", move |db| db.restore_soreness(&id))
        .await
}

#[tauri::command]
pub async fn same_as_yesterday(state: State<'_, AppState>) -> Result<Vec<SorenessEntry>> {
    state
        .write("same_as_yesterday", |db| db.same_as_yesterday(now()))
        .await
}

#[tauri::command]
pub async fn log_workout(state: State<'_, AppState>, input: WorkoutInput) -> Result<Workout> {
    state
        .write("log_workout", move |db| db.log_workout(&input, now()))
        .await
}

#[tauri::command]
pub async fn delete_workout(state: State<'_, AppState>, id: String) -> Result<()> {
    state
        .write("delete_workout", move |db| db.delete_workout(&id, now()))
        .await
}

#[tauri::command]
pub async fn log_treatment(state: State<'_, AppState>, input: TreatmentInput) -> Result<Treatment> {
    state
        .write("log_treatment", move |db| db.log_treatment(&input, now()))
        .await
}

#[tauri::command]
pub async fn day(state: State<'_, AppState>, date: String) -> Result<DayView> {
    state.read("day", move |db| db.day(&date, now())).await
}

#[tauri::command]
pub async fn episode(
    state: State<'_, AppState>,
    region: String,
    side: String,
) -> Result<Option<EpisodeView>> {
    state
        .read("episode", move |db| db.episode_view(&region, &side, now()))
        .await
}

/// A region-side's recovery episodes (bouts), oldest first.
#[tauri::command]
pub async fn episodes(
    state: State<'_, AppState>,
    region: String,
    side: String,
) -> Result<Vec<Episode>> {
    state
        .read("episodes", move |db| db.episodes_for(&region, &side, now()))
        .await
}

#[tauri::command]
pub async fn acknowledge_flag(state: State<'_, AppState>, key: String) -> Result<()> {
    state
        .write("acknowledge_flag", move |db| {
            db.acknowledge_flag(&key, now())
        })
        .await
}

/// How many of a region-side's latest entries the panel lists.
const RECENT_ENTRIES: u32 = 20;

#[tauri::command]
pub async fn region_entries(
    state: State<'_, AppState>,
    region: String,
    side: String,
) -> Result<Vec<SorenessEntry>> {
    state
        .read("region_entries", move |db| {
            db.recent_entries(&region, &side, RECENT_ENTRIES)
        })
        .await
}

#[tauri::command]
pub async fn trends(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<TrendsOverview> {
    state
        .read("trends", move |db| db.trends(&from, &to, now()))
        .await
}

#[tauri::command]
pub async fn trend(
    state: State<'_, AppState>,
    region: String,
    side: String,
    from: String,
    to: String,
) -> Result<TrendSeries> {
    state
        .read("trend", move |db| {
            db.trend(&region, &side, &from, &to, now())
        })
        .await
}

/// Tonight's routine for the regions sore today.
#[tauri::command]
pub async fn routine(state: State<'_, AppState>) -> Result<Routine> {
    state.read("routine", |db| db.routine(now())).await
}

#[tauri::command]
pub async fn heatmap(state: State<'_, AppState>, date: String) -> Result<Vec<DayCell>> {
    state.read("heatmap", move |db| db.heatmap(&date)).await
}

#[tauri::command]
pub async fn calendar(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Vec<CalendarDay>> {
    state
        .read("calendar", move |db| db.calendar(&from, &to))
        .await
}

/// The Trends overview in words: recovery against the person's usual, the sorest regions,
/// anything unusual and what seems to help.
#[tauri::command]
pub async fn insights(state: State<'_, AppState>, from: String, to: String) -> Result<Insights> {
    state
        .read("insights", move |db| db.insights(&from, &to, now()))
        .await
}

/// Writes a report as a PDF to the file chosen in the save dialog.
#[tauri::command]
pub async fn save_report(
    state: State<'_, AppState>,
    path: String,
    document: ReportDocument,
) -> Result<ReportSaved> {
    let path = chosen(&path)?;
    state
        .read("save_report", move |db| db.save_report(&document, &path))
        .await
}

/// A path chosen in the system dialog; an empty one is refused by name.
fn chosen(path: &str) -> Result<PathBuf> {
    if path.trim().is_empty() {
        return Err(Error::invalid("file", "no file was chosen."));
    }
    Ok(PathBuf::from(path))
}

#[tauri::command]
pub async fn export_json(state: State<'_, AppState>, path: String) -> Result<ExportSummary> {
    let path = chosen(&path)?;
    state
        .read("export_json", move |db| db.export_json(&path, now()))
        .await
}

#[tauri::command]
pub async fn export_csv(
    state: State<'_, AppState>,
    kind: String,
    path: String,
) -> Result<ExportSummary> {
    let path = chosen(&path)?;
    state
        .read("export_csv", move |db| db.export_csv(&kind, &path, now()))
        .await
}

#[tauri::command]
pub async fn preview_import(state: State<'_, AppState>, path: String) -> Result<ImportPreview> {
    let path = chosen(&path)?;
    state
        .read("preview_import", move |db| {
            db.preview_import(&db.read_import(&path, now())?)
        })
        .await
}

/// How far an import has got, sent to the window as it goes.
#[derive(Clone, serde::Serialize)]
pub struct Progress {
    done: u64,
    total: u64,
}

#[tauri::command]
pub async fn apply_import(
    state: State<'_, AppState>,
    path: String,
    on_progress: Channel<Progress>,
) -> Result<ImportPreview> {
    let path = chosen(&path)?;
    // The file is read and checked on a read connection; only the merge holds the writer.
    let checked = state
        .read("apply_import", move |db| db.read_import(&path, now()))
        .await?;
    state
        .write("apply_import", move |db| {
            db.apply_import_with(&checked, now(), &mut |done, total| {
                let _ = on_progress.send(Progress { done, total });
            })
        })
        .await
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, path: String) -> Result<String> {
    let path = chosen(&path)?;
    state
        .write("backup_now", move |db| {
            db.backup_to(&path).map(|()| path.display().to_string())
        })
        .await
}

/// The automatic backups, newest first; listed even when the database cannot be opened, so
/// the person can restore one.
#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Result<Vec<String>> {
    let dir = state.data_dir().to_owned();
    state
        .read_files("backups", move || {
            Ok(soremap_core::backup::list_backups(&dir)?
                .into_iter()
                .map(|b| b.path)
                .collect())
        })
        .await
}

/// Replaces the data with a backup's, after checking and upgrading the backup and saving the
/// current data; works when the database could not be opened too.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String) -> Result<String> {
    let path = chosen(&path)?;
    state
        .replace_data("restore_backup", move |dir, db| {
            let report = match db {
                Some(db) => db.restore(&path, now())?,
                None => soremap_core::backup::restore_into_dir(dir, &path, now())?,
            };
            Ok(report.message)
        })
        .await
}

#[tauri::command]
pub async fn reminder_settings(state: State<'_, AppState>) -> Result<ReminderSettings> {
    state
        .read("reminder_settings", |db| db.reminder_settings())
        .await
}

/// Saves the reminder settings, then applies them: the tray icon, closing to the tray, the
/// login item, and a look for reminders due now.
#[tauri::command]
pub async fn set_reminder_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ReminderSettings,
) -> Result<ReminderSettings> {
    let saved = state
        .write("set_reminder_settings", move |db| {
            db.set_reminder_settings(&input)
        })
        .await?;
    background::apply(&app, &saved, true);
    Ok(saved)
}
