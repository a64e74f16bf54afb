//! Backups and restore on real SQLite files: only SoreMap databases are restored, a refused
//! file changes nothing, a failure after the copy puts the data back, and SoreMap's own files
//! cannot be written over through a chosen path.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;
use soremap_core::backup::{
    list_backups, refuse_protected_target, restore_into_dir, BackupKind, KEEP_DAILY,
};
use soremap_core::db::{migrations, schema_version, DATABASE_FILE};
use soremap_core::model::{RegionSideInput, SorenessInput, TreatmentInput, WorkoutInput};
use soremap_core::{Database, Error, ErrorKind};

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}
const NOW: &str = "2026-11-22T12:00";

fn soreness(region: &str, side: &str, at: &str) -> SorenessInput {
    SorenessInput {
        targets: vec![RegionSideInput {
            region: region.into(),
            side: side.into(),
        }],
        intensity: 6.0,
        kind: "doms".into(),
        symptoms: vec!["swelling".into()],
        note: "after the hills".into(),
        at: Some(at.into()),
    }
}

/// A data folder with two soreness entries, a workout and a treatment.
fn filled(dir: &Path) -> Database {
    let mut db = Database::open_in_dir(dir).unwrap();
    let now = t(NOW);
    db.log_soreness(&soreness("calf", "left", "2026-11-18T08:00"), now)
        .unwrap();
    db.log_soreness(&soreness("neck", "center", "2026-11-19T08:00"), now)
        .unwrap();
    db.log_workout(
        &WorkoutInput {
            at: Some("2026-11-17T18:00".into()),
            activity: "Trail run".into(),
            effort: 8.0,
            duration_min: 75.0,
            note: String::new(),
            targets: vec![RegionSideInput {
                region: "calf".into(),
                side: "left".into(),
            }],
        },
        now,
    )
    .unwrap();
    db.log_treatment(
        &TreatmentInput {
            at: Some("2026-11-19T20:00".into()),
            region: "calf".into(),
            side: "left".into(),
            technique: Some("foam-rolling".into()),
            point: None,
            duration_sec: 120.0,
            before: Some(7.0),
            after: Some(5.0),
            note: String::new(),
        },
        now,
    )
    .unwrap();
    db
}

fn count(db: &Database) -> usize {
    let f = db.export_file(t(NOW)).unwrap();
    f.entries.len() + f.workouts.len() + f.treatments.len()
}

/// A real backup of a filled log, in a folder of its own.
fn good_backup(dir: &Path) -> PathBuf {
    let source = dir.join("source");
    let db = filled(&source);
    let path = dir.join("good.sqlite3");
    db.backup_to(&path).unwrap();
    path
}

/// A copy of a good backup changed by `sql` (with CHECK constraints off, as a hand-made file
/// could be).
fn crafted(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let good = dir.join("good.sqlite3");
    let path = dir.join(format!("{name}.sqlite3"));
    std::fs::copy(&good, &path).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!("PRAGMA ignore_check_constraints = ON; {sql}"))
        .unwrap();
    drop(conn);
    path
}

/// Every file in a folder (recursively) with its bytes.
fn snapshot_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Restoring `backup` into `db` is refused with `kind` and a message containing `expect`, and
/// nothing in the data folder changed by a single byte.
fn assert_refused(db: &mut Database, backup: &Path, kind: ErrorKind, expect: &str) -> Error {
    let data = db.path().parent().unwrap().to_owned();
    let before = snapshot_of(&data);
    let rows = count(db);
    let err = db.restore(backup, t(NOW)).unwrap_err();
    assert_eq!(err.kind(), kind, "{err}");
    let message = err.to_string();
    assert!(message.contains(expect), "{message:?} lacks {expect:?}");
    assert!(message.len() < 600, "{message}");
    assert_eq!(
        snapshot_of(&data),
        before,
        "the data folder changed: {message}"
    );
    assert_eq!(count(db), rows);
    err
}

struct Setup {
    _dir: tempfile::TempDir,
    files: PathBuf,
    db: Database,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    good_backup(&files);
    let mut db = filled(&dir.path().join("data"));
    db.log_soreness(&soreness("calf", "right", "2026-11-21T08:00"), t(NOW))
        .unwrap();
    Setup {
        _dir: dir,
        files,
        db,
    }
}

#[test]
fn a_good_backup_is_restored_and_the_previous_data_kept() {
    let mut s = setup();
    assert_eq!(count(&s.db), 5);
    let report = s.db.restore(&s.files.join("good.sqlite3"), t(NOW)).unwrap();
    assert_eq!(count(&s.db), 4);
    assert_eq!(
        (report.entries, report.workouts, report.treatments),
        (2, 1, 1)
    );
    assert_eq!(report.upgraded_from, None);
    let saved = PathBuf::from(report.previous_saved_to.clone().unwrap());
    assert!(saved.starts_with(s.db.path().parent().unwrap().join("backups")));
    assert!(report
        .message
        .contains("2 soreness entries, 1 workout, 1 treatment"));
    assert!(
        report.message.contains(&saved.display().to_string()),
        "{}",
        report.message
    );
    assert_eq!(count(&Database::open(&saved).unwrap()), 5);
    // The app works on the restored data.
    s.db.region_detail("calf", "left").unwrap();
    // No staging folder is left behind.
    let data = s.db.path().parent().unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(data)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn files_that_are_not_soremap_databases_are_refused() {
    let mut s = setup();
    let f = &s.files;
    let junk = f.join("junk.sqlite3");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert_refused(
        &mut s.db,
        &junk,
        ErrorKind::NotABackup,
        "not a SQLite database",
    );
    let empty = f.join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    assert_refused(
        &mut s.db,
        &empty,
        ErrorKind::NotABackup,
        "not a SQLite database",
    );
    assert_refused(&mut s.db, f, ErrorKind::NotABackup, "not a regular file");
    assert_refused(
        &mut s.db,
        Path::new("/dev/zero"),
        ErrorKind::NotABackup,
        "not a regular file",
    );
    assert_refused(
        &mut s.db,
        &f.join("missing.sqlite3"),
        ErrorKind::NotABackup,
        "cannot be found",
    );
    assert_refused(
        &mut s.db,
        Path::new("file:good.sqlite3?mode=memory"),
        ErrorKind::NotABackup,
        "file:",
    );

    // Another app's database that happens to share two table names.
    let other = f.join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch(
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE catalogue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    assert_refused(&mut s.db, &other, ErrorKind::NotABackup, "has no table");
}

#[test]
fn crafted_schemas_are_refused() {
    let mut s = setup();
    let f = s.files.clone();
    let cases: &[(&str, &str, ErrorKind, &str)] = &[
        ("no-table", "DROP TABLE treatments;", ErrorKind::NotABackup, "no table \"treatments\""),
        (
            "no-column",
            "ALTER TABLE workouts DROP COLUMN note;",
            ErrorKind::NotABackup,
            "\"workouts\" has no column \"note\"",
        ),
        (
            "extra-column",
            "ALTER TABLE settings ADD COLUMN extra TEXT;",
            ErrorKind::NotABackup,
            "column \"extra\" that SoreMap does not make",
        ),
        (
            "extra-table",
            "CREATE TABLE bogus (x);",
            ErrorKind::NotABackup,
            "table \"bogus\" that SoreMap does not make",
        ),
        (
            "trigger",
            "CREATE TRIGGER wipe AFTER INSERT ON settings BEGIN DELETE FROM soreness_entries; END;",
            ErrorKind::NotABackup,
            "trigger \"wipe\"",
        ),
        (
            "view",
            "CREATE VIEW v AS SELECT 1;",
            ErrorKind::NotABackup,
            "view \"v\"",
        ),
        (
            "not-strict",
            "DROP TABLE flag_acks; CREATE TABLE flag_acks (key TEXT PRIMARY KEY, acknowledged_at TEXT NOT NULL);",
            ErrorKind::NotABackup,
            "\"flag_acks.key\" is not defined as SoreMap defines it",
        ),
        (
            "version-0",
            "PRAGMA user_version = 0;",
            ErrorKind::NotABackup,
            "no SoreMap schema version",
        ),
        (
            "version-2",
            "PRAGMA user_version = 2;",
            ErrorKind::NotABackup,
            "that SoreMap does not make",
        ),
        (
            "newer",
            "PRAGMA user_version = 99;",
            ErrorKind::DatabaseTooNew,
            "schema 99",
        ),
    ];
    for (name, sql, kind, expect) in cases {
        let path = crafted(&f, name, sql);
        let err = assert_refused(&mut s.db, &path, *kind, expect);
        if *kind == ErrorKind::NotABackup {
            assert!(err.to_string().ends_with("Nothing was changed."), "{err}");
            assert!(
                err.to_string().contains(&path.display().to_string()),
                "{err}"
            );
        }
    }
}

#[test]
fn crafted_rows_are_refused() {
    let mut s = setup();
    let f = s.files.clone();
    let cases: &[(&str, &str, &str)] = &[
        ("short-time", "UPDATE treatments SET at = '2026-11-2';", "\"2026-11-2\" is not a date and time"),
        (
            "unpadded-time",
            "UPDATE soreness_entries SET at = '2026-11-2T08:00:00';",
            "is not a date and time",
        ),
        (
            "far-year",
            "UPDATE soreness_entries SET at = '+262142-12-31T00:00:00';",
            "outside the years 1970 to 9999",
        ),
        (
            "before-1970",
            "UPDATE workouts SET at = '1969-12-31T23:59:59';",
            "outside the years 1970 to 9999",
        ),
        (
            "future",
            "UPDATE soreness_entries SET at = '2030-01-01T00:00:00';",
            "in the future",
        ),
        (
            "bad-created",
            "UPDATE workouts SET created_at = 'yesterday';",
            "the created \"yesterday\"",
        ),
        ("intensity", "UPDATE soreness_entries SET intensity = 99;", "intensity 99 is outside 0 to 10"),
        ("effort", "UPDATE workouts SET effort = 0;", "effort 0 is outside 1 to 10"),
        (
            "duration",
            "UPDATE workouts SET duration_min = 5000;",
            "duration (minutes) 5000 is outside 1 to 1440",
        ),
        (
            "treatment-duration",
            "UPDATE treatments SET duration_sec = -1;",
            "duration (seconds) -1 is outside 1 to 86400",
        ),
        ("before", "UPDATE treatments SET before = 11;", "soreness before 11 is outside"),
        ("kind", "UPDATE soreness_entries SET kind = 'bogus';", "not a kind of soreness"),
        ("side", "UPDATE soreness_entries SET side = 'up';", "\"up\" is not a side"),
        (
            "workout-side",
            "UPDATE workout_regions SET side = 'middle';",
            "\"middle\" is not a side",
        ),
        (
            "symptoms-object",
            "UPDATE soreness_entries SET symptoms = '{\"a\": 1}';",
            "not a list of symptom names",
        ),
        (
            "symptoms-numbers",
            "UPDATE soreness_entries SET symptoms = '[1, 2]';",
            "not a list of symptom names",
        ),
        (
            "symptom-unknown",
            "UPDATE soreness_entries SET symptoms = '[\"itchy\"]';",
            "\"itchy\" is not a symptom",
        ),
        ("id", "UPDATE soreness_entries SET id = 'a b/c' WHERE rowid = 1;", "\"a b/c\", which is not a valid id"),
        (
            "both",
            "UPDATE treatments SET point_id = 'BL40';",
            "either one technique or one point",
        ),
        ("note", "UPDATE workouts SET note = printf('%.30000c', 'x');", "characters long"),
        ("activity", "UPDATE workouts SET activity = '   ';", "say what you did"),
        ("flag-key", "INSERT INTO flag_acks VALUES ('', '2026-11-01T00:00:00');", "not a flag key"),
        (
            "orphan",
            "PRAGMA foreign_keys = OFF; INSERT INTO workout_regions VALUES ('nobody', 'calf', 'left');",
            "refers to a record that is not there",
        ),
    ];
    for (name, sql, expect) in cases {
        let path = crafted(&f, name, sql);
        assert_refused(&mut s.db, &path, ErrorKind::NotABackup, expect);
    }
}

#[test]
fn a_damaged_backup_is_refused() {
    let mut s = setup();
    let path = crafted(&s.files, "damaged", "");
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 5 * 4096);
    for b in &mut bytes[2 * 4096..3 * 4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = s.db.restore(&path, t(NOW)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotABackup, "{err}");
    let err = assert_refused(
        &mut s.db,
        &path,
        ErrorKind::NotABackup,
        "Nothing was changed.",
    );
    assert!(
        err.to_string().contains("damaged") || err.to_string().contains("cannot be read"),
        "{err}"
    );
}

#[test]
fn an_older_backup_is_upgraded_before_it_replaces_the_data() {
    let mut s = setup();
    let old = s.files.join("schema-1.sqlite3");
    {
        let mut conn = Connection::open(&old).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('pregnancy', 'on')",
            [],
        )
        .unwrap();
    }
    let before = std::fs::read(&old).unwrap();
    let report = s.db.restore(&old, t(NOW)).unwrap();
    assert_eq!(report.upgraded_from, Some(1));
    assert!(
        report
            .message
            .contains(&format!("upgraded from schema 1 to {}", schema_version())),
        "{}",
        report.message
    );
    assert_eq!(s.db.info().unwrap().schema_version, schema_version());
    assert!(s.db.settings().unwrap().pregnancy);
    assert_eq!(count(&s.db), 0);
    s.db.region_detail("back-of-knee", "left").unwrap();
    assert!(!s.db.search("BL40").unwrap().results.is_empty());
    assert_eq!(
        std::fs::read(&old).unwrap(),
        before,
        "the backup itself is not changed"
    );
    // The upgrade left no snapshot of the staging copy among the backups.
    let kinds: Vec<_> = list_backups(s.db.path().parent().unwrap())
        .unwrap()
        .into_iter()
        .map(|b| b.kind)
        .collect();
    assert_eq!(kinds, vec![BackupKind::BeforeRestore]);
}

#[test]
fn a_failure_after_the_copy_puts_the_previous_data_back() {
    let mut s = setup();
    s.db.set_pregnancy(true).unwrap();
    let err =
        s.db.restore_checked(&s.files.join("good.sqlite3"), t(NOW), &mut |db| {
            assert_eq!(count(db), 4, "the backup was copied in");
            Err(Error::invalid("test", "made to fail"))
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RestoreFailed);
    let message = err.to_string();
    assert!(message.contains("made to fail"), "{message}");
    assert!(
        message.contains("Your previous data was put back"),
        "{message}"
    );
    assert!(message.contains("soremap-before-restore-"), "{message}");
    assert_eq!(count(&s.db), 5);
    assert!(s.db.settings().unwrap().pregnancy);
    s.db.region_detail("calf", "left").unwrap();
    // And the app keeps working and writing.
    s.db.log_soreness(&soreness("calf", "left", "2026-11-22T09:00"), t(NOW))
        .unwrap();
    assert_eq!(count(&s.db), 6);
}

#[test]
fn every_snapshot_taken_before_a_restore_is_kept() {
    let mut s = setup();
    let good = s.files.join("good.sqlite3");
    for _ in 0..7 {
        s.db.restore(&good, t(NOW)).unwrap();
    }
    let junk = s.files.join("junk.sqlite3");
    std::fs::write(&junk, b"junk").unwrap();
    for _ in 0..3 {
        assert!(s.db.restore(&junk, t(NOW)).is_err());
    }
    for day in 1..=12 {
        s.db.daily_backup(t(&format!("2026-11-{day:02}T08:00")))
            .unwrap();
    }
    let list = list_backups(s.db.path().parent().unwrap()).unwrap();
    let before_restore: Vec<_> = list
        .iter()
        .filter(|b| b.kind == BackupKind::BeforeRestore)
        .collect();
    assert_eq!(before_restore.len(), 7, "{list:?}");
    assert_eq!(
        list.iter().filter(|b| b.kind == BackupKind::Daily).count(),
        KEEP_DAILY
    );
    // The first one still holds the data from before any restore.
    let first = before_restore
        .iter()
        .find(|b| b.file_name == "soremap-before-restore-20261122-120000.sqlite3")
        .unwrap();
    assert_eq!(count(&Database::open(Path::new(&first.path)).unwrap()), 5);
    // Newest first; the daily ones are pruned to the newest days.
    assert_eq!(list[0].taken_at.as_deref(), Some("2026-11-22T12:00:00"));
    assert!(list
        .iter()
        .any(|b| b.file_name == "soremap-daily-2026-11-12.sqlite3"));
    assert!(!list
        .iter()
        .any(|b| b.file_name == "soremap-daily-2026-11-05.sqlite3"));
}

#[test]
fn snapshots_before_migrations_are_pruned_by_their_time_not_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    // Five older snapshots; the newest of them is from schema 10.
    for (name, day) in [
        ("4-from-3", 1),
        ("5-from-4", 2),
        ("6-from-5", 3),
        ("9-from-8", 4),
        ("10-from-9", 5),
    ] {
        std::fs::write(
            backups.join(format!(
                "soremap-before-schema-{name}-200001{day:02}-080000.sqlite3"
            )),
            b"old",
        )
        .unwrap();
    }
    let path = dir.path().join(DATABASE_FILE);
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
    }
    Database::open(&path).unwrap();
    let names: Vec<String> = list_backups(dir.path())
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().any(|n| n.contains("-10-from-9-")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("-4-from-3-")), "{names:?}");
}

#[test]
fn a_partial_daily_snapshot_does_not_block_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let daily = dir.path().join("backups/soremap-daily-2026-11-22.sqlite3");
    std::fs::create_dir_all(daily.parent().unwrap()).unwrap();
    let whole = dir.path().join("whole.sqlite3");
    db.backup_to(&whole).unwrap();
    let bytes = std::fs::read(&whole).unwrap();
    std::fs::write(&daily, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(db.daily_backup(t(NOW)).unwrap(), Some(daily.clone()));
    assert_eq!(count(&Database::open(&daily).unwrap()), 4);
    assert_eq!(db.daily_backup(t(NOW)).unwrap(), None);
    // No temporary files are left in the folder.
    let names: Vec<_> = std::fs::read_dir(daily.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[test]
fn an_unusable_database_is_set_aside_and_replaced_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let good = good_backup(&files);
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let live = data.join(DATABASE_FILE);
    std::fs::write(&live, b"junk that used to be a database").unwrap();
    std::fs::write(data.join(format!("{DATABASE_FILE}-wal")), b"junk wal").unwrap();
    assert!(Database::open_in_dir(&data).is_err());
    // The automatic backups can be listed without a database.
    assert!(list_backups(&data).unwrap().is_empty());

    // A bad backup changes nothing here either.
    let junk = files.join("junk.sqlite3");
    std::fs::write(&junk, b"junk").unwrap();
    let before = snapshot_of(&data);
    let err = restore_into_dir(&data, &junk, t(NOW)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotABackup);
    assert_eq!(snapshot_of(&data), before);

    let report = restore_into_dir(&data, &good, t(NOW)).unwrap();
    let kept = PathBuf::from(report.previous_saved_to.clone().unwrap());
    assert!(
        kept.starts_with(data.canonicalize().unwrap().join("backups")),
        "{kept:?}"
    );
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        b"junk that used to be a database"
    );
    let kept_wal = PathBuf::from(format!("{}-wal", kept.display()));
    assert_eq!(std::fs::read(kept_wal).unwrap(), b"junk wal");
    assert!(
        report.message.contains(&kept.display().to_string()),
        "{}",
        report.message
    );

    let db = Database::open_in_dir(&data).unwrap();
    assert_eq!(count(&db), 4);
    let list = list_backups(&data).unwrap();
    assert!(
        list.iter().any(|b| b.kind == BackupKind::SetAside),
        "{list:?}"
    );
}

#[test]
fn a_database_from_a_newer_version_is_set_aside_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let good = good_backup(&files);
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let live = data.join(DATABASE_FILE);
    Connection::open(&live)
        .unwrap()
        .execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;",
        )
        .unwrap();
    let original = std::fs::read(&live).unwrap();
    assert_eq!(
        Database::open_in_dir(&data).unwrap_err().kind(),
        ErrorKind::DatabaseTooNew
    );
    let report = restore_into_dir(&data, &good, t(NOW)).unwrap();
    let kept = report.previous_saved_to.unwrap();
    assert_eq!(std::fs::read(&kept).unwrap(), original);
    assert_eq!(count(&Database::open_in_dir(&data).unwrap()), 4);
}

#[cfg(unix)]
#[test]
fn the_data_folder_database_and_backups_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = filled(&data);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join(DATABASE_FILE)), 0o600);
    let daily = db.daily_backup(t(NOW)).unwrap().unwrap();
    assert_eq!(mode(&daily), 0o600);
    assert_eq!(mode(daily.parent().unwrap()), 0o700);
    let chosen = dir.path().join("chosen.sqlite3");
    db.backup_to(&chosen).unwrap();
    assert_eq!(mode(&chosen), 0o600);
}

#[test]
fn backing_up_never_writes_over_soremaps_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = filled(&data);
    db.daily_backup(t(NOW)).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let before = snapshot_of(&data.join("backups"));
    let rows = count(&db);

    let mut refused: Vec<PathBuf> = vec![
        data.join(DATABASE_FILE),
        data.join(format!("{DATABASE_FILE}-wal")),
        data.join(format!("{DATABASE_FILE}-shm")),
        data.join(format!("{DATABASE_FILE}-journal")),
        data.join(".").join(DATABASE_FILE),
        data.join("backups/..").join(DATABASE_FILE),
        elsewhere.join("..").join("data").join(DATABASE_FILE),
        data.join("SOREMAP.sqlite3"),
        data.join("backups/new.sqlite3"),
        data.join("backups/./deeper/../new.sqlite3"),
        data.join("BACKUPS/new.sqlite3"),
        data.join("backups"),
        data.clone(),
        PathBuf::from("file:x.sqlite3?mode=memory"),
        PathBuf::from(""),
        dir.path().join("no-such-folder/x.sqlite3"),
    ];
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        // A link to the live database, a dangling link into backups/, and the data folder
        // reached through a linked folder.
        symlink(data.join(DATABASE_FILE), elsewhere.join("link.sqlite3")).unwrap();
        symlink(
            data.join("backups/not-yet.sqlite3"),
            elsewhere.join("dangling.sqlite3"),
        )
        .unwrap();
        symlink(&data, dir.path().join("data-link")).unwrap();
        std::fs::hard_link(data.join(DATABASE_FILE), elsewhere.join("hard.sqlite3")).unwrap();
        refused.extend([
            elsewhere.join("link.sqlite3"),
            elsewhere.join("dangling.sqlite3"),
            dir.path()
                .join("data-link")
                .join(format!("{DATABASE_FILE}-wal")),
            dir.path().join("data-link/backups/x.sqlite3"),
            elsewhere.join("hard.sqlite3"),
        ]);
    }
    for target in &refused {
        let err = db.backup_to(target).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::ProtectedPath | ErrorKind::InvalidArgument
            ),
            "{target:?}: {err}"
        );
        assert!(
            refuse_protected_target(db.path(), target).is_err()
                || err.to_string().contains("already exists"),
            "{target:?}"
        );
    }
    assert!(
        !dir.path().join("no-such-folder").exists(),
        "no folder is created"
    );
    assert_eq!(snapshot_of(&data.join("backups")), before);
    assert_eq!(count(&db), rows);
    assert_eq!(count(&Database::open_in_dir(&data).unwrap()), rows);

    // The live database by its plain name names the reason.
    let err = db.backup_to(&data.join(DATABASE_FILE)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ProtectedPath);
    assert!(err.to_string().contains("live database"), "{err}");
    let err = db.backup_to(&data.join("backups/x.sqlite3")).unwrap_err();
    assert!(
        err.to_string().contains("automatic backups folder"),
        "{err}"
    );

    // Elsewhere, and in the data folder itself beside the database, is fine.
    let resolved =
        refuse_protected_target(db.path(), &elsewhere.join("../elsewhere/ok.sqlite3")).unwrap();
    assert_eq!(
        resolved,
        elsewhere.canonicalize().unwrap().join("ok.sqlite3")
    );
    db.backup_to(&elsewhere.join("ok.sqlite3")).unwrap();
    db.backup_to(&data.join("my-copy.sqlite3")).unwrap();
    assert_eq!(
        count(&Database::open(&elsewhere.join("ok.sqlite3")).unwrap()),
        rows
    );
}

#[test]
fn atomic_write_replaces_whole_files_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    std::fs::write(&target, b"old").unwrap();
    soremap_core::backup::atomic_write(&target, |f, _| {
        use std::io::Write;
        f.write_all(b"new")
            .map_err(|e| Error::io("write", &target, e))
    })
    .unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    let err = soremap_core::backup::atomic_write(&target, |f, _| {
        use std::io::Write;
        f.write_all(b"half").unwrap();
        Err::<(), _>(Error::invalid("test", "stopped half way"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("stopped half way"));
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn any_bytes_as_a_backup_are_refused_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..3000), header in any::<bool>()) {
            let dir = tempfile::tempdir().unwrap();
            let mut db = Database::open_in_dir(&dir.path().join("data")).unwrap();
            let path = dir.path().join("b.sqlite3");
            let mut content = if header { b"SQLite format 3\0".to_vec() } else { Vec::new() };
            content.extend(bytes);
            std::fs::write(&path, content).unwrap();
            prop_assert!(db.restore(&path, t(NOW)).is_err());
            prop_assert!(restore_into_dir(&dir.path().join("data"), &path, t(NOW)).is_err());
        }

        #[test]
        fn any_text_as_a_target_is_an_answer(text in "\\PC{0,60}") {
            let dir = tempfile::tempdir().unwrap();
            let db = Database::open_in_dir(dir.path()).unwrap();
            let _ = refuse_protected_target(db.path(), Path::new(&text));
        }
    }
}
