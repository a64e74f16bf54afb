//! The app's database handles, shared by all commands, and the lock on the data folder.
//!
//! One connection writes; two more only read. SQLite's WAL mode lets the readers see the last
//! committed state while the writer works, so a long import never blocks a click on the map.
//! Every command runs on a blocking worker thread, never on the window's main thread, and a
//! panic inside one becomes an `internal` error for the window and a log line, not a dead
//! window.
//!
//! If the database cannot be opened (a newer schema, a damaged file, an unwritable folder),
//! the window still opens, every command answers with that error, and restoring a backup
//! stays possible.

use std::fs::File;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use soremap_core::{Database, Error, Result};

/// The lock file inside the data folder: held while SoreMap has the folder open.
pub const LOCK_FILE: &str = "soremap.lock";

/// Read connections: enough that a slow read (a ten-year trend) leaves one free for a click.
const READERS: usize = 2;

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    data_dir: PathBuf,
    writer: Mutex<Result<Database>>,
    readers: Vec<Mutex<Option<Database>>>,
}

/// Another SoreMap holds the data folder.
#[derive(Debug)]
pub struct AlreadyOpen(pub PathBuf);

/// Takes the data folder's lock, or says who has it. The returned file holds the lock until
/// the process ends.
pub fn lock_data_dir(data_dir: &Path) -> std::result::Result<Option<File>, AlreadyOpen> {
    if std::fs::create_dir_all(data_dir).is_err() {
        // Opening the database will name the problem.
        return Ok(None);
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(data_dir.join(LOCK_FILE))
    else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(AlreadyOpen(data_dir.to_owned())),
        // A file system without locks: go on, as SQLite's own locking still protects the file.
        Err(std::fs::TryLockError::Error(_)) => Ok(Some(file)),
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not lock the person out of their data: take the handle back.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` on a worker thread, turning a panic into an error.
async fn off_main_thread<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let joined = tauri::async_runtime::spawn_blocking(move || {
        std::panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            log::error!("{what} panicked: {message}");
            Err(Error::Internal(format!("{what} failed unexpectedly")))
        })
    })
    .await;
    joined.unwrap_or_else(|e| {
        log::error!("{what} did not finish: {e}");
        Err(Error::Internal(format!("{what} did not finish")))
    })
}

impl AppState {
    /// Opens the database in `data_dir` and its read connections.
    pub fn open(data_dir: &Path) -> Self {
        let db = Database::open_in_dir(data_dir);
        if let Err(e) = &db {
            log::error!("the database cannot be opened: {e}");
        }
        let readers = (0..READERS)
            .map(|_| Mutex::new(db.as_ref().ok().and_then(|db| db.reader().ok())))
            .collect();
        AppState {
            inner: Arc::new(Inner {
                data_dir: data_dir.to_owned(),
                writer: Mutex::new(db),
                readers,
            }),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// Takes the day's automatic backup on a thread of its own, now and then every hour, so
    /// a large database never delays the window and an app left open for days still gets
    /// one a day.
    pub fn start_daily_backups(&self) {
        let snapshotter = match self.with_writer(|db| db.snapshotter()) {
            Ok(db) => db,
            Err(e) => {
                log::warn!("no daily backups: {e}");
                return;
            }
        };
        let spawned = std::thread::Builder::new()
            .name("daily-backup".into())
            .spawn(move || loop {
                let result = snapshotter.daily_backup(chrono::Local::now().naive_local());
                if let Err(e) = result {
                    // A failed snapshot must not keep the person from their data.
                    log::warn!("the daily backup failed: {e}");
                }
                std::thread::sleep(Duration::from_secs(3600));
            });
        if let Err(e) = spawned {
            log::warn!("the daily backup could not start: {e}");
        }
    }

    fn with_writer<T>(&self, f: impl FnOnce(&mut Database) -> Result<T>) -> Result<T> {
        let mut guard = lock(&self.inner.writer);
        match &mut *guard {
            Ok(db) => f(db),
            Err(e) => Err(Error::Unavailable(e.to_payload())),
        }
    }

    fn with_reader<T>(&self, f: impl FnOnce(&Database) -> Result<T>) -> Result<T> {
        let readers = &self.inner.readers;
        let guard = readers
            .iter()
            .find_map(|m| m.try_lock().ok())
            .unwrap_or_else(|| lock(&readers[0]));
        match &*guard {
            Some(db) => f(db),
            None => {
                drop(guard);
                // No read connection (the database is unavailable, or one could not be
                // opened): the writer answers, or says why there is no database.
                self.with_writer(|db| f(db))
            }
        }
    }

    /// Runs a read on the calling thread, for the app's own background threads (never a
    /// command: those must not block).
    pub fn read_blocking<T>(&self, f: impl FnOnce(&Database) -> Result<T>) -> Result<T> {
        self.with_reader(f)
    }

    /// Runs a write on the calling thread, for the app's own background threads.
    pub fn write_blocking<T>(&self, f: impl FnOnce(&mut Database) -> Result<T>) -> Result<T> {
        self.with_writer(f)
    }

    /// Runs a read on a worker thread with a read connection.
    pub async fn read<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce(&Database) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let state = self.clone();
        off_main_thread(what, move || state.with_reader(f)).await
    }

    /// Runs work that needs no database (only files in the data folder) on a worker thread.
    pub async fn read_files<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        off_main_thread(what, f).await
    }

    /// Runs a write on a worker thread with the one writing connection.
    pub async fn write<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce(&mut Database) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let state = self.clone();
        off_main_thread(what, move || state.with_writer(f)).await
    }

    /// Runs `f` with the writer whether or not the database opened (restoring a backup is
    /// how a person gets out of a damaged or too-new database), then reopens everything.
    pub async fn replace_data<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce(&Path, Option<&mut Database>) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let state = self.clone();
        off_main_thread(what, move || {
            let inner = &state.inner;
            let mut writer = lock(&inner.writer);
            let mut readers: Vec<_> = inner.readers.iter().map(lock).collect();
            let value = f(&inner.data_dir, writer.as_mut().ok())?;
            if writer.is_err() {
                log::info!("reopening the data after a restore");
                for r in readers.iter_mut() {
                    **r = None;
                }
                *writer = Database::open_in_dir(&inner.data_dir);
                for r in readers.iter_mut() {
                    **r = writer.as_ref().ok().and_then(|db| db.reader().ok());
                }
            }
            Ok(value)
        })
        .await
    }
}
