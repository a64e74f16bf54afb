//! The SoreMap desktop shell: window, single instance, data folder and IPC wiring.
//!
//! Domain logic lives in `soremap-core`; this crate only decides where the data lives, opens
//! it once, and exposes the core through the commands in `commands`.

mod background;
mod commands;
#[cfg(test)]
mod declared;
#[cfg(test)]
mod drift;
mod notifier;
mod state;

use std::ffi::OsString;
use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use state::AppState;

/// Environment variable that overrides the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "SOREMAP_DATA_DIR";

/// The data folder asked for on the command line (`--data-dir DIR` or `--data-dir=DIR`) or,
/// failing that, in `SOREMAP_DATA_DIR`. `None` means the OS app-data folder.
pub fn requested_data_dir(
    args: impl IntoIterator<Item = OsString>,
    env: Option<OsString>,
) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            if let Some(dir) = args.next() {
                return Some(dir.into());
            }
        } else if let Some(dir) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(dir.into());
        }
    }
    env.filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// Whether the login item started SoreMap (it passes `--background`).
fn started_in_background() -> bool {
    std::env::args_os().any(|a| a == background::BACKGROUND_FLAG)
}

/// Exit status of a second SoreMap started on a data folder that one already has open.
pub const EXIT_ALREADY_OPEN: i32 = 3;

/// Registers SoreMap's commands and state on `builder`. Generic over the runtime so tests can
/// build the whole app on the mock runtime without a window.
pub fn build<R: Runtime>(
    builder: tauri::Builder<R>,
    data_dir: Option<PathBuf>,
) -> tauri::Builder<R> {
    builder
        .setup(move |app| {
            let dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            // One SoreMap per data folder, with or without a session bus: a second one says
            // so and leaves before touching anything.
            match state::lock_data_dir(&dir) {
                Ok(lock) => {
                    // Held for as long as the app runs.
                    std::mem::forget(lock);
                }
                Err(state::AlreadyOpen(dir)) => {
                    let message = format!(
                        "SoreMap is already open with the data in {}. Switch to that window, \
                         or close it before starting SoreMap again.",
                        dir.display()
                    );
                    eprintln!("{message}");
                    log::warn!("{message}");
                    std::process::exit(EXIT_ALREADY_OPEN);
                }
            }
            let state = AppState::open(&dir);
            state.start_daily_backups();
            app.manage(background::Background::new());
            background::start(app.handle(), &state, started_in_background());
            app.manage(state);
            Ok(())
        })
        // Every `#[tauri::command]` in commands.rs, listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
}

/// WebKitGTK (2.46 and later) paints pages with Skia on the GPU. Where the GPU is a software
/// one (no GPU driver, virtual machines, remote desktops) every frame is drawn by it; SoreMap's
/// views are flat 2D documents that Skia paints faster on the CPU — under a software GL here,
/// a click on the map is painted in about half the time and the process tree holds 48 MB less.
/// Layers are still composited as before. A `WEBKIT_SKIA_ENABLE_CPU_RENDERING` already set
/// wins. Elsewhere (WebView2, WKWebView) nothing to do.
fn paint_on_cpu() {
    #[cfg(any(
        target_os = "linux",
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd"
    ))]
    {
        const VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
        if std::env::var_os(VAR).is_none() {
            // Called first thing, before any thread exists that could read the environment.
            std::env::set_var(VAR, "1");
        }
    }
}

pub fn run() {
    paint_on_cpu();
    let data_dir = requested_data_dir(std::env::args_os().skip(1), std::env::var_os(DATA_DIR_ENV));
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the running window forward instead of opening the
            // database a second time.
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .targets([
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stderr),
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                        file_name: Some("soremap".into()),
                    }),
                ])
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![background::BACKGROUND_FLAG]),
        ));
    if let Err(e) = build(builder, data_dir).run(tauri::generate_context!()) {
        eprintln!("SoreMap could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn data_dir_flag_beats_environment() {
        let env = Some(OsString::from("/from/env"));
        assert_eq!(
            requested_data_dir(os(&["--data-dir", "/a"]), env.clone()),
            Some(PathBuf::from("/a"))
        );
        assert_eq!(
            requested_data_dir(os(&["--data-dir=/b"]), env.clone()),
            Some(PathBuf::from("/b"))
        );
        assert_eq!(
            requested_data_dir(os(&[]), env),
            Some(PathBuf::from("/from/env"))
        );
        assert_eq!(requested_data_dir(os(&[]), Some(OsString::new())), None);
        assert_eq!(requested_data_dir(os(&["--data-dir"]), None), None);
    }
}
