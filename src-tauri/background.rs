//! Running in the background, all of it off until the person turns it on in Settings:
//! reminders shown as desktop notifications, a tray icon that keeps SoreMap running when its
//! window is closed, and starting at login.
//!
//! What is due is decided by the core (`Database::due_reminders`, tested with a fixed clock);
//! this module only asks it once a minute (and at once when the settings change), shows what
//! comes back, records each one as sent, and opens the right view when a notification is
//! clicked.
//!
//! Notifications go through `crate::notifier` rather than tauri-plugin-notification, whose
//! desktop side gives no way to hear a click, and a check-in is only useful if clicking it
//! opens the area's log form.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use soremap_core::reminders::{Reminder, ReminderKind, ReminderSettings};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager, Runtime, WindowEvent};

use crate::notifier::{Note, Notifier};
use crate::state::AppState;

/// How often due reminders are looked for while SoreMap runs.
const TICK: Duration = Duration::from_secs(60);
/// The event the window hears when a reminder is clicked.
pub const OPEN_EVENT: &str = "reminder-open";
/// The command-line flag the login item starts SoreMap with.
pub const BACKGROUND_FLAG: &str = "--background";
const TRAY_ID: &str = "soremap";

/// What a clicked reminder opens: a region-side's log form, or Today.
#[derive(Debug, Clone, Serialize)]
pub struct OpenRequest {
    pub region: Option<String>,
    pub side: Option<String>,
}

/// The background's state, managed by the app.
pub struct Background {
    /// Wakes the reminder thread (settings changed).
    wake: Mutex<Option<mpsc::Sender<()>>>,
    /// Closing the window hides it to the tray instead of quitting.
    close_to_tray: AtomicBool,
}

impl Background {
    pub fn new() -> Self {
        Background {
            wake: Mutex::new(None),
            close_to_tray: AtomicBool::new(false),
        }
    }

    fn wake(&self) {
        if let Some(tx) = self.wake.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            let _ = tx.send(());
        }
    }
}

impl Default for Background {
    fn default() -> Self {
        Self::new()
    }
}

/// Sets everything up at start: the stored settings are applied (tray, login item), closing
/// the window follows the tray setting, and the reminder thread starts.
pub fn start<R: Runtime>(app: &AppHandle<R>, state: &AppState, background_start: bool) {
    let settings = state
        .read_blocking(|db| db.reminder_settings())
        .unwrap_or_default();
    apply(app, &settings, false);
    if let Some(window) = app.get_webview_window("main") {
        let handle = app.clone();
        window.on_window_event(move |event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                let to_tray = handle
                    .try_state::<Background>()
                    .is_some_and(|b| b.close_to_tray.load(Ordering::SeqCst));
                if to_tray {
                    api.prevent_close();
                    if let Some(w) = handle.get_webview_window("main") {
                        let _ = w.hide();
                    }
                }
            }
        });
        // Started at login: stay in the tray if there is one, else start minimised.
        if background_start {
            let _ = if settings.tray {
                window.hide()
            } else {
                window.minimize()
            };
        }
    }
    start_reminders(app.clone(), state.clone());
}

/// Applies saved settings: the tray icon and close-to-tray, and (when `login_item` is set,
/// i.e. the person changed it) the login item; then looks for due reminders at once.
pub fn apply<R: Runtime>(app: &AppHandle<R>, settings: &ReminderSettings, login_item: bool) {
    if let Some(bg) = app.try_state::<Background>() {
        bg.close_to_tray.store(settings.tray, Ordering::SeqCst);
        bg.wake();
    }
    set_tray(app, settings.tray);
    if login_item {
        set_login_item(app, settings.autostart);
    }
}

fn set_tray<R: Runtime>(app: &AppHandle<R>, on: bool) {
    let existing = app.tray_by_id(TRAY_ID);
    match (on, existing) {
        (true, None) => {
            if let Err(e) = build_tray(app) {
                log::warn!("the tray icon could not be made: {e}");
            }
        }
        (false, Some(_)) => {
            let _ = app.remove_tray_by_id(TRAY_ID);
        }
        _ => {}
    }
}

fn build_tray<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<TrayIcon<R>> {
    let open = MenuItem::with_id(app, "open", "Open SoreMap", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit SoreMap", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &quit])?;
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("SoreMap")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => show_window(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_window(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)
}

fn set_login_item<R: Runtime>(app: &AppHandle<R>, on: bool) {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let result = if on {
        launcher.enable()
    } else {
        launcher.disable()
    };
    if let Err(e) = result {
        log::warn!("the login item could not be changed: {e}");
    }
}

/// Brings the window back from the tray, the task bar or behind other windows.
pub fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The reminder thread: looks for due reminders every minute, or at once when woken.
fn start_reminders<R: Runtime>(app: AppHandle<R>, state: AppState) {
    let (tx, rx) = mpsc::channel();
    if let Some(bg) = app.try_state::<Background>() {
        *bg.wake.lock().unwrap_or_else(|p| p.into_inner()) = Some(tx);
    }
    let spawned = std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || {
            let mut sender = Sender::default();
            loop {
                sender.send_due(&app, &state);
                match rx.recv_timeout(TICK) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        });
    if let Err(e) = spawned {
        log::warn!("reminders could not start: {e}");
    }
}

/// What the reminder thread keeps between rounds.
#[derive(Default)]
struct Sender {
    /// Connected when the first reminder is due, so SoreMap with reminders off never talks
    /// to the notification service.
    notifier: Option<Notifier<OpenRequest>>,
    /// Keys that could not be shown and the last error, so a missing notification service
    /// or an unavailable database is logged once, not every minute.
    failed: HashSet<String>,
    last_error: Option<String>,
}

impl Sender {
    fn send_due<R: Runtime>(&mut self, app: &AppHandle<R>, state: &AppState) {
        let now = chrono::Local::now().naive_local();
        let due = match state.read_blocking(|db| db.due_reminders(now)) {
            Ok(due) => due,
            Err(e) => return self.log_once(e.to_string()),
        };
        if due.is_empty() {
            self.last_error = None;
            return;
        }
        let notifier = match self.notifier.take() {
            Some(n) => n,
            None => {
                let app = app.clone();
                match Notifier::connect(move |request| open(&app, &request)) {
                    Ok(n) => n,
                    Err(e) => return self.log_once(e.to_string()),
                }
            }
        };
        self.last_error = None;
        for reminder in due {
            match notifier.show("SoreMap", note(&reminder)) {
                Ok(()) => {
                    if let Err(e) =
                        state.write_blocking(|db| db.mark_reminder_sent(&reminder.key, now))
                    {
                        log::warn!("reminder {} shown but not recorded: {e}", reminder.key);
                    }
                }
                Err(e) => {
                    if self.failed.insert(reminder.key.clone()) {
                        log::warn!("reminder {} could not be shown: {e}", reminder.key);
                    }
                }
            }
        }
        self.notifier = Some(notifier);
    }

    fn log_once(&mut self, text: String) {
        if self.last_error.as_deref() != Some(text.as_str()) {
            log::warn!("reminders: {text}");
            self.last_error = Some(text);
        }
    }
}

/// A reminder as a notification; a click on it (or on its "Log now" button) opens the
/// region-side's log form, or Today for the daily reminder.
fn note(reminder: &Reminder) -> Note<OpenRequest> {
    Note {
        summary: reminder.title.clone(),
        body: reminder.body.clone(),
        action: "Log now".into(),
        on_click: OpenRequest {
            region: match reminder.kind {
                ReminderKind::Checkin => reminder.region.clone(),
                ReminderKind::Daily => None,
            },
            side: reminder.side.map(|s| s.as_str().to_owned()),
        },
    }
}

fn open<R: Runtime>(app: &AppHandle<R>, request: &OpenRequest) {
    show_window(app);
    if let Err(e) = app.emit_to("main", OPEN_EVENT, request) {
        log::warn!("a clicked reminder could not open its view: {e}");
    }
}
