//! Export, import, backups and restore on real files.

use chrono::NaiveDateTime;
use soremap_core::model::{RegionSideInput, SorenessInput, TreatmentInput, WorkoutInput};
use soremap_core::{Database, ErrorKind};

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}
const NOW: &str = "2026-11-22T12:00";

fn filled(dir: &std::path::Path) -> Database {
    let mut db = Database::open_in_dir(dir).unwrap();
    let now = t(NOW);
    for (day, v) in [(18, 4.0), (19, 7.0), (20, 3.0)] {
        db.log_soreness(
            &SorenessInput {
                targets: vec![RegionSideInput {
                    region: "calf".into(),
                    side: "left".into(),
                }],
                intensity: v,
                kind: "doms".into(),
                symptoms: if day == 19 {
                    vec!["swelling".into()]
                } else {
                    vec![]
                },
                note: if day == 20 {
                    "=SUM(A1)".into()
                } else {
                    "line one, \"quoted\"\nline two".into()
                },
                at: Some(format!("2026-11-{day}T08:00")),
            },
            now,
        )
        .unwrap();
    }
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

#[test]
fn json_round_trips_into_a_fresh_folder_without_duplicates() {
    let a = tempfile::tempdir().unwrap();
    let db = filled(a.path());
    let file = a.path().join("export.json");
    let summary = db.export_json(&file, t(NOW)).unwrap();
    assert_eq!(
        (summary.entries, summary.workouts, summary.treatments),
        (3, 1, 1)
    );

    let b = tempfile::tempdir().unwrap();
    let mut fresh = Database::open_in_dir(b.path()).unwrap();
    let parsed = fresh.read_import(&file, t(NOW)).unwrap();
    let preview = fresh.preview_import(&parsed).unwrap();
    assert_eq!((preview.new_records, preview.duplicates), (5, 0));
    assert_eq!(preview.first.as_deref(), Some("2026-11-17T18:00:00"));
    assert_eq!(preview.last.as_deref(), Some("2026-11-20T08:00:00"));
    fresh.apply_import(&parsed, t(NOW)).unwrap();

    let mut left = db.export_file(t(NOW)).unwrap();
    let mut right = fresh.export_file(t(NOW)).unwrap();
    left.exported_at.clear();
    right.exported_at.clear();
    assert_eq!(left, right, "the imported log equals the exported one");

    // Again: nothing new.
    let again = fresh.preview_import(&parsed).unwrap();
    assert_eq!((again.new_records, again.duplicates), (0, 5));
    fresh.apply_import(&parsed, t(NOW)).unwrap();
    assert_eq!(count(&fresh), 5);
}

#[test]
fn hostile_or_broken_files_are_refused_and_change_nothing() {
    let a = tempfile::tempdir().unwrap();
    let db = filled(a.path());
    let good = serde_json::to_value(db.export_file(t(NOW)).unwrap()).unwrap();
    let text = serde_json::to_string(&good).unwrap();
    let mut bad_record = good.clone();
    bad_record["entries"][1]["intensity"] = 14.into();
    bad_record["entries"][2]["id"] = "x-new".into();
    let mut unknown_region = good.clone();
    unknown_region["entries"][0]["region"] = "elbow-pit".into();
    let mut future = good.clone();
    future["version"] = 99.into();
    let mut extra = good.clone();
    extra["entries"][0]["owner"] = "someone".into();
    let mut dup = good.clone();
    let first = dup["entries"][0].clone();
    dup["entries"].as_array_mut().unwrap().push(first);
    let mut future_date = good.clone();
    future_date["workouts"][0]["at"] = "2099-01-01T00:00:00".into();
    let mut sql = good.clone();
    sql["entries"][0]["id"] = "1'); DROP TABLE soreness_entries; --".into();

    let cases: Vec<(String, &str)> = vec![
        (text[..text.len() / 2].to_owned(), "the file is cut off"),
        ("{}".into(), "not a SoreMap JSON export"),
        ("[1,2,3]".into(), "not a SoreMap JSON export"),
        (
            String::from_utf8_lossy(&[0xff, 0xfe, 0x00]).into_owned(),
            "not a SoreMap JSON export",
        ),
        (future.to_string(), "newer SoreMap"),
        (
            bad_record.to_string(),
            "entries[1]: Invalid intensity: 14 is outside 0 to 10",
        ),
        (
            unknown_region.to_string(),
            "entries[0]: There is no body region called \"elbow-pit\"",
        ),
        (extra.to_string(), "unknown field `owner`"),
        (dup.to_string(), "appears twice"),
        (future_date.to_string(), "in the future"),
        (sql.to_string(), "is not a valid id"),
    ];
    let before = db.export_file(t(NOW)).unwrap();
    for (content, words) in cases {
        let err = db.parse_import(content.as_bytes(), t(NOW)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(err.to_string().contains(words), "{words}: {err}");
    }
    let mut after = db.export_file(t(NOW)).unwrap();
    after.exported_at = before.exported_at.clone();
    assert_eq!(after, before, "nothing changed");

    let missing = db
        .read_import(&a.path().join("nope.json"), t(NOW))
        .unwrap_err();
    assert!(missing.to_string().contains("cannot read"), "{missing}");
}

#[test]
fn csv_has_headers_quotes_and_no_formulas() {
    let a = tempfile::tempdir().unwrap();
    let db = filled(a.path());
    let path = a.path().join("entries.csv");
    db.export_csv("entries", &path, t(NOW)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,at,region,side,intensity,kind,symptoms,note"
    );
    assert!(
        text.contains(
            "2026-11-19T08:00:00,calf,left,7,doms,swelling,\"line one, \"\"quoted\"\"\nline two\""
        ),
        "{text}"
    );
    assert!(
        text.contains("2026-11-20T08:00:00,calf,left,3,doms,,'=SUM(A1)\n"),
        "{text}"
    );
    for kind in ["workouts", "treatments"] {
        let p = a.path().join(format!("{kind}.csv"));
        db.export_csv(kind, &p, t(NOW)).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap().lines().count(), 2);
    }
    assert!(db.export_csv("everything", &path, t(NOW)).is_err());
}

#[test]
fn backups_snapshot_and_restore_round_trip() {
    let a = tempfile::tempdir().unwrap();
    let mut db = filled(a.path());
    let first = db
        .daily_backup(t(NOW))
        .unwrap()
        .expect("first daily backup");
    assert!(first.is_file());
    assert!(
        db.daily_backup(t(NOW)).unwrap().is_none(),
        "at most once a day"
    );

    let chosen = a.path().join("my-backup.sqlite3");
    db.backup_to(&chosen).unwrap();
    // The save dialog asked before replacing: a second backup replaces the file whole.
    db.backup_to(&chosen).unwrap();
    assert!(chosen.is_file());

    // Log more, then restore the backup: the extra entry is gone, and was saved first.
    db.log_soreness(
        &SorenessInput {
            targets: vec![RegionSideInput {
                region: "neck".into(),
                side: "center".into(),
            }],
            intensity: 2.0,
            kind: "stiffness".into(),
            symptoms: vec![],
            note: String::new(),
            at: Some("2026-11-22T09:00".into()),
        },
        t(NOW),
    )
    .unwrap();
    assert_eq!(count(&db), 6);
    let saved = db.restore_from(&chosen, t(NOW)).unwrap();
    assert_eq!(count(&db), 5);
    let previous = Database::open(&saved).unwrap();
    assert_eq!(count(&previous), 6, "the state before the restore was kept");
    assert!(!db.backups().unwrap().is_empty());

    // Not a database: refused, nothing changed.
    let junk = a.path().join("junk.sqlite3");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert!(db.restore_from(&junk, t(NOW)).is_err());
    assert_eq!(count(&db), 5);
}

#[test]
fn daily_backups_are_pruned() {
    let a = tempfile::tempdir().unwrap();
    let db = filled(a.path());
    for day in 1..=10 {
        db.daily_backup(t(&format!("2026-11-{day:02}T08:00")))
            .unwrap();
    }
    let daily = db
        .backups()
        .unwrap()
        .into_iter()
        .filter(|p| p.contains("daily"))
        .count();
    assert_eq!(daily, soremap_core::backup::KEEP_DAILY);
}

#[test]
fn a_migration_is_preceded_by_a_backup() {
    let a = tempfile::tempdir().unwrap();
    let path = a.path().join("soremap.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        soremap_core::db::migrations()
            .to_version(&mut conn, 1)
            .unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('pregnancy', 'on')",
            [],
        )
        .unwrap();
    }
    let db = Database::open(&path).unwrap();
    assert!(
        db.settings().unwrap().pregnancy,
        "user data survives the upgrade"
    );
    let backups = db.backups().unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].contains("before-schema"), "{backups:?}");
    let old = rusqlite::Connection::open(&backups[0]).unwrap();
    let version: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
}
