//! Tauri commands: thin adapters from IPC calls to the domain core.
//!
//! Each command takes its arguments, calls one core function and returns its result; arguments
//! arrive as plain strings and are validated by the core, so a bad value becomes an `Error`
//! with a clear message rather than a panic.

use soremap_core::model::DayCell;
use soremap_core::model::{
    AppInfo, DayView, Episode, EpisodeView, LogOptions, Region, RegionDetail, SearchResults,
    Settings, SorenessEntry, SorenessInput, Treatment, TreatmentInput, Workout, WorkoutInput,
};
use soremap_core::transfer::{ExportSummary, ImportPreview};
use soremap_core::trends::{TrendSeries, TrendsOverview};
use soremap_core::{Error, Result};
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::State;

/// The person's local wall-clock time: the log is kept in local time.
fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

use crate::state::AppState;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    state.with(|db| db.info())
}

#[tauri::command]
pub fn list_regions(state: State<'_, AppState>) -> Result<Vec<Region>> {
    state.with(|db| db.regions())
}

#[tauri::command]
pub fn region_detail(
    state: State<'_, AppState>,
    region: String,
    side: String,
) -> Result<RegionDetail> {
    state.with(|db| db.region_detail(&region, &side))
}

#[tauri::command]
pub fn search(state: State<'_, AppState>, query: String) -> Result<SearchResults> {
    state.with(|db| db.search(&query))
}

#[tauri::command]
pub fn settings(state: State<'_, AppState>) -> Result<Settings> {
    state.with(|db| db.settings())
}

#[tauri::command]
pub fn set_pregnancy(state: State<'_, AppState>, on: bool) -> Result<Settings> {
    state.with(|db| db.set_pregnancy(on))
}

#[tauri::command]
pub fn set_health(state: State<'_, AppState>, condition: String, on: bool) -> Result<Settings> {
    state.with(|db| db.set_health(&condition, on))
}

#[tauri::command]
pub fn log_options() -> LogOptions {
    LogOptions::get()
}

#[tauri::command]
pub fn log_soreness(
    state: State<'_, AppState>,
    input: SorenessInput,
) -> Result<Vec<SorenessEntry>> {
    state.with(|db| db.log_soreness(&input, now()))
}

#[tauri::command]
pub fn update_soreness(
    state: State<'_, AppState>,
    id: String,
    input: SorenessInput,
) -> Result<SorenessEntry> {
    state.with(|db| db.update_soreness(&id, &input, now()))
}

#[tauri::command]
pub fn delete_soreness(state: State<'_, AppState>, id: String) -> Result<()> {
    state.with(|db| db.delete_soreness(&id, now()))
}

#[tauri::command]
pub fn restore_soreness(state: State<'_, AppState>, id: String) -> Result<SorenessEntry> {
    state.with(|db| db.restore_soreness(&id))
}

#[tauri::command]
pub fn same_as_yesterday(state: State<'_, AppState>) -> Result<Vec<SorenessEntry>> {
    state.with(|db| db.same_as_yesterday(now()))
}

#[tauri::command]
pub fn log_workout(state: State<'_, AppState>, input: WorkoutInput) -> Result<Workout> {
    state.with(|db| db.log_workout(&input, now()))
}

#[tauri::command]
pub fn delete_workout(state: State<'_, AppState>, id: String) -> Result<()> {
    state.with(|db| db.delete_workout(&id, now()))
}

#[tauri::command]
pub fn log_treatment(state: State<'_, AppState>, input: TreatmentInput) -> Result<Treatment> {
    state.with(|db| db.log_treatment(&input, now()))
}

#[tauri::command]
pub fn day(state: State<'_, AppState>, date: String) -> Result<DayView> {
    state.with(|db| db.day(&date, now()))
}

#[tauri::command]
pub fn episode(
    state: State<'_, AppState>,
    region: String,
    side: String,
) -> Result<Option<EpisodeView>> {
    state.with(|db| db.episode_view(&region, &side, now()))
}

#[tauri::command]
pub fn episodes(state: State<'_, AppState>, region: String, side: String) -> Result<Vec<Episode>> {
    state.with(|db| db.episodes_for(&region, &side, now()))
}

#[tauri::command]
pub fn acknowledge_flag(state: State<'_, AppState>, key: String) -> Result<()> {
    state.with(|db| db.acknowledge_flag(&key, now()))
}

#[tauri::command]
pub fn region_entries(
    state: State<'_, AppState>,
    region: String,
    side: String,
) -> Result<Vec<SorenessEntry>> {
    state.with(|db| db.recent_entries(&region, &side, 20))
}

#[tauri::command]
pub fn trends(state: State<'_, AppState>, from: String, to: String) -> Result<TrendsOverview> {
    state.with(|db| db.trends(&from, &to, now()))
}

#[tauri::command]
pub fn trend(
    state: State<'_, AppState>,
    region: String,
    side: String,
    from: String,
    to: String,
) -> Result<TrendSeries> {
    state.with(|db| db.trend(&region, &side, &from, &to, now()))
}

#[tauri::command]
pub fn heatmap(state: State<'_, AppState>, date: String) -> Result<Vec<DayCell>> {
    state.with(|db| db.heatmap(&date))
}

/// A path chosen in the system dialog; an empty one is refused by name.
fn chosen(path: &str) -> Result<PathBuf> {
    if path.trim().is_empty() {
        return Err(Error::invalid("file", "no file was chosen."));
    }
    Ok(PathBuf::from(path))
}

// Exports, imports and backups can take seconds: they run off the main thread so the window
// stays responsive.

#[tauri::command]
pub async fn export_json(state: State<'_, AppState>, path: String) -> Result<ExportSummary> {
    let path = chosen(&path)?;
    state.with(|db| db.export_json(&path, now()))
}

#[tauri::command]
pub async fn export_csv(
    state: State<'_, AppState>,
    kind: String,
    path: String,
) -> Result<ExportSummary> {
    let path = chosen(&path)?;
    state.with(|db| db.export_csv(&kind, &path, now()))
}

#[tauri::command]
pub async fn preview_import(state: State<'_, AppState>, path: String) -> Result<ImportPreview> {
    let path = chosen(&path)?;
    state.with(|db| {
        let checked = db.read_import(&path, now())?;
        db.preview_import(&checked)
    })
}

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
    state.with(|db| {
        let checked = db.read_import(&path, now())?;
        db.apply_import_with(&checked, now(), &mut |done, total| {
            let _ = on_progress.send(Progress { done, total });
        })
    })
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, path: String) -> Result<String> {
    let path = chosen(&path)?;
    state.with(|db| db.backup_to(&path).map(|()| path.display().to_string()))
}

#[tauri::command]
pub fn backups(state: State<'_, AppState>) -> Result<Vec<String>> {
    state.with(|db| db.backups())
}

#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String) -> Result<String> {
    let path = chosen(&path)?;
    state.with(|db| {
        db.restore_from(&path, now())
            .map(|saved| saved.display().to_string())
    })
}
