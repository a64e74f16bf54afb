//! A desktop notification server for tests: it takes the well-known name
//! `org.freedesktop.Notifications` on the session bus, records every notification the app
//! sends, and can click one (emit `ActionInvoked`) the way a person's click on a notification
//! bubble does. Run the tests inside `dbus-run-session` so they have a bus of their own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::blocking::connection;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

const PATH: &str = "/org/freedesktop/Notifications";
const INTERFACE: &str = "org.freedesktop.Notifications";

/// One notification as the app sent it.
#[derive(Debug, Clone)]
pub struct Sent {
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    /// Action keys and labels, in pairs as on the bus.
    pub actions: Vec<String>,
}

struct Server {
    sent: Arc<Mutex<Vec<Sent>>>,
    next: AtomicU32,
    /// Notifications whose summary contains this are clicked as they arrive.
    click_at_once: Arc<Mutex<Option<String>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    /// Records the notification. One to be clicked at once gets its `ActionInvoked` before
    /// the reply to `Notify`: the fastest click a service can report.
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &self,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Sent {
                id,
                app_name,
                summary: summary.clone(),
                body,
                actions,
            });
        let at_once = self
            .click_at_once
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .is_some_and(|needle| summary.contains(needle.as_str()));
        if at_once {
            let _ = emitter
                .emit(INTERFACE, "ActionInvoked", &(id, "default"))
                .await;
        }
        id
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "soremap-test-notifications".into(),
            "SoreMap tests".into(),
            "1".into(),
            "1.2".into(),
        )
    }
}

/// The running recorder; it leaves the bus when dropped.
pub struct Recorder {
    connection: zbus::blocking::Connection,
    sent: Arc<Mutex<Vec<Sent>>>,
    click_at_once: Arc<Mutex<Option<String>>>,
}

impl Recorder {
    /// Takes the notification service's name on the session bus.
    pub fn start() -> zbus::Result<Recorder> {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let click_at_once = Arc::new(Mutex::new(None));
        let server = Server {
            sent: sent.clone(),
            next: AtomicU32::new(1),
            click_at_once: click_at_once.clone(),
        };
        let connection = connection::Builder::session()?
            .name(INTERFACE)?
            .serve_at(PATH, server)?
            .build()?;
        Ok(Recorder {
            connection,
            sent,
            click_at_once,
        })
    }

    /// Everything sent so far.
    pub fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Waits until a notification whose summary contains `needle` has been sent.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> Result<Sent, String> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Some(found) = self.sent().into_iter().find(|n| n.summary.contains(needle)) {
                return Ok(found);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "no notification with {needle:?} within {timeout:?}; sent: {:?}",
            self.sent()
        ))
    }

    /// From now on, a notification whose summary contains `needle` is clicked the moment it
    /// arrives, before the app hears back that it was shown.
    pub fn click_on_arrival(&self, needle: &str) {
        *self.click_at_once.lock().unwrap_or_else(|p| p.into_inner()) = Some(needle.to_owned());
    }

    /// Clicks a notification: the server says its default action was invoked.
    pub fn click(&self, id: u32) -> zbus::Result<()> {
        self.connection.emit_signal(
            None::<()>,
            PATH,
            INTERFACE,
            "ActionInvoked",
            &(id, "default"),
        )
    }
}
