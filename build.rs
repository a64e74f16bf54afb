fn main() {
    let app_commands =
        tauri_build::AppManifest::new().commands(&["app_info", "list_regions", "region_detail"]);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(app_commands)
            .capabilities_path_pattern("src-tauri/capabilities/**/*"),
    )
    .expect("tauri build configuration");
}
