//! The store on real SQLite files in temporary folders.

use rusqlite::Connection;
use soremap_core::catalogue::Catalogue;
use soremap_core::db::{migrations, schema_version, DATABASE_FILE};
use soremap_core::{Database, ErrorKind};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn migrations_are_valid() {
    migrations().validate().expect("migrations validate");
}

#[test]
fn opening_creates_folder_and_file_with_pragmas() {
    let dir = temp();
    let data = dir.path().join("nested/data");
    let db = Database::open_in_dir(&data).unwrap();
    assert_eq!(db.path(), data.join(DATABASE_FILE));
    assert!(data.join(DATABASE_FILE).is_file());

    let info = db.info().unwrap();
    assert_eq!(info.schema_version, schema_version());
    assert_eq!(info.data_dir, data.display().to_string());

    let conn = Connection::open(data.join(DATABASE_FILE)).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn connection_enforces_foreign_keys() {
    let dir = temp();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    let err = db
        .write(|tx| {
            tx.execute(
                "INSERT INTO point_uses (point_id, region_id) VALUES ('BL40', 'no-such-region')",
                [],
            )?;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Database);
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Database::open(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DatabaseTooNew);
    let message = err.to_string();
    assert!(message.contains("newer version of SoreMap"), "{message}");
    assert!(message.contains("schema 99"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file was modified");
    assert!(!dir.path().join(format!("{DATABASE_FILE}-wal")).exists());
}

#[test]
fn a_file_that_is_not_a_database_gets_a_clear_error() {
    let dir = temp();
    let path = dir.path().join(DATABASE_FILE);
    std::fs::write(&path, b"this is not sqlite, it is a shopping list").unwrap();
    let err = Database::open(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Database);
    assert!(err.to_string().contains("not a database"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"this is not sqlite, it is a shopping list"
    );
}

#[test]
fn an_unusable_data_folder_is_named() {
    let dir = temp();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"x").unwrap();
    let err = Database::open_in_dir(&blocker.join("data")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DataDir);
    assert!(err.to_string().contains("file/data"), "{err}");
}

#[test]
fn catalogue_reload_replaces_catalogue_and_keeps_user_data() {
    let dir = temp();
    let path = dir.path().join(DATABASE_FILE);
    let mut db = Database::open(&path).unwrap();
    db.set_setting("pregnancy", "on").unwrap();
    assert!(!db.sync_catalogue(&Catalogue::embedded().unwrap()).unwrap());

    // A new edition of the catalogue: one point fewer.
    let mut next = Catalogue::embedded().unwrap();
    next.points.retain(|p| p.id != "BL40");
    next.fingerprint = "next-edition".into();
    drop(db);
    let db = Database::open_with(&path, &next).unwrap();
    let detail = db.region_detail("back-of-knee", "left").unwrap();
    assert!(detail.points_on.iter().all(|p| p.id != "BL40"));
    assert_eq!(db.setting("pregnancy").unwrap().as_deref(), Some("on"));

    // And back to the shipped one on the next start.
    drop(db);
    let db = Database::open(&path).unwrap();
    let detail = db.region_detail("back-of-knee", "left").unwrap();
    assert!(detail.points_on.iter().any(|p| p.id == "BL40"));
    assert_eq!(db.setting("pregnancy").unwrap().as_deref(), Some("on"));
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = temp();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    let result: soremap_core::Result<()> = db.write(|tx| {
        tx.execute("INSERT INTO settings (key, value) VALUES ('a', '1')", [])?;
        Err(soremap_core::Error::invalid(
            "value",
            "made up for the test",
        ))
    });
    assert!(result.is_err());
    assert_eq!(db.setting("a").unwrap(), None);
}

#[test]
fn region_detail_links_points_on_and_for_a_region() {
    let dir = temp();
    let db = Database::open_in_dir(dir.path()).unwrap();

    let knee = db.region_detail("back-of-knee", "right").unwrap();
    assert_eq!(knee.label, "Right back of knee");
    assert!(knee
        .points_on
        .iter()
        .any(|p| p.code.as_deref() == Some("BL40")));

    let back = db.region_detail("lower-back", "left").unwrap();
    let on: Vec<_> = back.points_on.iter().map(|p| p.id.as_str()).collect();
    let elsewhere: Vec<_> = back.points_for.iter().map(|p| p.id.as_str()).collect();
    assert!(on.contains(&"BL23") && on.contains(&"BL25"), "{on:?}");
    assert!(elsewhere.contains(&"BL40"), "{elsewhere:?}");
    assert!(
        !elsewhere.contains(&"BL23"),
        "points on the region are not repeated"
    );
    assert!(back.techniques.len() >= 2);
    assert!(back.sources.iter().any(|s| s.id == "tcm-tips-recovery"));

    let neck = db.region_detail("neck", "center").unwrap();
    assert_eq!(neck.label, "Neck");
}

#[test]
fn bad_region_or_side_is_named() {
    let dir = temp();
    let db = Database::open_in_dir(dir.path()).unwrap();

    let err = db.region_detail("calf-lft", "left").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownRegion);
    assert_eq!(
        err.to_string(),
        "There is no body region called \"calf-lft\"."
    );

    let err = db.region_detail("calf", "up").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownSide);
    assert!(err.to_string().contains("\"up\""));

    let err = db.region_detail("calf", "center").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SideNotApplicable);
    assert_eq!(
        err.to_string(),
        "The calf has no center side: use left or right."
    );

    let err = db.region_detail("abdomen", "left").unwrap_err();
    assert_eq!(err.to_string(), "The abdomen has no left side: use center.");

    let err = db.region_detail("", "").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownRegion);
}

#[test]
fn every_region_has_techniques_and_every_point_sources() {
    let dir = temp();
    let db = Database::open_in_dir(dir.path()).unwrap();
    for region in db.regions().unwrap() {
        for side in region.sides() {
            let detail = db.region_detail(&region.id, side.as_str()).unwrap();
            assert!(
                detail.techniques.len() >= 2,
                "{} has {} techniques",
                detail.label,
                detail.techniques.len()
            );
            for point in detail.points_on.iter().chain(&detail.points_for) {
                assert!(!point.sources.is_empty(), "{}", point.id);
                for source in &point.sources {
                    assert!(detail.sources.iter().any(|s| &s.id == source));
                }
            }
        }
    }
}

#[test]
fn read_connections_only_read_and_a_snapshot_connection_takes_the_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = soremap_core::Database::open_in_dir(dir.path()).unwrap();
    let mut reader = db.reader().unwrap();
    assert!(!reader.regions().unwrap().is_empty());
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let taken = db
        .snapshotter()
        .unwrap()
        .daily_backup(now)
        .unwrap()
        .expect("a new daily backup");
    assert!(taken.exists());
    let e = reader.set_pregnancy(true).unwrap_err().to_string();
    assert!(e.contains("readonly") || e.contains("read-only"), "{e}");
}
