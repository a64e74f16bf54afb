//! The app's one database handle, shared by all commands.
//!
//! If the database cannot be opened (a newer schema, an unwritable folder), the window still
//! opens and every command answers with that error, so the person reads what went wrong
//! instead of facing a window that never appears.

use std::path::Path;
use std::sync::Mutex;

use soremap_core::{Database, Error, Result};

pub struct AppState {
    db: Mutex<Result<Database>>,
}

impl AppState {
    /// Opens the database and takes the day's automatic backup if there is none yet.
    pub fn open(data_dir: &Path) -> Self {
        let db = Database::open_in_dir(data_dir);
        if let Ok(db) = &db {
            if let Err(e) = db.daily_backup(chrono::Local::now().naive_local()) {
                // A failed snapshot must not keep the person from their data.
                eprintln!("SoreMap: the daily backup failed: {e}");
            }
        }
        AppState { db: Mutex::new(db) }
    }

    /// Runs `f` with the database, or returns why there is none.
    pub fn with<T>(&self, f: impl FnOnce(&mut Database) -> Result<T>) -> Result<T> {
        // A panic elsewhere must not lock the person out of their data: take the handle back.
        let mut guard = self
            .db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match &mut *guard {
            Ok(db) => f(db),
            Err(e) => Err(Error::Unavailable(e.to_payload())),
        }
    }
}
