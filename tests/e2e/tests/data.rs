//! Trends, export and import, hostile imports, backups and restore in the real app.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};
use soremap_e2e::{days_ago_at, hours_ago, Session, WAIT};

fn log(s: &Session, region: &str, side: &str, intensity: u8, at: &str) {
    let reply = s.invoke(
        "log_soreness",
        json!({"input": {"targets": [{"region": region, "side": side}], "intensity": intensity,
               "kind": "doms", "symptoms": [], "note": "", "at": at}}),
    );
    assert!(reply["ok"].is_array(), "{reply}");
}

/// Six days of backfilled soreness (one entry a day, the last one now), a workout and a
/// treatment. Each entry has a day of its own at any time of day the tests run.
fn backfill(s: &Session) {
    for (days, left, right) in [
        (5, 2, 1),
        (4, 6, 3),
        (3, 7, 4),
        (2, 5, 3),
        (1, 3, 1),
        (0, 1, 0),
    ] {
        let at = if days == 0 {
            hours_ago(0)
        } else {
            days_ago_at(days, "12:00")
        };
        log(s, "calf", "left", left, &at);
        log(s, "calf", "right", right, &at);
    }
    let reply = s.invoke("log_workout",
        json!({"input": {"activity": "Long run", "effort": 8, "duration_min": 95,
               "at": days_ago_at(5, "08:00"), "targets": [{"region": "calf", "side": "left"}, {"region": "calf", "side": "right"}]}}),
    );
    assert!(reply["ok"]["id"].is_string(), "{reply}");
    let reply = s.invoke(
        "log_treatment",
        json!({"input": {"region": "calf", "side": "left", "technique": "foam-rolling",
               "duration_sec": 120, "before": 7, "after": 5, "at": days_ago_at(3, "14:00")}}),
    );
    assert!(reply["ok"]["id"].is_string(), "{reply}");
}

fn export_counts(s: &Session, dir: &Path, name: &str) -> Value {
    let path = dir.join(name);
    let reply = s.invoke("export_json", json!({"path": path.to_str().unwrap()}));
    assert!(reply["ok"].is_object(), "{reply}");
    let mut file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    file["exported_at"] = Value::Null;
    file
}

#[test]
fn trends_after_several_days() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    backfill(&s);
    s.click_on("[data-action=trends]");
    s.wait_for(".trends .trend-chart canvas", WAIT).unwrap();
    let chart = s.find(".trend-chart").unwrap();
    assert_eq!(s.attr(&chart, "data-points").unwrap().as_deref(), Some("6"));
    s.wait_for(".year-grid", WAIT).unwrap();
    assert!(
        s.find_all(".year-grid .year-day[data-level]")
            .unwrap()
            .len()
            >= 5
    );
    let episodes = s.find_all("[data-table=episodes] tbody tr").unwrap();
    assert_eq!(episodes.len(), 2, "one recovery per calf");
    let asym = s
        .wait_for_text("[data-table=asymmetry]", "Calf", WAIT)
        .unwrap();
    assert!(asym.contains("4.0") && asym.contains("2.0"), "{asym}");
    let effects = s
        .wait_for_text("[data-table=effects]", "Foam rolling", WAIT)
        .unwrap();
    assert!(effects.contains("7.0 → 5.0"), "{effects}");
    s.screenshot("30-trends").unwrap();

    // Scrub the body heatmap back to the first day: the left calf shows that day's value.
    s.execute(
        "const r = document.querySelector('.scrubber input[type=range]'); r.value = '0';
         r.dispatchEvent(new Event('input'));",
        vec![],
    )
    .unwrap();
    let start = std::time::Instant::now();
    loop {
        let shape = s
            .find(".figure[data-view=back] .region[data-region=gastrocnemius][data-side=left]")
            .unwrap();
        if s.attr(&shape, "data-level").unwrap().as_deref() == Some("2") {
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "heatmap did not move to the first day"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Clicking the map in Trends charts that region-side (the calf, which the muscle is part
    // of), without drawing the rest of the view again.
    s.execute(
        "document.querySelector('.trends').dataset.kept = 'yes'",
        vec![],
    )
    .unwrap();
    s.click_on(".figure[data-view=back] .region[data-region=gastrocnemius][data-side=right]");
    s.wait_for(".chart-key-item[data-series='calf/right']", WAIT)
        .unwrap();
    s.wait_for(".trend-chart[data-points=\"6\"] canvas", WAIT)
        .unwrap();
    assert_eq!(s.find_all(".trends[data-kept=yes]").unwrap().len(), 1);
    let reply = s.invoke("trends", json!({"from": "2026-12-01", "to": "2026-01-01"}));
    assert!(
        reply["error"]["message"]
            .as_str()
            .unwrap()
            .contains("before"),
        "{reply}"
    );
}

#[test]
fn export_then_import_into_a_fresh_folder_gives_the_same_log() {
    let files = tempfile::tempdir().unwrap();
    let export = files.path().join("soremap-export.json");
    let first = tempfile::tempdir().unwrap();
    let original = {
        let s = Session::launch_in(first.path());
        backfill(&s);
        s.click_on("[data-action=data]");
        s.type_into("[name=export-path]", export.to_str().unwrap());
        s.click_on("[data-action=export]");
        let status = s
            .wait_for_text(
                "[data-section=export] .status-ok",
                "Exported 12 entries",
                WAIT,
            )
            .unwrap();
        assert!(status.contains("1 workouts, 1 treatments"), "{status}");
        export_counts(&s, files.path(), "a.json")
    };
    let second = tempfile::tempdir().unwrap();
    let s = Session::launch_in(second.path());
    s.click_on("[data-action=data]");
    // Your data names the log file, and the app is writing it.
    let log = s
        .wait_for_text("[data-log-file] code", "soremap.log", WAIT)
        .unwrap();
    assert!(
        std::path::Path::new(&log).exists(),
        "the log file {log} exists"
    );
    s.type_into("[name=import-path]", export.to_str().unwrap());
    s.click_on("[data-action=import-preview]");
    let preview = s
        .wait_for_text(
            "[data-section=import] .status-ok",
            "14 new, 0 already",
            WAIT,
        )
        .unwrap();
    assert!(
        preview.contains("12 soreness entries, 1 workouts, 1 treatments"),
        "{preview}"
    );
    s.screenshot("31-import-preview").unwrap();
    s.click_on("[data-action=import-confirm]");
    s.wait_for_text("[data-section=import] .status-ok", "Imported.", WAIT)
        .unwrap();
    let imported = export_counts(&s, files.path(), "b.json");
    for key in ["entries", "workouts", "treatments"] {
        assert_eq!(imported[key], original[key], "{key} differ");
    }
    // Importing again adds nothing.
    s.click_on("[data-action=import-preview]");
    s.wait_for_text(
        "[data-section=import] .status-ok",
        "0 new, 14 already",
        WAIT,
    )
    .unwrap();
}

#[test]
fn a_hostile_import_is_refused_with_a_message_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    log(&s, "neck", "center", 3, &hours_ago(2));
    let before = export_counts(&s, files.path(), "before.json");
    let mut hostile = before.clone();
    hostile["exported_at"] = json!("2026-01-01T00:00:00");
    hostile["entries"][0]["id"] = json!("new-id");
    hostile["entries"][0]["intensity"] = json!(14);
    hostile["entries"][0]["note"] = json!("<img src=x onerror=\"window.__xss=1\">");
    let path = files.path().join("hostile.json");
    std::fs::write(&path, serde_json::to_vec(&hostile).unwrap()).unwrap();
    let truncated = files.path().join("truncated.json");
    let text = serde_json::to_string(&before).unwrap();
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();

    s.click_on("[data-action=data]");
    for (file, words) in [
        (&path, "Invalid intensity: 14 is outside 0 to 10"),
        (&truncated, "not a SoreMap JSON export"),
    ] {
        s.type_into("[name=import-path]", file.to_str().unwrap());
        s.click_on("[data-action=import-preview]");
        let message = s
            .wait_for_text("[data-section=import] .status-error", words, WAIT)
            .unwrap();
        assert!(message.contains("Invalid import file"), "{message}");
        let confirm = s.find("[data-action=import-confirm]").unwrap();
        assert_eq!(s.attr(&confirm, "hidden").unwrap().as_deref(), Some("true"));
    }
    s.screenshot("32-hostile-import").unwrap();
    let reply = s.invoke(
        "apply_import",
        json!({"path": path.to_str().unwrap(), "onProgress": null}),
    );
    assert!(reply.get("error").is_some(), "{reply}");
    let after = export_counts(&s, files.path(), "after.json");
    assert_eq!(after, before, "nothing changed");
    let xss = s.execute("return window.__xss ?? null;", vec![]).unwrap();
    assert_eq!(xss, Value::Null);
}

#[test]
fn back_up_and_restore_round_trip() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let backup = files.path().join("backup.sqlite3");
    let s = Session::launch_in(data.path());
    log(&s, "glutes", "left", 5, &hours_ago(3));
    s.click_on("[data-action=data]");
    // The automatic daily backup was taken at start-up.
    s.wait_for_text(
        "[data-section=backups] .backup-list",
        "soremap-daily-",
        WAIT,
    )
    .unwrap();
    s.type_into("[name=backup-path]", backup.to_str().unwrap());
    s.click_on("[data-action=backup]");
    s.wait_for_text("[data-status=backup].status-ok", "Backed up to", WAIT)
        .unwrap();
    assert!(backup.is_file());

    log(&s, "glutes", "right", 8, &hours_ago(1));
    let before = export_counts(&s, files.path(), "with-both.json");
    assert_eq!(before["entries"].as_array().unwrap().len(), 2);

    s.type_into("[name=restore-path]", backup.to_str().unwrap());
    s.click_on("[data-action=restore]");
    s.wait_for(".confirm:not([hidden])", WAIT).unwrap();
    s.screenshot("33-restore-confirm").unwrap();
    s.click_on("[data-action=restore-confirm]");
    let status = s
        .wait_for_text(
            "[data-status=restore].status-ok",
            "Restored 1 soreness entry",
            WAIT,
        )
        .unwrap();
    assert!(status.contains("soremap-before-restore-"), "{status}");
    let after = export_counts(&s, files.path(), "restored.json");
    assert_eq!(
        after["entries"].as_array().unwrap().len(),
        1,
        "back to the backup"
    );

    // Not a backup: refused in words, nothing changed.
    let junk = files.path().join("junk.sqlite3");
    std::fs::write(&junk, b"definitely not sqlite").unwrap();
    s.type_into("[name=restore-path]", junk.to_str().unwrap());
    s.click_on("[data-action=restore]");
    s.click_on("[data-action=restore-confirm]");
    s.wait_for_text(
        "[data-section=backups] .status-error",
        "Nothing was changed",
        WAIT,
    )
    .unwrap();
    let still = export_counts(&s, files.path(), "still.json");
    assert_eq!(still["entries"], after["entries"]);
}

#[test]
fn a_damaged_database_offers_a_restore_from_the_automatic_backups() {
    let data = tempfile::tempdir().unwrap();
    {
        let s = Session::launch_in(data.path());
        log(&s, "calf", "left", 4, &hours_ago(2));
        s.click_on("[data-action=data]");
        s.wait_for_text(
            "[data-section=backups] .backup-list",
            "soremap-daily-",
            WAIT,
        )
        .unwrap();
    }
    // The database is damaged while SoreMap is closed.
    let db = data.path().join("soremap.sqlite3");
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(data.path().join(format!("soremap.sqlite3{side}")));
    }
    std::fs::write(&db, b"this is no longer a database").unwrap();

    let s = Session::launch_in(data.path());
    s.wait_for_text(".map-area, body", "could not open your data", WAIT)
        .unwrap();
    s.screenshot("34-damaged-database").unwrap();
    s.click_on("[data-action=offer-restore]");
    s.click_on("[data-section=backups] .backup-list li button");
    s.click_on("[data-action=restore]");
    s.click_on("[data-action=restore-confirm]");
    // Restored, the window starts afresh with the map.
    s.wait_for(".body-map .region", WAIT).unwrap();
    let kept: Vec<String> = std::fs::read_dir(data.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        kept.iter().any(|n| n.starts_with("soremap-unusable-")),
        "the damaged file is kept aside: {kept:?}"
    );
    let reply = s.invoke("app_info", json!({}));
    assert!(reply["ok"]["database_path"].is_string(), "{reply}");
}
