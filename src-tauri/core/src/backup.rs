//! Backups: consistent snapshots of the live database, never file copies, and restoring them.
//!
//! Snapshots are written with `VACUUM INTO`, which reads the database through SQLite and so is
//! consistent even while the app runs. Every file this module writes goes to a uniquely named
//! temporary file first, is synced and then renamed, so a failure (a full disk) never leaves
//! half a backup under a real name. Automatic snapshots go to `backups/` beside the database:
//! one before every schema migration, at most one a day (the newest `KEEP_DAILY` kept), one
//! before every restore and, when a damaged database is replaced, the damaged file itself.
//!
//! Restoring never trusts the chosen file. It is checked (schema version, every table and
//! column, `integrity_check`), copied into a staging folder inside the data folder, upgraded
//! and given the shipped catalogue there, and every row is checked as an import checks it.
//! Only then is the current data saved and the staged copy copied in with the SQLite backup
//! API, in one step; if anything fails after that, the saved data is copied back.
//!
//! This module must never delete the person's data: snapshots taken before a restore and
//! set-aside damaged files are never pruned, and a file chosen to write to is refused when it
//! is the live database (or its `-wal`, `-shm`, `-journal`) or lies inside `backups/`.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::catalogue::Catalogue;
use crate::db::{migrations, schema_version, Database, DATABASE_FILE};
use crate::error::{Error, Result};
use crate::model::Side;
use crate::validate::{self, TIME_FORMAT};

/// Daily snapshots kept; older ones are removed.
pub const KEEP_DAILY: usize = 7;
/// Snapshots taken before schema migrations that are kept. Snapshots taken before a restore
/// are never removed.
pub const KEEP_BEFORE_MIGRATION: usize = 5;
/// How far after the clock a stored time in a restored file may lie (clock drift, time zones).
pub const RESTORE_FUTURE_TOLERANCE_HOURS: i64 = 48;

const DAILY: &str = "soremap-daily-";
const BEFORE_MIGRATION: &str = "soremap-before-schema-";
const BEFORE_RESTORE: &str = "soremap-before-restore-";
const SET_ASIDE: &str = "soremap-unusable-";
const EXTENSION: &str = ".sqlite3";
/// The files SQLite keeps beside a database.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

pub fn backup_dir(db_path: &Path) -> PathBuf {
    data_dir_of(db_path).join("backups")
}

fn data_dir_of(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

// ---------------------------------------------------------------------------------------------
// Files: private modes, atomic writes, protected paths.

/// Creates `dir` if needed (with its parents) and makes it private to the person (0700 on Unix).
pub(crate) fn private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|source| Error::DataDir {
        path: dir.to_owned(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Best effort: a folder the person does not own still works, only less private.
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Makes sure `path` exists and is private (0600 on Unix), creating it empty if missing.
pub(crate) fn private_file(path: &Path) -> Result<()> {
    match private_options().open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                if fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
                    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
                }
            }
            Ok(())
        }
        Err(e) => Err(Error::io("create", path, e)),
    }
}

fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Flushes a folder's entries (a rename) to disk. Not possible, nor needed, outside Unix.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A name no other writer uses, for a temporary file or folder inside `dir`.
fn temp_name(dir: &Path, what: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(
        ".soremap-{what}-{}-{nanos}-{n}",
        std::process::id()
    ))
}

/// Removes SoreMap's own temporary files or folders named `.soremap-{what}-…` in `dir` that a
/// crash left behind (older than an hour, so none still in use).
fn remove_stale(dir: &Path, what: &str) {
    let Ok(read) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".soremap-{what}-");
    for entry in read.filter_map(|e| e.ok()) {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if !old || !entry.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let path = entry.path();
        let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
    }
}

/// Writes `target` through a uniquely named temporary file beside it: `write` fills the file
/// (it gets the open file and its path), which is then synced, renamed over `target` and the
/// folder synced. On failure the temporary file is removed and `target` is untouched. The
/// file is private (0600 on Unix). `target` should come from `refuse_protected_target`.
pub fn atomic_write<T>(
    target: &Path,
    write: impl FnOnce(&mut File, &Path) -> Result<T>,
) -> Result<T> {
    let dir = data_dir_of(target);
    let (tmp, mut file) = {
        let mut attempt = 0;
        loop {
            let tmp = temp_name(&dir, "partial");
            match private_options().open(&tmp) {
                Ok(file) => break (tmp, file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(Error::io("write a file in", &dir, e)),
            }
        }
    };
    let result = write(&mut file, &tmp).and_then(|value| {
        file.sync_all().map_err(|e| Error::io("write", target, e))?;
        Ok(value)
    });
    drop(file);
    let value = match result {
        Ok(value) => value,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
    };
    if let Err(e) = fs::rename(&tmp, target) {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io("write", target, e));
    }
    sync_dir(&dir);
    Ok(value)
}

/// A path as SQLite must receive it to read it as a plain file name: SQLite is built to accept
/// `file:` URIs, so a relative path gets a `./` in front.
fn sqlite_name(path: &Path) -> Result<String> {
    let text = path
        .to_str()
        .ok_or_else(|| Error::invalid("file", format!("{} is not valid text.", path.display())))?;
    if path.is_absolute() {
        Ok(text.to_owned())
    } else {
        Ok(format!("./{text}"))
    }
}

fn looks_like_uri(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text.get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("file:"))
}

/// Checks that writing `target` cannot damage SoreMap's own files, whatever its spelling, and
/// returns the path to write: `target`'s real folder (symlinks and `..` resolved) joined with
/// its file name. Refused: the live database at `db_path` and its `-wal`, `-shm`, `-journal`;
/// anything inside the data folder's `backups/`; a symlink (even a dangling one) leading to one
/// of those; a folder; a folder that does not exist (none is created); a `file:` URI.
pub fn refuse_protected_target(db_path: &Path, target: &Path) -> Result<PathBuf> {
    let shown = target.to_string_lossy();
    if shown.trim().is_empty() {
        return Err(Error::invalid("file", "choose a file."));
    }
    if looks_like_uri(target) {
        return Err(Error::invalid(
            "file",
            format!(
                "{:?} looks like a \"file:\" address; choose a plain file name.",
                shorten(&shown)
            ),
        ));
    }
    let Some(name) = target.file_name() else {
        return Err(Error::invalid(
            "file",
            format!("{} names a folder, not a file.", target.display()),
        ));
    };
    let parent = data_dir_of(target);
    let dir = fs::canonicalize(&parent).map_err(|e| {
        Error::invalid(
            "file",
            format!("the folder {} cannot be used: {e}.", parent.display()),
        )
    })?;
    if !dir.is_dir() {
        return Err(Error::invalid(
            "file",
            format!("{} is not a folder.", parent.display()),
        ));
    }
    let resolved = dir.join(name);

    // Where a write would land: the path itself and, through symlinks, what they point to.
    let mut landings = vec![resolved.clone()];
    let mut current = resolved.clone();
    for _ in 0..40 {
        let Ok(meta) = fs::symlink_metadata(&current) else {
            break;
        };
        if meta.is_dir() {
            return Err(Error::invalid(
                "file",
                format!("{} is a folder; choose a file.", target.display()),
            ));
        }
        if !meta.file_type().is_symlink() {
            break;
        }
        let Ok(link) = fs::read_link(&current) else {
            break;
        };
        let next = data_dir_of(&current).join(link);
        let (Some(next_parent), Some(next_name)) = (next.parent(), next.file_name()) else {
            break;
        };
        let Ok(next_dir) = fs::canonicalize(next_parent) else {
            // The link leads into a folder that does not exist: nothing of ours is there.
            break;
        };
        current = next_dir.join(next_name);
        landings.push(current.clone());
    }

    let protected = Protected::of(db_path);
    for landing in &landings {
        if let Some(reason) = protected.reason(landing) {
            return Err(Error::ProtectedPath {
                path: target.to_owned(),
                reason,
            });
        }
    }
    #[cfg(unix)]
    {
        // The same file under another name (a hard link, another letter case).
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = fs::metadata(&resolved) {
            for live in protected.live_files() {
                if fs::metadata(&live).is_ok_and(|l| l.dev() == meta.dev() && l.ino() == meta.ino())
                {
                    return Err(Error::ProtectedPath {
                        path: target.to_owned(),
                        reason: "it is SoreMap's live database under another name.".into(),
                    });
                }
            }
        }
    }
    Ok(resolved)
}

/// SoreMap's own files, as real paths.
struct Protected {
    data_dir: PathBuf,
    db_name: String,
}

impl Protected {
    fn of(db_path: &Path) -> Self {
        let data_dir = data_dir_of(db_path);
        Protected {
            data_dir: fs::canonicalize(&data_dir).unwrap_or(data_dir),
            db_name: db_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| DATABASE_FILE.to_owned()),
        }
    }

    fn live_files(&self) -> Vec<PathBuf> {
        std::iter::once(String::new())
            .chain(COMPANIONS.iter().map(|s| (*s).to_owned()))
            .map(|suffix| self.data_dir.join(format!("{}{suffix}", self.db_name)))
            .collect()
    }

    /// Why writing `path` is refused, if it is. Compared without letter case, since the data
    /// folder may be on a file system that ignores it.
    fn reason(&self, path: &Path) -> Option<String> {
        let lower = |p: &Path| PathBuf::from(p.to_string_lossy().to_lowercase());
        let path = lower(path);
        if path == lower(&self.data_dir) {
            return Some("it is SoreMap's data folder.".into());
        }
        for (live, suffix) in self
            .live_files()
            .iter()
            .zip(["", "-wal", "-shm", "-journal"])
        {
            if path == lower(live) {
                return Some(if suffix.is_empty() {
                    "it is SoreMap's live database.".into()
                } else {
                    format!("it is part of SoreMap's live database (its {suffix} file).")
                });
            }
        }
        if path.starts_with(lower(&self.data_dir.join("backups"))) {
            return Some("it is inside SoreMap's automatic backups folder.".into());
        }
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots and the list of backups.

/// Writes a consistent snapshot of `conn` to `target` (replacing it if it exists).
pub(crate) fn snapshot(conn: &Connection, target: &Path) -> Result<()> {
    atomic_write(target, |_, tmp| {
        conn.execute("VACUUM INTO ?1", [sqlite_name(tmp)?])?;
        Ok(())
    })
}

/// `dir/stem.sqlite3`, or `dir/stem-2.sqlite3` and so on when that is taken.
fn unique_in(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}{EXTENSION}"));
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2u32..)
        .map(|n| dir.join(format!("{stem}-{n}{EXTENSION}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}

fn stamp(now: NaiveDateTime) -> String {
    now.format("%Y%m%d-%H%M%S").to_string()
}

/// The time written in a backup's name, and the number added when two share it.
fn order_key(name: &str) -> (Option<NaiveDateTime>, u32) {
    let stem = name.strip_suffix(EXTENSION).unwrap_or(name);
    let b = stem.as_bytes();
    let num = |s: &[u8]| -> Option<u32> {
        if s.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(s).ok()?.parse().ok()
        } else {
            None
        }
    };
    let tail = |end: usize| -> u32 {
        stem.get(end..)
            .and_then(|rest| rest.strip_prefix('-'))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    // YYYYMMDD-HHMMSS, the last one in the name.
    for i in (0..b.len().saturating_sub(14)).rev() {
        let w = &b[i..i + 15];
        if w[8] != b'-' {
            continue;
        }
        let parts = (
            num(&w[0..4]),
            num(&w[4..6]),
            num(&w[6..8]),
            num(&w[9..11]),
            num(&w[11..13]),
            num(&w[13..15]),
        );
        if let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) = parts {
            if let Some(t) =
                NaiveDate::from_ymd_opt(y as i32, mo, d).and_then(|d| d.and_hms_opt(h, mi, s))
            {
                return (Some(t), tail(i + 15));
            }
        }
    }
    // YYYY-MM-DD (daily snapshots).
    for i in (0..b.len().saturating_sub(9)).rev() {
        let w = &b[i..i + 10];
        if w[4] != b'-' || w[7] != b'-' {
            continue;
        }
        if let (Some(y), Some(mo), Some(d)) = (num(&w[0..4]), num(&w[5..7]), num(&w[8..10])) {
            if let Some(t) =
                NaiveDate::from_ymd_opt(y as i32, mo, d).and_then(|d| d.and_hms_opt(0, 0, 0))
            {
                return (Some(t), tail(i + 10));
            }
        }
    }
    (None, 0)
}

/// Backup files in `dir` (regular `*.sqlite3` files, not temporary ones), oldest first by the
/// time in their names.
fn backup_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, String)> = read
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            (name.ends_with(EXTENSION) && !name.starts_with('.')).then(|| (e.path(), name))
        })
        .collect();
    files.sort_by(|a, b| order_key(&a.1).cmp(&order_key(&b.1)).then(a.1.cmp(&b.1)));
    files
}

/// Removes the oldest snapshots whose names start with `prefix`, keeping `keep`.
fn prune(dir: &Path, prefix: &str, keep: usize) {
    let files: Vec<_> = backup_files(dir)
        .into_iter()
        .filter(|(_, name)| name.starts_with(prefix))
        .collect();
    let excess = files.len().saturating_sub(keep);
    for (old, _) in &files[..excess] {
        let _ = fs::remove_file(old);
    }
}

/// Whether a snapshot file is whole: the SQLite header is there and the file is as long as the
/// header says. A file cut short by a full disk is not.
fn looks_complete(path: &Path) -> bool {
    let mut header = [0u8; 100];
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    if f.read_exact(&mut header).is_err() || &header[..16] != b"SQLite format 3\0" {
        return false;
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    f.metadata()
        .is_ok_and(|m| pages > 0 && m.len() == page_size * pages)
}

/// Snapshot of a database file about to be migrated from `from_version`, taken with its own
/// read-only connection before anything is written to it.
pub(crate) fn before_migration(
    db_path: &Path,
    from_version: i64,
    now: NaiveDateTime,
) -> Result<()> {
    let conn =
        Connection::open_with_flags(sqlite_name(db_path)?, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let dir = backup_dir(db_path);
    private_dir(&dir)?;
    let target = unique_in(
        &dir,
        &format!(
            "{BEFORE_MIGRATION}{}-from-{from_version}-{}",
            schema_version(),
            stamp(now)
        ),
    );
    snapshot(&conn, &target)?;
    prune(&dir, BEFORE_MIGRATION, KEEP_BEFORE_MIGRATION);
    Ok(())
}

/// What kind of backup a file in `backups/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupKind {
    Daily,
    BeforeMigration,
    BeforeRestore,
    /// A database that could not be opened, set aside when a backup replaced it.
    SetAside,
    Other,
}

/// One file in the automatic backups folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub kind: BackupKind,
    /// When it was taken (`YYYY-MM-DDTHH:MM:SS`, local time), read from its name.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<String>,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The files in `data_dir/backups`, newest first. Needs no open database, so it works when the
/// database cannot be opened.
pub fn list_backups(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = data_dir.join("backups");
    let mut out: Vec<BackupInfo> = backup_files(&dir)
        .into_iter()
        .map(|(path, name)| {
            let kind = if name.starts_with(DAILY) {
                BackupKind::Daily
            } else if name.starts_with(BEFORE_MIGRATION) {
                BackupKind::BeforeMigration
            } else if name.starts_with(BEFORE_RESTORE) {
                BackupKind::BeforeRestore
            } else if name.starts_with(SET_ASIDE) {
                BackupKind::SetAside
            } else {
                BackupKind::Other
            };
            BackupInfo {
                bytes: fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
                path: path.display().to_string(),
                taken_at: order_key(&name).0.map(validate::format_time),
                file_name: name,
                kind,
            }
        })
        .collect();
    out.reverse();
    Ok(out)
}

impl Database {
    /// The daily snapshot: taken when there is no whole one for today yet. Cheap when there is,
    /// so it can be called again while the app stays open.
    pub fn daily_backup(&self, now: NaiveDateTime) -> Result<Option<PathBuf>> {
        let dir = backup_dir(self.path());
        let target = dir.join(format!("{DAILY}{}{EXTENSION}", now.format("%Y-%m-%d")));
        if looks_complete(&target) {
            return Ok(None);
        }
        private_dir(&dir)?;
        remove_stale(&dir, "partial");
        snapshot(&self.conn, &target)?;
        prune(&dir, DAILY, KEEP_DAILY);
        Ok(Some(target))
    }

    /// "Back up now" to a file the person chose in the save dialog (which asked before
    /// replacing an existing file). It must not be one of SoreMap's own files (see
    /// `refuse_protected_target`); an existing file is replaced whole, never half-written.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let resolved = refuse_protected_target(self.path(), target)?;
        snapshot(&self.conn, &resolved)
    }

    /// The automatic backups' paths, newest first.
    pub fn backups(&self) -> Result<Vec<String>> {
        Ok(list_backups(&data_dir_of(self.path()))?
            .into_iter()
            .map(|b| b.path)
            .collect())
    }
}

// ---------------------------------------------------------------------------------------------
// Restore.

/// What a restore did, worded for the person in `message`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub restored_from: String,
    /// Where the data from before the restore is kept: a snapshot, or the unusable database
    /// file moved aside. None when there was no database file.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_saved_to: Option<String>,
    /// The schema version of the restored file when it had to be upgraded.
    #[ts(optional, type = "number")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upgraded_from: Option<i64>,
    pub entries: u32,
    pub workouts: u32,
    pub treatments: u32,
    pub message: String,
}

/// Records in a checked copy (not counting deleted ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Counts {
    entries: u32,
    workouts: u32,
    treatments: u32,
}

impl Counts {
    fn of(conn: &Connection) -> Result<Self> {
        let count = |table: &str| -> Result<u32> {
            Ok(conn.query_row(
                &format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"),
                [],
                |r| r.get(0),
            )?)
        };
        Ok(Counts {
            entries: count("soreness_entries")?,
            workouts: count("workouts")?,
            treatments: count("treatments")?,
        })
    }

    fn words(&self) -> String {
        let n = |v: u32, one: &str, many: &str| format!("{v} {}", if v == 1 { one } else { many });
        format!(
            "{}, {}, {}",
            n(self.entries, "soreness entry", "soreness entries"),
            n(self.workouts, "workout", "workouts"),
            n(self.treatments, "treatment", "treatments")
        )
    }
}

/// A staging folder inside the data folder, removed with everything in it when dropped.
struct Staging {
    dir: PathBuf,
}

impl Staging {
    fn new(data_dir: &Path) -> Result<Self> {
        remove_stale(data_dir, "restore");
        let dir = temp_name(data_dir, "restore");
        fs::create_dir(&dir).map_err(|e| Error::io("prepare the restore in", data_dir, e))?;
        let staging = Staging { dir };
        private_dir(&staging.dir)?;
        Ok(staging)
    }

    fn db(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// A backup copied into the data folder, upgraded, given the shipped catalogue and checked.
struct Staged {
    staging: Staging,
    source: PathBuf,
    from_version: i64,
    counts: Counts,
}

fn not_a_backup(source: &Path, problem: impl Into<String>) -> Error {
    Error::NotABackup {
        path: source.to_owned(),
        problem: problem.into(),
    }
}

fn unchanged(problem: String) -> Error {
    Error::RestoreFailed {
        problem,
        outcome: "Nothing was changed.".into(),
    }
}

/// Checks `source` and prepares it for restoring into `data_dir`, changing nothing there but
/// a staging folder. `page_size` is the live database's, so the copy cannot fail on it.
fn stage(
    data_dir: &Path,
    source: &Path,
    now: NaiveDateTime,
    page_size: Option<i64>,
) -> Result<Staged> {
    if looks_like_uri(source) {
        return Err(not_a_backup(
            source,
            "it looks like a \"file:\" address, not a file.",
        ));
    }
    let real = fs::canonicalize(source)
        .map_err(|e| not_a_backup(source, format!("it cannot be found or read ({e}).")))?;
    let meta = fs::metadata(&real)
        .map_err(|e| not_a_backup(source, format!("it cannot be read ({e}).")))?;
    if !meta.is_file() {
        return Err(not_a_backup(source, "it is not a regular file."));
    }
    let mut magic = [0u8; 16];
    let read = File::open(&real).and_then(|mut f| f.read_exact(&mut magic));
    if read.is_err() || &magic != b"SQLite format 3\0" {
        return Err(not_a_backup(
            source,
            "it is not a SQLite database, so it is not a SoreMap backup.",
        ));
    }
    let src = Connection::open_with_flags(
        sqlite_name(&real)?,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_a_backup(source, format!("it cannot be opened ({e}).")))?;
    let version: i64 = src
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| not_a_backup(source, format!("it cannot be read ({e}).")))?;
    if version > schema_version() {
        return Err(Error::DatabaseTooNew {
            path: source.to_owned(),
            found: version,
            supported: schema_version(),
        });
    }
    if version < 1 {
        return Err(not_a_backup(
            source,
            "it is not a SoreMap database (it has no SoreMap schema version).",
        ));
    }
    integrity(&src).map_err(|p| not_a_backup(source, p))?;
    check_schema(&src, version).map_err(|p| not_a_backup(source, p))?;

    let staging = Staging::new(data_dir)?;
    let staged = staging.db();
    private_file(&staged)?;
    src.execute("VACUUM INTO ?1", [sqlite_name(&staged)?])
        .map_err(|e| {
            unchanged(format!(
                "the backup could not be copied into the data folder ({e})"
            ))
        })?;
    drop(src);
    let prepare = || -> Result<()> {
        let conn = Connection::open(sqlite_name(&staged)?)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        if let Some(size) = page_size {
            let current: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
            if current != size {
                conn.pragma_update(None, "page_size", size)?;
                conn.execute_batch("VACUUM")?;
            }
        }
        // Whatever catalogue the file holds is replaced by the shipped one.
        conn.execute("DELETE FROM catalogue_meta", [])?;
        Ok(())
    };
    prepare().map_err(|e| unchanged(format!("preparing the backup failed ({e})")))?;
    let db = Database::open_with(&staged, &Catalogue::embedded()?).map_err(|e| {
        unchanged(format!(
            "bringing the backup up to this version of SoreMap failed ({e})"
        ))
    })?;
    check_rows(&db.conn, now).map_err(|p| not_a_backup(source, p))?;
    let counts = Counts::of(&db.conn)?;
    drop(db);
    // One self-contained file, whatever journal mode the open left.
    Connection::open(sqlite_name(&staged)?)
        .and_then(|c| c.pragma_update(None, "journal_mode", "DELETE"))
        .map_err(|e| unchanged(format!("preparing the backup failed ({e})")))?;
    Ok(Staged {
        staging,
        source: real,
        from_version: version,
        counts,
    })
}

fn integrity(conn: &Connection) -> std::result::Result<(), String> {
    let mut stmt = conn
        .prepare("PRAGMA integrity_check(5)")
        .map_err(|e| format!("it is damaged ({e})."))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| format!("it is damaged ({e})."))?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(format!("it is damaged ({}).", shorten(&rows.join("; "))))
    }
}

/// One object of a schema: its type, its SQL, and for tables their columns and options.
#[derive(Debug, PartialEq)]
struct Object {
    kind: String,
    sql: String,
}

fn schema_of(conn: &Connection) -> rusqlite::Result<BTreeMap<String, Object>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Value>(0)?,
            r.get::<_, Value>(1)?,
            r.get::<_, Value>(2)?,
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (kind, name, sql) = row?;
        let text = |v: Value| match v {
            Value::Text(t) => t,
            _ => String::new(),
        };
        out.insert(
            text(name),
            Object {
                kind: text(kind),
                sql: text(sql),
            },
        );
    }
    Ok(out)
}

/// A table's columns (name, type, not null, default, primary key) and whether it is STRICT
/// and WITHOUT ROWID.
type Shape = (Vec<(String, String, bool, Option<String>, i64)>, bool, bool);

fn shape_of(conn: &Connection, table: &str) -> rusqlite::Result<Shape> {
    let columns = conn
        .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)")?
        .query_map([table], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (wr, strict) = conn
        .query_row(
            "SELECT wr, strict FROM pragma_table_list WHERE schema = 'main' AND name = ?1",
            [table],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((false, false));
    Ok((columns, wr, strict))
}

/// Compares `conn`'s schema with the one the migrations make at `version`: every table with
/// its columns, and nothing else (no extra tables, views or triggers).
fn check_schema(conn: &Connection, version: i64) -> std::result::Result<(), String> {
    let unreadable = |e: rusqlite::Error| format!("its tables cannot be read ({e}).");
    let mut expected_db =
        Connection::open_in_memory().map_err(|e| format!("cannot check it ({e})."))?;
    let to = usize::try_from(version).unwrap_or(0);
    migrations()
        .to_version(&mut expected_db, to)
        .map_err(|e| format!("cannot check it ({e})."))?;
    let expected = schema_of(&expected_db).map_err(unreadable)?;
    let found = schema_of(conn).map_err(unreadable)?;

    // Virtual tables keep their data in tables named after them, made by SQLite itself.
    let virtual_tables: Vec<&String> = expected
        .iter()
        .filter(|(_, o)| o.sql.to_uppercase().starts_with("CREATE VIRTUAL TABLE"))
        .map(|(name, _)| name)
        .collect();
    let shadow = |name: &str| {
        virtual_tables
            .iter()
            .any(|v| name.starts_with(&format!("{v}_")))
    };

    for (name, want) in &expected {
        let Some(have) = found.get(name) else {
            return Err(format!(
                "it has no {} \"{name}\", so it is not a SoreMap database of schema {version}.",
                want.kind
            ));
        };
        if have.kind != want.kind {
            return Err(format!(
                "\"{name}\" is a {} where SoreMap has a {}.",
                shorten(&have.kind),
                want.kind
            ));
        }
    }
    if let Some((name, extra)) = found.iter().find(|(name, _)| !expected.contains_key(*name)) {
        return Err(format!(
            "it holds a {} \"{}\" that SoreMap does not make.",
            shorten(&extra.kind),
            shorten(name)
        ));
    }
    for (name, want) in &expected {
        let Some(have) = found.get(name) else {
            continue;
        };
        if want.kind != "table" || shadow(name) {
            continue;
        }
        if virtual_tables.contains(&name) {
            if have.sql != want.sql {
                return Err(format!(
                    "its table \"{name}\" is not the one SoreMap makes."
                ));
            }
            continue;
        }
        let (want_cols, want_wr, want_strict) = shape_of(&expected_db, name).map_err(unreadable)?;
        let (have_cols, have_wr, have_strict) = shape_of(conn, name).map_err(unreadable)?;
        for col in &want_cols {
            match have_cols.iter().find(|c| c.0 == col.0) {
                None => return Err(format!("its table \"{name}\" has no column \"{}\".", col.0)),
                Some(c) if c != col => {
                    return Err(format!(
                        "the column \"{name}.{}\" is not defined as SoreMap defines it.",
                        col.0
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(extra) = have_cols
            .iter()
            .find(|c| !want_cols.iter().any(|w| w.0 == c.0))
        {
            return Err(format!(
                "its table \"{name}\" has a column \"{}\" that SoreMap does not make.",
                shorten(&extra.0)
            ));
        }
        if (have_wr, have_strict) != (want_wr, want_strict) {
            return Err(format!(
                "its table \"{name}\" is not defined as SoreMap defines it."
            ));
        }
    }
    Ok(())
}

/// Checks every row of the log and settings in a staged copy (at the current schema) as an
/// import checks records. Returns the first problem, naming the record.
fn check_rows(conn: &Connection, now: NaiveDateTime) -> std::result::Result<(), String> {
    let latest = now
        .checked_add_signed(chrono::Duration::hours(RESTORE_FUTURE_TOLERANCE_HOURS))
        .unwrap_or(now);
    let t = |what: &str, col: &str, v: &Value| stored_time(what, col, v, latest);
    let opt_t = |what: &str, col: &str, v: &Value| match v {
        Value::Null => Ok(()),
        v => stored_time(what, col, v, latest),
    };
    each_row(
        conn,
        "SELECT id, at, region_id, side, intensity, kind, symptoms, note, created_at, updated_at, deleted_at
         FROM soreness_entries",
        |v| {
            let what = record("soreness entry", &v[0])?;
            t(&what, "time", &v[1])?;
            id(&what, "region", &v[2])?;
            side(&what, &v[3])?;
            int(&what, "intensity", &v[4], 0, 10)?;
            let kind = text(&what, "kind", &v[5])?;
            if !["doms", "acute", "pain", "stiffness"].contains(&kind) {
                return Err(format!(
                    "{what}: {:?} is not a kind of soreness; use doms, acute, pain or stiffness.",
                    shorten(kind)
                ));
            }
            let symptoms = text(&what, "symptoms", &v[6])?;
            let list: Vec<String> = serde_json::from_str(symptoms)
                .map_err(|_| format!("{what}: the symptoms are not a list of symptom names."))?;
            validate::symptoms(&list).map_err(|e| format!("{what}: {e}"))?;
            note(&what, &v[7])?;
            t(&what, "created", &v[8])?;
            t(&what, "updated", &v[9])?;
            opt_t(&what, "deleted", &v[10])
        },
    )?;
    each_row(
        conn,
        "SELECT id, at, activity, effort, duration_min, note, created_at, deleted_at FROM workouts",
        |v| {
            let what = record("workout", &v[0])?;
            t(&what, "time", &v[1])?;
            validate::activity(text(&what, "activity", &v[2])?)
                .map_err(|e| format!("{what}: {e}"))?;
            int(&what, "effort", &v[3], 1, 10)?;
            int(&what, "duration (minutes)", &v[4], 1, 1440)?;
            note(&what, &v[5])?;
            t(&what, "created", &v[6])?;
            opt_t(&what, "deleted", &v[7])
        },
    )?;
    each_row(
        conn,
        "SELECT workout_id, region_id, side FROM workout_regions",
        |v| {
            let what = format!("the regions of {}", record("workout", &v[0])?);
            id(&what, "region", &v[1])?;
            side(&what, &v[2])
        },
    )?;
    each_row(
        conn,
        "SELECT id, at, region_id, side, technique_id, point_id, duration_sec, before, after, note,
                created_at, deleted_at
         FROM treatments",
        |v| {
            let what = record("treatment", &v[0])?;
            t(&what, "time", &v[1])?;
            id(&what, "region", &v[2])?;
            side(&what, &v[3])?;
            match (&v[4], &v[5]) {
                (Value::Null, Value::Null) | (Value::Text(_), Value::Text(_)) => {
                    return Err(format!(
                        "{what}: it must name either one technique or one point."
                    ))
                }
                (Value::Null, p) => id(&what, "point", p)?,
                (tq, _) => id(&what, "technique", tq)?,
            }
            int(&what, "duration (seconds)", &v[6], 1, 86_400)?;
            for (col, value) in [("soreness before", &v[7]), ("soreness after", &v[8])] {
                if *value != Value::Null {
                    int(&what, col, value, 0, 10)?;
                }
            }
            note(&what, &v[9])?;
            t(&what, "created", &v[10])?;
            opt_t(&what, "deleted", &v[11])
        },
    )?;
    each_row(conn, "SELECT key, acknowledged_at FROM flag_acks", |v| {
        let key = text("an acknowledged flag", "key", &v[0])?;
        if key.is_empty() || key.len() > 300 {
            return Err(format!(
                "an acknowledged flag has the key {:?}, which is not a flag key.",
                shorten(key)
            ));
        }
        t(
            &format!("the acknowledged flag {:?}", shorten(key)),
            "time",
            &v[1],
        )
    })?;
    each_row(conn, "SELECT key, sent_at FROM reminders_sent", |v| {
        let key = text("a sent reminder", "key", &v[0])?;
        if key.is_empty() || key.len() > 300 {
            return Err(format!(
                "a sent reminder has the key {:?}, which is not a reminder key.",
                shorten(key)
            ));
        }
        t(
            &format!("the sent reminder {:?}", shorten(key)),
            "time",
            &v[1],
        )
    })?;
    each_row(conn, "SELECT key, value FROM settings", |v| {
        let key = text("a setting", "name", &v[0])?;
        let what = format!("the setting {:?}", shorten(key));
        if key.is_empty() || key.chars().count() > 100 {
            return Err(format!("{what}: the name is not a setting name."));
        }
        if text(&what, "value", &v[1])?.chars().count() > 10_000 {
            return Err(format!("{what}: the value is too long."));
        }
        Ok(())
    })?;
    let broken: Option<String> = conn
        .query_row("SELECT \"table\" FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| format!("its rows cannot be read ({e})."))?;
    if let Some(table) = broken {
        return Err(format!(
            "a row of \"{table}\" refers to a record that is not there."
        ));
    }
    Ok(())
}

fn each_row(
    conn: &Connection,
    sql: &str,
    mut check: impl FnMut(&[Value]) -> std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    let unreadable = |e: rusqlite::Error| format!("its rows cannot be read ({e}).");
    let mut stmt = conn.prepare(sql).map_err(unreadable)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).map_err(unreadable)?;
    let mut values = Vec::with_capacity(columns);
    while let Some(row) = rows.next().map_err(unreadable)? {
        values.clear();
        for i in 0..columns {
            values.push(row.get::<_, Value>(i).map_err(unreadable)?);
        }
        check(&values)?;
    }
    Ok(())
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// "soreness entry <id>", when the id is a valid one.
fn record(what: &str, v: &Value) -> std::result::Result<String, String> {
    match v {
        Value::Text(t) if valid_id(t) => Ok(format!("{what} {t}")),
        Value::Text(t) => Err(format!(
            "a {what} has the id {:?}, which is not a valid id.",
            shorten(t)
        )),
        _ => Err(format!("a {what} has an id that is not text.")),
    }
}

fn text<'v>(what: &str, col: &str, v: &'v Value) -> std::result::Result<&'v str, String> {
    match v {
        Value::Text(t) => Ok(t),
        _ => Err(format!("{what}: the {col} is not text.")),
    }
}

fn id(what: &str, col: &str, v: &Value) -> std::result::Result<(), String> {
    let t = text(what, col, v)?;
    if valid_id(t) {
        Ok(())
    } else {
        Err(format!(
            "{what}: the {col} {:?} is not a valid id.",
            shorten(t)
        ))
    }
}

fn side(what: &str, v: &Value) -> std::result::Result<(), String> {
    text(what, "side", v)?
        .parse::<Side>()
        .map(drop)
        .map_err(|e| format!("{what}: {e}"))
}

fn int(what: &str, col: &str, v: &Value, min: i64, max: i64) -> std::result::Result<(), String> {
    match v {
        Value::Integer(i) if (min..=max).contains(i) => Ok(()),
        Value::Integer(i) => Err(format!("{what}: the {col} {i} is outside {min} to {max}.")),
        _ => Err(format!("{what}: the {col} is not a whole number.")),
    }
}

fn note(what: &str, v: &Value) -> std::result::Result<(), String> {
    validate::note(text(what, "note", v)?)
        .map(drop)
        .map_err(|e| format!("{what}: {e}"))
}

/// A time as SoreMap stores it: exactly `YYYY-MM-DDTHH:MM:SS`, from 1970 to 9999, and not
/// after `latest`.
fn stored_time(
    what: &str,
    col: &str,
    v: &Value,
    latest: NaiveDateTime,
) -> std::result::Result<(), String> {
    let s = text(what, col, v)?;
    let bad = || {
        format!(
            "{what}: the {col} {:?} is not a date and time (YYYY-MM-DDTHH:MM:SS).",
            shorten(s)
        )
    };
    let parsed = NaiveDateTime::parse_from_str(s, TIME_FORMAT).map_err(|_| bad())?;
    if !(1970..=9999).contains(&parsed.year()) {
        return Err(format!(
            "{what}: the {col} {:?} is outside the years 1970 to 9999.",
            shorten(s)
        ));
    }
    if parsed.format(TIME_FORMAT).to_string() != s {
        return Err(bad());
    }
    if parsed > latest {
        return Err(format!("{what}: the {col} {s} is in the future."));
    }
    Ok(())
}

/// Long text quoted in a message is cut short.
fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// Copies all of `src` into `dst` with the backup API in one step: one write transaction on
/// `dst`, rolled back by SQLite if it fails.
fn copy_into(src: &Connection, dst: &mut Connection) -> rusqlite::Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let backup = Backup::new(src, dst)?;
    for _ in 0..250 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More | StepResult::Busy | StepResult::Locked => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    Err(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed busy".into()),
    ))
}

fn report(staged: &Staged, previous: Option<&Path>, how: &str) -> RestoreReport {
    let upgraded = (staged.from_version < schema_version()).then_some(staged.from_version);
    let mut message = format!(
        "Restored {} from {}",
        staged.counts.words(),
        staged.source.display()
    );
    if let Some(v) = upgraded {
        message.push_str(&format!(
            " (upgraded from schema {v} to {})",
            schema_version()
        ));
    }
    message.push('.');
    match previous {
        Some(p) => message.push_str(&format!(" {how} {}.", p.display())),
        None => message.push_str(" There was no database file before."),
    }
    RestoreReport {
        restored_from: staged.source.display().to_string(),
        previous_saved_to: previous.map(|p| p.display().to_string()),
        upgraded_from: upgraded,
        entries: staged.counts.entries,
        workouts: staged.counts.workouts,
        treatments: staged.counts.treatments,
        message,
    }
}

impl Database {
    /// Replaces the data with a backup's, after checking the backup completely and saving the
    /// current data in `backups/`. Returns where the current data was saved.
    pub fn restore_from(&mut self, source: &Path, now: NaiveDateTime) -> Result<PathBuf> {
        let report = self.restore(source, now)?;
        Ok(report
            .previous_saved_to
            .map(PathBuf::from)
            .unwrap_or_default())
    }

    /// Replaces the data with a backup's; see the module notes for the steps. A bad file is
    /// refused before anything changes; a failure after the copy puts the previous data back.
    pub fn restore(&mut self, source: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
        self.restore_checked(source, now, &mut |_| Ok(()))
    }

    /// As `restore`, running `after_copy` on the restored data before it is kept: when it
    /// fails, the previous data is put back. For tests of that path.
    #[doc(hidden)]
    pub fn restore_checked(
        &mut self,
        source: &Path,
        now: NaiveDateTime,
        after_copy: &mut dyn FnMut(&Database) -> Result<()>,
    ) -> Result<RestoreReport> {
        let data_dir = data_dir_of(self.path());
        let page_size: i64 = self
            .conn
            .pragma_query_value(None, "page_size", |r| r.get(0))?;
        let staged = stage(&data_dir, source, now, Some(page_size))?;

        let dir = backup_dir(self.path());
        private_dir(&dir)?;
        let saved = unique_in(&dir, &format!("{BEFORE_RESTORE}{}", stamp(now)));
        snapshot(&self.conn, &saved)
            .map_err(|e| unchanged(format!("the current data could not be saved first ({e})")))?;
        let src = Connection::open_with_flags(
            sqlite_name(&staged.staging.db())?,
            OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .map_err(|e| unchanged(format!("the checked copy could not be opened ({e})")))?;
        if let Err(e) = copy_into(&src, &mut self.conn) {
            return Err(Error::RestoreFailed {
                problem: format!("copying the backup in failed ({e})"),
                outcome: format!(
                    "Your data was left as it was; it is also saved in {}.",
                    saved.display()
                ),
            });
        }
        drop(src);
        self.conn.flush_prepared_statement_cache();

        let check = self
            .check_restored(staged.counts)
            .and_then(|()| after_copy(self));
        if let Err(problem) = check {
            let put_back =
                Connection::open_with_flags(sqlite_name(&saved)?, OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .and_then(|snap| copy_into(&snap, &mut self.conn));
            self.conn.flush_prepared_statement_cache();
            return Err(Error::RestoreFailed {
                problem: format!("the restored data failed its last check ({problem})"),
                outcome: match put_back {
                    Ok(()) => format!(
                        "Your previous data was put back; it is also saved in {}.",
                        saved.display()
                    ),
                    Err(e) => format!(
                        "Putting your previous data back failed too ({e}); it is safe in {}: \
                         restore that file.",
                        saved.display()
                    ),
                },
            });
        }
        Ok(report(
            &staged,
            Some(&saved),
            "Your data from before the restore is saved in",
        ))
    }

    /// The live data after a copy: the current schema, the shipped catalogue, intact, and the
    /// records that were checked.
    fn check_restored(&self, expected: Counts) -> Result<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != schema_version() {
            return Err(Error::invalid(
                "restored data",
                format!("it is at schema {version}."),
            ));
        }
        let fingerprint: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM catalogue_meta WHERE key = 'fingerprint'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if fingerprint.as_deref() != Some(Catalogue::embedded()?.fingerprint.as_str()) {
            return Err(Error::invalid(
                "restored data",
                "it does not hold the shipped catalogue.",
            ));
        }
        let check: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::invalid(
                "restored data",
                format!("it is damaged ({check})."),
            ));
        }
        if Counts::of(&self.conn)? != expected {
            return Err(Error::invalid(
                "restored data",
                "it does not hold the records that were checked.",
            ));
        }
        Ok(())
    }
}

/// Restores `backup` into `data_dir` without opening the database there, for when it cannot
/// be opened (damaged, or written by a newer SoreMap). The backup is checked and upgraded as
/// by `Database::restore`; then the database file in `data_dir` and its `-wal`, `-shm` and
/// `-journal` are moved into `backups/` (never deleted) and the checked copy takes their place.
pub fn restore_into_dir(
    data_dir: &Path,
    backup: &Path,
    now: NaiveDateTime,
) -> Result<RestoreReport> {
    let data_dir = fs::canonicalize(data_dir).map_err(|source| Error::DataDir {
        path: data_dir.to_owned(),
        source,
    })?;
    let staged = stage(&data_dir, backup, now, None)?;
    let live = data_dir.join(DATABASE_FILE);
    let dir = data_dir.join("backups");
    private_dir(&dir)?;
    let aside = unique_in(&dir, &format!("{SET_ASIDE}{}", stamp(now)));
    let with = |p: &Path, suffix: &str| {
        let mut s = p.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };

    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let undo = |moved: &[(PathBuf, PathBuf)]| {
        for (from, to) in moved.iter().rev() {
            let _ = fs::rename(to, from);
        }
    };
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let from = with(&live, suffix);
        if fs::symlink_metadata(&from).is_err() {
            continue;
        }
        let to = with(&aside, suffix);
        if let Err(e) = fs::rename(&from, &to) {
            undo(&moved);
            return Err(unchanged(format!(
                "{} could not be moved aside ({e})",
                from.display()
            )));
        }
        moved.push((from, to));
    }
    sync_dir(&dir);
    if let Err(e) = fs::rename(staged.staging.db(), &live) {
        undo(&moved);
        sync_dir(&data_dir);
        return Err(unchanged(format!(
            "the checked copy could not be put in place ({e})"
        )));
    }
    sync_dir(&data_dir);
    let previous = moved.first().map(|(_, to)| to.clone());
    Ok(report(
        &staged,
        previous.as_deref(),
        "The database that was there is kept in",
    ))
}
