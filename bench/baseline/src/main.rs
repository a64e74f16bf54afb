//! The smallest Tauri app SoreMap can be compared with: the same Tauri and features, a window
//! of the same size under the same Content-Security-Policy, a page with one element, and
//! nothing else — no plugins, no commands, no tray. `scripts/bench-app.sh` builds it beside
//! SoreMap and reports SoreMap's start time, memory and binary size as ratios to it.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the baseline window opens");
}
