//! Export, import, back up and restore the way a person does it: every file is chosen in the
//! system's own file dialog (GTK, typed into with xdotool), and the data makes the round trip.

use std::path::Path;

use serde_json::{json, Value};
use soremap_e2e::{dialog, hours_ago, Session, WAIT};

fn log(s: &Session, region: &str, side: &str, intensity: u8, hours: i64) {
    let reply = s.invoke(
        "log_soreness",
        json!({"input": {"targets": [{"region": region, "side": side}], "intensity": intensity,
               "kind": "doms", "symptoms": [], "note": "", "at": hours_ago(hours)}}),
    );
    assert!(reply["ok"].is_array(), "{reply}");
}

/// The records of a JSON export file, for comparing logs.
fn records(path: &Path) -> Value {
    let file: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    json!({"entries": file["entries"], "workouts": file["workouts"], "treatments": file["treatments"]})
}

fn input_value(s: &Session, name: &str) -> String {
    let el = s.wait_for(&format!("[name={name}]"), WAIT).unwrap();
    s.execute(
        "return arguments[0].value;",
        vec![Session::element_arg(&el)],
    )
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

fn choose(s: &Session, field: &str) {
    s.click_on(&format!("[data-choose={field}]"));
}

#[test]
fn export_import_back_up_and_restore_through_the_file_dialogs() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let export = files.path().join("my-log.json");
    let csv = files.path().join("entries.csv");
    let backup = files.path().join("my-backup.sqlite3");

    let s = Session::launch_in(data.path());
    log(&s, "calf", "left", 6, 30);
    log(&s, "calf", "right", 4, 30);
    log(&s, "quadriceps", "left", 5, 6);
    s.click_on("[data-action=data]");

    // The save dialog suggests a dated name for what is being exported.
    choose(&s, "export-path");
    dialog::accept("Export SoreMap data").unwrap();
    let suggested = input_value(&s, "export-path");
    let today = hours_ago(0)[..10].to_owned();
    assert!(
        suggested.ends_with(&format!("soremap-{today}.json")),
        "{suggested}"
    );

    // Export everything as JSON to a file typed into the dialog.
    choose(&s, "export-path");
    dialog::save_as("Export SoreMap data", &export).unwrap();
    assert_eq!(input_value(&s, "export-path"), export.to_str().unwrap());
    s.click_on("[data-action=export]");
    s.wait_for_text("[data-status=export].status-ok", "Exported 3 entries", WAIT)
        .unwrap();
    let exported = records(&export);
    assert_eq!(exported["entries"].as_array().unwrap().len(), 3);

    // Exporting to the same file again: the dialog asks before replacing it.
    choose(&s, "export-path");
    dialog::replace("Export SoreMap data", &export).unwrap();
    s.click_on("[data-action=export]");
    s.wait_for_text("[data-status=export].status-ok", "Exported 3 entries", WAIT)
        .unwrap();

    // CSV: the dialog suggests a .csv name for entries.
    s.execute(
        "const k = document.querySelector('[name=export-kind]'); k.value = 'entries';
         k.dispatchEvent(new Event('change'));",
        vec![],
    )
    .unwrap();
    choose(&s, "export-path");
    dialog::save_as("Export SoreMap data", &csv).unwrap();
    s.click_on("[data-action=export]");
    s.wait_for_text("[data-status=export].status-ok", "Exported 3 entries", WAIT)
        .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");

    // Back up now, to a file chosen in the dialog.
    choose(&s, "backup-path");
    dialog::save_as("Back up SoreMap", &backup).unwrap();
    s.click_on("[data-action=backup]");
    s.wait_for_text("[data-status=backup].status-ok", "Backed up to", WAIT)
        .unwrap();
    assert!(backup.is_file());
    s.screenshot("40-data-after-dialogs").unwrap();
    drop(s);

    // A fresh folder: import the export through the open dialog.
    let fresh = tempfile::tempdir().unwrap();
    let s = Session::launch_in(fresh.path());
    s.click_on("[data-action=data]");
    choose(&s, "import-path");
    dialog::open("Import a SoreMap export", &export).unwrap();
    assert_eq!(input_value(&s, "import-path"), export.to_str().unwrap());
    s.click_on("[data-action=import-preview]");
    s.wait_for_text("[data-status=import].status-ok", "Ready to import", WAIT)
        .unwrap();
    s.click_on("[data-action=import-confirm]");
    s.wait_for_text("[data-status=import].status-ok", "Imported.", WAIT)
        .unwrap();
    let again = files.path().join("again.json");
    let reply = s.invoke("export_json", json!({"path": again.to_str().unwrap()}));
    assert!(reply["ok"].is_object(), "{reply}");
    assert_eq!(records(&again), exported, "the import holds the same log");

    // Log one more, then restore the backup through the open dialog: back to three entries.
    log(&s, "glutes", "left", 3, 1);
    choose(&s, "restore-path");
    dialog::open("Restore a SoreMap backup", &backup).unwrap();
    s.click_on("[data-action=restore]");
    s.click_on("[data-action=restore-confirm]");
    let status = s
        .wait_for_text("[data-status=restore].status-ok", "Restored", WAIT)
        .unwrap();
    assert!(status.contains("before-restore"), "{status}");
    let restored = files.path().join("restored.json");
    let reply = s.invoke("export_json", json!({"path": restored.to_str().unwrap()}));
    assert!(reply["ok"].is_object(), "{reply}");
    assert_eq!(records(&restored), exported, "back to the backup");
    s.screenshot("41-restored-through-dialog").unwrap();
}
