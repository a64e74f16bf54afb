//! The smallest Tauri app SoreMap can be compared with: the same Tauri and features, a window
//! of the same size under the same Content-Security-Policy, a page with one element, and
//! nothing else — no plugins, no commands, no tray. `scripts/bench-app.sh` builds it beside
//! SoreMap and reports SoreMap's start time, memory and binary size as ratios to it.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Pages painted the way SoreMap paints them (see `paint_on_cpu` in src-tauri/lib.rs).
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_SKIA_ENABLE_CPU_RENDERING").is_none() {
        std::env::set_var("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");
    }
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the baseline window opens");
}
