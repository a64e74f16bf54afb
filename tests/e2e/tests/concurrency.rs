//! The window stays usable while SoreMap works, and one data folder has one SoreMap.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use soremap_core::{synthetic, Database};
use soremap_e2e::{app_path, Session, WAIT};

/// A JSON export of `days` of synthetic log, written with the core itself.
fn big_export(dir: &std::path::Path, days: u32) -> std::path::PathBuf {
    let source = dir.join("source");
    let mut db = Database::open_in_dir(&source).unwrap();
    let now = chrono::Local::now().naive_local();
    synthetic::generate(&mut db, days, 48, now, 7).unwrap();
    let path = dir.join("years.json");
    db.export_json(&path, now).unwrap();
    path
}

fn progress(s: &Session) -> Option<f64> {
    s.execute(
        "const p = document.querySelector('.data-view progress');
         return p && !p.hidden ? p.value : null;",
        vec![],
    )
    .unwrap()
    .as_f64()
}

#[test]
fn the_map_answers_while_a_large_import_runs() {
    let files = tempfile::tempdir().unwrap();
    let export = big_export(files.path(), 10 * 365);
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on("[data-action=data]");
    s.type_into("[name=import-path]", export.to_str().unwrap());
    s.click_on("[data-action=import-preview]");
    s.wait_for_text("[data-status=import].status-ok", "Ready to import", WAIT)
        .unwrap();
    s.click_on("[data-action=import-confirm]");

    // The progress bar moves.
    let start = Instant::now();
    let first = loop {
        if let Some(v) = progress(&s).filter(|v| *v > 0.0) {
            break v;
        }
        assert!(start.elapsed() < WAIT, "the progress bar never moved");
        std::thread::sleep(Duration::from_millis(20));
    };
    let later = loop {
        let v = progress(&s).expect("still importing");
        if v > first {
            break v;
        }
        assert!(start.elapsed() < WAIT, "the progress bar stuck at {first}");
        std::thread::sleep(Duration::from_millis(20));
    };

    // Meanwhile a click on the map opens the region's panel before the import is done: the
    // import commits all at once, so its entries are not visible yet.
    let clicked = Instant::now();
    s.click_on(".figure[data-view=back] .region[data-region=soleus][data-side=left]");
    s.wait_for_text(".region-panel h2", "Left soleus", WAIT)
        .unwrap();
    let entries = |s: &Session| {
        s.invoke("region_entries", json!({"region": "calf", "side": "left"}))["ok"]
            .as_array()
            .map(Vec::len)
    };
    assert_eq!(entries(&s), Some(0), "the import had already finished");
    eprintln!(
        "progress {first} then {later}; the panel came {:?} after the click",
        clicked.elapsed()
    );
    s.screenshot("50-panel-during-import").unwrap();

    // The import finishes, and its records are there.
    let start = Instant::now();
    while entries(&s) == Some(0) {
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the import never finished"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn a_second_soremap_on_the_same_data_folder_says_so_and_leaves() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    let db = data.path().join("soremap.sqlite3");
    let before = std::fs::metadata(&db).unwrap().modified().unwrap();

    // Without a session bus, as on many minimal desktops and in CI.
    let mut second = Command::new(app_path())
        .args(["--data-dir", data.path().to_str().unwrap()])
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = second.kill();
            panic!("the second SoreMap kept running");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut second.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("already open with the data in"), "{stderr}");
    assert_eq!(
        std::fs::metadata(&db).unwrap().modified().unwrap(),
        before,
        "the second one did not touch the database"
    );
    // The first one still answers.
    s.click_on(".figure[data-view=back] .region[data-region=soleus][data-side=left]");
    s.wait_for_text(".region-panel h2", "Left soleus", WAIT)
        .unwrap();
}
