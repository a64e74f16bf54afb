//! Tauri commands: thin adapters from IPC calls to the domain core.
//!
//! Each command takes its arguments, calls one core function and returns its result; arguments
//! arrive as plain strings and are validated by the core, so a bad value becomes an `Error`
//! with a clear message rather than a panic.

use soremap_core::model::{AppInfo, Region, RegionDetail, SearchResults, Settings};
use soremap_core::Result;
use tauri::State;

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
