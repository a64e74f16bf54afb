/// Every command the app exposes. Tauri generates an allow/deny permission for each, and
/// `src-tauri/capabilities/main.json` grants the window exactly these.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_regions",
    "region_detail",
    "search",
    "settings",
    "set_health",
    "log_options",
    "log_soreness",
    "update_soreness",
    "delete_soreness",
    "restore_soreness",
    "same_as_yesterday",
    "log_workout",
    "delete_workout",
    "log_treatment",
    "day",
    "episode",
    "episodes",
    "acknowledge_flag",
    "region_entries",
    "trends",
    "trend",
    "heatmap",
    "calendar",
    "insights",
    "save_report",
    "routine",
    "export_json",
    "export_csv",
    "preview_import",
    "apply_import",
    "backup_now",
    "backups",
    "restore_backup",
    "reminder_settings",
    "set_reminder_settings",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS))
            .capabilities_path_pattern("src-tauri/capabilities/**/*"),
    )
    .expect("tauri build configuration");
}
