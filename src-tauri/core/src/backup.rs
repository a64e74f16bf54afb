//! Backups: consistent snapshots of the live database, never file copies.
//!
//! Snapshots are written with `VACUUM INTO`, which reads the database through SQLite and so is
//! consistent even while the app runs. Automatic snapshots go to `backups/` beside the
//! database: one before every schema migration and at most one a day, keeping the newest
//! `KEEP_DAILY` daily ones. Restoring copies a backup into the live database through the
//! SQLite backup API after saving the current state as a backup first.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};

use crate::db::{schema_version, Database};
use crate::error::{Error, Result};

/// Daily snapshots kept; older ones are removed.
pub const KEEP_DAILY: usize = 7;
/// Snapshots taken before migrations or restores that are kept.
pub const KEEP_OTHER: usize = 5;

pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// Writes a consistent snapshot of `conn` to `target`, which must not exist yet.
pub(crate) fn snapshot(conn: &Connection, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(Error::invalid(
            "backup file",
            format!("{} already exists; choose a new name.", target.display()),
        ));
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::DataDir {
            path: parent.to_owned(),
            source,
        })?;
    }
    let target_text = target
        .to_str()
        .ok_or_else(|| Error::invalid("backup file", "the path is not valid text."))?;
    conn.execute("VACUUM INTO ?1", [target_text])?;
    Ok(())
}

/// Removes the oldest snapshots whose names start with `prefix`, keeping `keep`.
fn prune(dir: &Path, prefix: &str, keep: usize) -> Result<()> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut names: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".sqlite3"))
        })
        .collect();
    names.sort();
    let excess = names.len().saturating_sub(keep);
    for old in &names[..excess] {
        let _ = std::fs::remove_file(old);
    }
    Ok(())
}

/// Snapshot of a database file about to be migrated from `from_version`, taken with its own
/// read-only connection before anything is written to it.
pub(crate) fn before_migration(
    db_path: &Path,
    from_version: i64,
    now: NaiveDateTime,
) -> Result<()> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let dir = backup_dir(db_path);
    let name = format!(
        "soremap-before-schema-{}-from-{from_version}-{}.sqlite3",
        schema_version(),
        now.format("%Y%m%d-%H%M%S")
    );
    snapshot(&conn, &dir.join(name))?;
    prune(&dir, "soremap-before-schema-", KEEP_OTHER)
}

impl Database {
    /// The daily snapshot: taken when there is none for today yet.
    pub fn daily_backup(&self, now: NaiveDateTime) -> Result<Option<PathBuf>> {
        let dir = backup_dir(self.path());
        let target = dir.join(format!("soremap-daily-{}.sqlite3", now.format("%Y-%m-%d")));
        if target.exists() {
            return Ok(None);
        }
        snapshot(&self.conn, &target)?;
        prune(&dir, "soremap-daily-", KEEP_DAILY)?;
        Ok(Some(target))
    }

    /// "Back up now" to a file the person chose.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        snapshot(&self.conn, target)
    }

    /// The automatic backups, newest first.
    pub fn backups(&self) -> Result<Vec<String>> {
        let dir = backup_dir(self.path());
        let Ok(read) = std::fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out: Vec<String> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sqlite3"))
            .map(|p| p.display().to_string())
            .collect();
        out.sort();
        out.reverse();
        Ok(out)
    }

    /// Replaces the data with a backup's, after saving the current data as a backup.
    /// Returns where the current data was saved.
    pub fn restore_from(&mut self, source: &Path, now: NaiveDateTime) -> Result<PathBuf> {
        let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| Error::invalid("backup file", format!("cannot open it: {e}.")))?;
        let version: i64 = src
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|_| Error::invalid("backup file", "it is not a SoreMap database."))?;
        let has_log: bool = src
            .query_row(
                "SELECT count(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('settings', 'catalogue_meta')",
                [],
                |r| r.get(0),
            )
            .unwrap_or(false);
        if !has_log || version < 1 {
            return Err(Error::invalid(
                "backup file",
                "it is not a SoreMap database.",
            ));
        }
        if version > schema_version() {
            return Err(Error::DatabaseTooNew {
                path: source.to_owned(),
                found: version,
                supported: schema_version(),
            });
        }
        let check: String = src.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::invalid(
                "backup file",
                format!("it is damaged ({check})."),
            ));
        }
        let saved = backup_dir(self.path()).join(format!(
            "soremap-before-restore-{}.sqlite3",
            now.format("%Y%m%d-%H%M%S")
        ));
        snapshot(&self.conn, &saved)?;
        prune(
            &backup_dir(self.path()),
            "soremap-before-restore-",
            KEEP_OTHER,
        )?;
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut self.conn)?;
            backup.run_to_completion(256, Duration::from_millis(0), None)?;
        }
        self.after_restore()?;
        Ok(saved)
    }
}
