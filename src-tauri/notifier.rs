//! Desktop notifications that can be clicked.
//!
//! On Linux and the BSDs a notification is a call to the desktop's notification service
//! (`org.freedesktop.Notifications` on the session bus), and a click comes back as its
//! `ActionInvoked` signal. The listener for that signal is subscribed once, before the first
//! notification is shown, and the notification's id is recorded under the same lock the
//! listener takes, so a click that arrives as fast as the service can send it is still heard.
//!
//! On macOS and Windows, `notify-rust` shows the notification and the system brings the app
//! forward on a click by itself.

use std::fmt;

/// One notification: what it says and what a click on it should do.
pub struct Note<T> {
    pub summary: String,
    pub body: String,
    /// The label of the default action ("Log now"); services that draw actions show it.
    pub action: String,
    pub on_click: T,
}

/// Why a notification could not be shown.
#[derive(Debug)]
pub struct NotifyError(String);

impl fmt::Display for NotifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotifyError {}

#[cfg(all(unix, not(target_os = "macos")))]
pub use freedesktop::Notifier;

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub use system::Notifier;

#[cfg(all(unix, not(target_os = "macos")))]
mod freedesktop {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, MutexGuard};

    use zbus::blocking::{Connection, Proxy};
    use zbus::zvariant::Value;

    use super::{Note, NotifyError};

    const NAME: &str = "org.freedesktop.Notifications";
    const PATH: &str = "/org/freedesktop/Notifications";
    /// The action a click on the notification's body invokes.
    const DEFAULT_ACTION: &str = "default";

    type Pending<T> = Arc<Mutex<HashMap<u32, T>>>;

    fn lock<T>(pending: &Pending<T>) -> MutexGuard<'_, HashMap<u32, T>> {
        pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn failed(e: impl std::fmt::Display) -> NotifyError {
        NotifyError(format!("the desktop's notification service: {e}"))
    }

    /// The connection to the notification service, and what each shown notification opens.
    pub struct Notifier<T: Send + 'static> {
        proxy: Proxy<'static>,
        pending: Pending<T>,
    }

    impl<T: Send + 'static> Notifier<T> {
        /// Connects to the session bus and starts listening for clicks; `on_click` runs on
        /// the listening thread with what the clicked notification was shown with.
        pub fn connect(on_click: impl Fn(T) + Send + 'static) -> Result<Self, NotifyError> {
            let connection = Connection::session().map_err(failed)?;
            let proxy = Proxy::new(&connection, NAME, PATH, NAME).map_err(failed)?;
            let pending: Pending<T> = Arc::default();

            let clicks = proxy.receive_signal("ActionInvoked").map_err(failed)?;
            let heard = pending.clone();
            std::thread::Builder::new()
                .name("notification-clicks".into())
                .spawn(move || {
                    for signal in clicks {
                        let Ok((id, action)) = signal.body().deserialize::<(u32, String)>() else {
                            continue;
                        };
                        if action != DEFAULT_ACTION {
                            continue;
                        }
                        // Taken out first: a notification opens its view once.
                        let clicked = lock(&heard).remove(&id);
                        if let Some(what) = clicked {
                            on_click(what);
                        }
                    }
                })
                .map_err(failed)?;

            let closes = proxy.receive_signal("NotificationClosed").map_err(failed)?;
            let forgotten = pending.clone();
            std::thread::Builder::new()
                .name("notification-closes".into())
                .spawn(move || {
                    for signal in closes {
                        if let Ok((id, _reason)) = signal.body().deserialize::<(u32, u32)>() {
                            lock(&forgotten).remove(&id);
                        }
                    }
                })
                .map_err(failed)?;

            Ok(Notifier { proxy, pending })
        }

        /// Shows `note`; a click on it later runs `on_click` with `note.on_click`.
        pub fn show(&self, app_name: &str, note: Note<T>) -> Result<(), NotifyError> {
            // Held until the id is recorded: a click signal that arrives before `Notify`
            // returns waits here for it instead of finding nothing.
            let mut pending = lock(&self.pending);
            let hints: HashMap<&str, Value<'_>> = HashMap::new();
            let id: u32 = self
                .proxy
                .call(
                    "Notify",
                    &(
                        app_name,
                        0u32,
                        "",
                        note.summary.as_str(),
                        note.body.as_str(),
                        vec![DEFAULT_ACTION, note.action.as_str()],
                        hints,
                        -1i32,
                    ),
                )
                .map_err(failed)?;
            pending.insert(id, note.on_click);
            Ok(())
        }
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
mod system {
    use std::marker::PhantomData;

    use super::{Note, NotifyError};

    /// Shows notifications through the system; a click brings the app forward.
    pub struct Notifier<T: Send + 'static>(PhantomData<fn(T)>);

    impl<T: Send + 'static> Notifier<T> {
        pub fn connect(_on_click: impl Fn(T) + Send + 'static) -> Result<Self, NotifyError> {
            Ok(Notifier(PhantomData))
        }

        pub fn show(&self, app_name: &str, note: Note<T>) -> Result<(), NotifyError> {
            notify_rust::Notification::new()
                .appname(app_name)
                .summary(&note.summary)
                .body(&note.body)
                .show()
                .map(drop)
                .map_err(|e| NotifyError(e.to_string()))
        }
    }
}
