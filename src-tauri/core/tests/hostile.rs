//! A battery of hostile inputs: values out of range, of the wrong type, huge, in odd Unicode,
//! special files and crafted databases, sent through the commands the window calls (with
//! arguments deserialized as Tauri deserializes them), in import files and in restore files.
//!
//! Every case must be refused with a clear message (not empty, naming the problem, of a
//! sensible length) and must leave the data exactly as it was: the same rows in every user
//! table, no commit seen by another connection, the same bytes in the database and its WAL,
//! and no file added or left behind anywhere in the test folder.

mod common;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, NaiveDateTime};
use common::{call, now, App, Refused};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};
use soremap_core::backup::restore_into_dir;
use soremap_core::model::{RegionSideInput, SorenessInput, TreatmentInput, WorkoutInput};
use soremap_core::Database;

/// The longest message a refusal may have: a huge argument must not make a huge error.
const MAX_MESSAGE_CHARS: usize = 3000;

type Run = Box<dyn FnOnce(&mut App) -> Result<Value, Refused>>;

struct Case {
    what: String,
    /// Text the message must contain.
    expect: &'static str,
    run: Run,
}

fn ipc(what: &str, command: &'static str, args: Value, expect: &'static str) -> Case {
    Case {
        what: format!("{command}: {what}"),
        expect,
        run: Box::new(move |app| call(app, command, &args)),
    }
}

fn minutes(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

fn seconds(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn target(region: &str, side: &str) -> RegionSideInput {
    RegionSideInput {
        region: region.into(),
        side: side.into(),
    }
}

/// The ids the battery aims at: live and deleted records.
struct Ids {
    entry: String,
    deleted_entry: String,
    workout: String,
    deleted_workout: String,
}

/// A log with entries, a deleted entry, workouts (one deleted), a treatment, an acknowledged
/// flag and a health setting; nothing on yesterday, so "same as yesterday" has nothing to copy.
fn seed(db: &mut Database) -> Ids {
    let n = now();
    let ago = |days: i64, hours: i64| minutes(n - Duration::days(days) - Duration::hours(hours));
    let soreness = |region: &str, side: &str, at: String, intensity: f64| SorenessInput {
        targets: vec![target(region, side)],
        intensity,
        kind: "doms".into(),
        symptoms: vec!["swelling".into()],
        note: "after the hills ☕ \u{202E}".into(),
        at: Some(at),
    };
    let entry = db
        .log_soreness(&soreness("calf", "left", ago(3, 0), 6.0), n)
        .unwrap()
        .remove(0)
        .id;
    db.log_soreness(&soreness("calf", "left", ago(2, 1), 4.0), n)
        .unwrap();
    db.log_soreness(&soreness("neck", "center", ago(2, 2), 3.0), n)
        .unwrap();
    let deleted_entry = db
        .log_soreness(&soreness("calf", "right", ago(4, 0), 5.0), n)
        .unwrap()
        .remove(0)
        .id;
    db.delete_soreness(&deleted_entry, n).unwrap();
    let workout = |at: String| WorkoutInput {
        at: Some(at),
        activity: "Trail run".into(),
        effort: 8.0,
        duration_min: 75.0,
        note: String::new(),
        targets: vec![target("calf", "left"), target("calf", "right")],
    };
    let workout_id = db.log_workout(&workout(ago(4, 2)), n).unwrap().id;
    let deleted_workout = db.log_workout(&workout(ago(5, 0)), n).unwrap().id;
    db.delete_workout(&deleted_workout, n).unwrap();
    db.log_treatment(
        &TreatmentInput {
            at: Some(ago(2, 0)),
            region: "calf".into(),
            side: "left".into(),
            technique: Some("foam-rolling".into()),
            point: None,
            duration_sec: 120.0,
            before: Some(7.0),
            after: Some(5.0),
            note: String::new(),
        },
        n,
    )
    .unwrap();
    db.acknowledge_flag(&format!("entry:{entry}:rest-pain"), n)
        .unwrap();
    db.set_health("osteoporosis", true).unwrap();
    Ids {
        entry,
        deleted_entry,
        workout: workout_id,
        deleted_workout,
    }
}

// ---------------------------------------------------------------------------------------------
// What "no change" means.

#[derive(Debug, PartialEq)]
struct State {
    rows: Vec<(String, Vec<String>)>,
    data_version: i64,
    db_bytes: Vec<u8>,
    wal_bytes: Vec<u8>,
    /// Every path under the test folder, with the bytes of files outside the live data folder
    /// (whose `-shm` is SQLite's to change).
    tree: Vec<(PathBuf, Option<Vec<u8>>)>,
}

const USER_TABLES: [&str; 7] = [
    "soreness_entries",
    "workouts",
    "workout_regions",
    "treatments",
    "settings",
    "flag_acks",
    "reminders_sent",
];

fn state(root: &Path, app: &App, observer: &Connection) -> State {
    let mut rows = Vec::new();
    for table in USER_TABLES {
        let mut stmt = observer.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let n = stmt.column_count();
        let mut list: Vec<String> = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Sql>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|v| format!("{v:?}"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        list.sort();
        rows.push((table.to_owned(), list));
    }
    let data_version = observer
        .pragma_query_value(None, "data_version", |r| r.get(0))
        .unwrap();
    let db = app.db_path();
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let mut tree = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p.clone());
                tree.push((p, None));
            } else if meta.is_file() && !p.starts_with(&app.data_dir) && meta.len() < 4_000_000 {
                let bytes = std::fs::read(&p).unwrap();
                tree.push((p, Some(bytes)));
            } else {
                tree.push((p, None));
            }
        }
    }
    tree.sort();
    State {
        rows,
        data_version,
        db_bytes: std::fs::read(&db).unwrap(),
        wal_bytes: std::fs::read(&wal).unwrap_or_default(),
        tree,
    }
}

fn describe_difference(before: &State, after: &State) -> String {
    let mut out = Vec::new();
    if before.rows != after.rows {
        out.push("rows changed".to_owned());
    }
    if before.data_version != after.data_version {
        out.push("another connection committed".to_owned());
    }
    if before.db_bytes != after.db_bytes {
        out.push("the database file changed".to_owned());
    }
    if before.wal_bytes != after.wal_bytes {
        out.push("the WAL changed".to_owned());
    }
    if before.tree != after.tree {
        let names = |s: &State| s.tree.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        let (b, a) = (names(before), names(after));
        let added: Vec<_> = a.iter().filter(|p| !b.contains(p)).collect();
        let removed: Vec<_> = b.iter().filter(|p| !a.contains(p)).collect();
        out.push(format!(
            "files changed (added {added:?}, removed {removed:?})"
        ));
    }
    out.join("; ")
}

// ---------------------------------------------------------------------------------------------
// Files.

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    std::fs::write(path, bytes).unwrap();
    path.to_owned()
}

fn mkfifo(path: &Path) -> PathBuf {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
    path.to_owned()
}

#[cfg(unix)]
fn symlink(to: &Path, at: &Path) -> PathBuf {
    std::os::unix::fs::symlink(to, at).unwrap();
    at.to_owned()
}

/// A symlink that points to itself through a second one.
fn symlink_loop(dir: &Path, name: &str) -> PathBuf {
    let a = dir.join(format!("{name}-a"));
    let b = dir.join(format!("{name}-b"));
    symlink(&b, &a);
    symlink(&a, &b);
    a
}

fn sparse(path: &Path, len: u64) -> PathBuf {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
    path.to_owned()
}

/// Bytes that look like nothing in particular.
fn junk(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

fn p(path: &Path) -> Value {
    json!({ "path": path.to_string_lossy() })
}

// ---------------------------------------------------------------------------------------------
// The cases.

fn ipc_cases(app: &App, ids: &Ids, root: &Path) -> Vec<Case> {
    let n = now();
    let huge = "x".repeat(1_000_000);
    let db = app.db_path();
    let data = app.data_dir.clone();
    let out = root.join("out");
    let mut cases = Vec::new();
    let mut c = |case: Case| cases.push(case);

    // Region-sides, for every command that takes one.
    for command in ["region_detail", "episode", "episodes", "region_entries"] {
        for (what, region, side, expect) in [
            (
                "empty region",
                json!(""),
                json!("left"),
                "no body region called \"\"",
            ),
            ("empty side", json!("calf"), json!(""), "\"\" is not a side"),
            (
                "side in capitals",
                json!("calf"),
                json!("LEFT"),
                "is not a side",
            ),
            (
                "no center on a sided region",
                json!("calf"),
                json!("center"),
                "has no center side",
            ),
            (
                "no left on a central region",
                json!("neck"),
                json!("left"),
                "has no left side",
            ),
            (
                "a megabyte of region",
                json!(huge),
                json!("left"),
                "no body region called",
            ),
            (
                "RTL override in region",
                json!("\u{202E}calf"),
                json!("left"),
                "no body region",
            ),
            (
                "NUL in region",
                json!("calf\0"),
                json!("left"),
                "no body region",
            ),
            (
                "zero-width space in side",
                json!("calf"),
                json!("le\u{200B}ft"),
                "is not a side",
            ),
            (
                "combining mark in region",
                json!("calf\u{0301}"),
                json!("left"),
                "no body region",
            ),
            ("emoji region", json!("💪🏽"), json!("left"), "no body region"),
            (
                "SQL in region",
                json!("calf' OR '1'='1"),
                json!("left"),
                "no body region",
            ),
            (
                "null region",
                json!(null),
                json!("left"),
                "invalid type: null, expected a string",
            ),
            (
                "number side",
                json!("calf"),
                json!(1),
                "invalid type: integer `1`, expected a string",
            ),
            (
                "array side",
                json!("calf"),
                json!(["left"]),
                "invalid type: sequence",
            ),
        ] {
            c(ipc(
                what,
                command,
                json!({ "region": region, "side": side }),
                expect,
            ));
        }
        c(ipc(
            "missing side",
            command,
            json!({ "region": "calf" }),
            "missing required key side",
        ));
    }
    c(ipc(
        "no arguments object",
        "region_detail",
        json!(["calf", "left"]),
        "not a JSON object",
    ));

    c(ipc(
        "201 characters",
        "search",
        json!({ "query": "a".repeat(201) }),
        "201 characters long",
    ));
    c(ipc(
        "a megabyte",
        "search",
        json!({ "query": huge }),
        "use at most 200",
    ));
    c(ipc(
        "200 emoji and one more",
        "search",
        json!({ "query": "🔥".repeat(201) }),
        "201 characters",
    ));
    c(ipc(
        "number",
        "search",
        json!({ "query": 5 }),
        "invalid type: integer",
    ));
    c(ipc(
        "object",
        "search",
        json!({ "query": { "q": "calf" } }),
        "invalid type: map",
    ));

    for (what, condition, on, expect) in [
        (
            "empty condition",
            json!(""),
            json!(true),
            "not one SoreMap knows",
        ),
        (
            "condition in capitals",
            json!("PREGNANCY"),
            json!(true),
            "\"PREGNANCY\" is not one",
        ),
        (
            "NUL in condition",
            json!("pregnancy\0"),
            json!(true),
            "not one SoreMap knows",
        ),
        (
            "RTL override in condition",
            json!("\u{202E}ycnangerp"),
            json!(true),
            "not one SoreMap knows",
        ),
        (
            "a megabyte of condition",
            json!(huge),
            json!(false),
            "not one SoreMap knows",
        ),
        (
            "on as text",
            json!("pregnancy"),
            json!("yes"),
            "invalid type: string \"yes\", expected a boolean",
        ),
        (
            "on as number",
            json!("pregnancy"),
            json!(1),
            "expected a boolean",
        ),
        (
            "on as null",
            json!("pregnancy"),
            json!(null),
            "expected a boolean",
        ),
    ] {
        c(ipc(
            what,
            "set_health",
            json!({ "condition": condition, "on": on }),
            expect,
        ));
    }

    // Soreness, logged and edited.
    let future = minutes(n + Duration::hours(2));
    let entry = |changes: Value| {
        let mut input = json!({
            "targets": [{ "region": "calf", "side": "left" }],
            "intensity": 5,
            "kind": "doms",
            "symptoms": [],
            "note": "",
            "at": minutes(n - Duration::hours(1)),
        });
        for (k, v) in changes.as_object().unwrap() {
            if v == "@remove" {
                input.as_object_mut().unwrap().remove(k);
            } else {
                input[k] = v.clone();
            }
        }
        input
    };
    let soreness_cases: Vec<(&str, Value, &'static str)> = vec![
        (
            "no targets",
            json!({ "targets": [] }),
            "choose at least one region",
        ),
        (
            "intensity 11",
            json!({ "intensity": 11 }),
            "11 is outside 0 to 10",
        ),
        (
            "intensity -1",
            json!({ "intensity": -1 }),
            "-1 is outside 0 to 10",
        ),
        (
            "intensity 7.5",
            json!({ "intensity": 7.5 }),
            "7.5 is not a whole number",
        ),
        (
            "intensity 1e308",
            json!({ "intensity": 1e308 }),
            "is outside 0 to 10",
        ),
        (
            "intensity as text",
            json!({ "intensity": "7" }),
            "invalid type: string \"7\", expected f64",
        ),
        (
            "intensity as bool",
            json!({ "intensity": true }),
            "expected f64",
        ),
        (
            "intensity null (NaN in JSON)",
            json!({ "intensity": f64::NAN }),
            "invalid type: null, expected f64",
        ),
        (
            "intensity missing",
            json!({ "intensity": "@remove" }),
            "missing field `intensity`",
        ),
        (
            "kind in capitals",
            json!({ "kind": "DOMS" }),
            "\"DOMS\" is not a kind of soreness",
        ),
        (
            "empty kind",
            json!({ "kind": "" }),
            "is not a kind of soreness",
        ),
        (
            "a megabyte of kind",
            json!({ "kind": huge }),
            "is not a kind of soreness",
        ),
        (
            "unknown symptom",
            json!({ "symptoms": ["itchy"] }),
            "\"itchy\" is not a symptom",
        ),
        (
            "symptom with zero-width space",
            json!({ "symptoms": ["swell\u{200B}ing"] }),
            "is not a symptom",
        ),
        (
            "symptoms as text",
            json!({ "symptoms": "swelling" }),
            "expected a sequence",
        ),
        (
            "note of 20 001 characters",
            json!({ "note": "é".repeat(20_001) }),
            "20001 characters long",
        ),
        (
            "note of 2 MB",
            json!({ "note": "x".repeat(2_000_000) }),
            "the most is 20000",
        ),
        (
            "year +262142",
            json!({ "at": "+262142-12-31T23:59" }),
            "after the year 9999",
        ),
        (
            "year -262143",
            json!({ "at": "-262143-01-01T00:00" }),
            "-262143-01-01 is before 1970",
        ),
        (
            "year +10000",
            json!({ "at": "+10000-01-01T00:00" }),
            "after the year 9999",
        ),
        (
            "before 1970",
            json!({ "at": "1969-12-31T23:59" }),
            "before 1970",
        ),
        (
            "month 13",
            json!({ "at": "2026-13-01T08:00" }),
            "is not a date and time",
        ),
        (
            "February 30",
            json!({ "at": "2026-02-30T08:00" }),
            "is not a date and time",
        ),
        (
            "hour 25",
            json!({ "at": "2026-11-01T25:00" }),
            "is not a date and time",
        ),
        (
            "two hours ahead",
            json!({ "at": future }),
            "is in the future",
        ),
        (
            "words for a time",
            json!({ "at": "yesterday" }),
            "\"yesterday\" is not a date and time",
        ),
        (
            "fullwidth digits",
            json!({ "at": "２０２６-１１-０１T08:00" }),
            "is not a date and time",
        ),
        (
            "a megabyte of time",
            json!({ "at": huge }),
            "is not a date and time",
        ),
        (
            "time as number",
            json!({ "at": 1_700_000_000 }),
            "invalid type: integer",
        ),
        (
            "unknown region",
            json!({ "targets": [{ "region": "tail", "side": "left" }] }),
            "no body region called \"tail\"",
        ),
        (
            "side up",
            json!({ "targets": [{ "region": "calf", "side": "up" }] }),
            "\"up\" is not a side",
        ),
        (
            "target without side",
            json!({ "targets": [{ "region": "calf" }] }),
            "missing field `side`",
        ),
        (
            "targets as object",
            json!({ "targets": { "region": "calf", "side": "left" } }),
            "expected a sequence",
        ),
        (
            "second target bad",
            json!({ "targets": [{ "region": "calf", "side": "left" }, { "region": "calf", "side": "center" }] }),
            "has no center side",
        ),
    ];
    for (what, changes, expect) in soreness_cases {
        c(ipc(
            what,
            "log_soreness",
            json!({ "input": entry(changes.clone()) }),
            expect,
        ));
    }
    c(ipc(
        "input as array",
        "log_soreness",
        json!({ "input": [] }),
        "invalid length 0",
    ));
    c(ipc(
        "input as text",
        "log_soreness",
        json!({ "input": "calf" }),
        "invalid type: string",
    ));
    c(ipc(
        "no input",
        "log_soreness",
        json!({}),
        "missing required key input",
    ));

    let one = entry(json!({}));
    for (what, id, input, expect) in [
        (
            "unknown id",
            json!("nope"),
            one.clone(),
            "there is no entry \"nope\"",
        ),
        (
            "a megabyte of id",
            json!(huge),
            one.clone(),
            "there is no entry",
        ),
        (
            "deleted entry",
            json!(ids.deleted_entry),
            one.clone(),
            "there is no entry",
        ),
        (
            "two targets",
            json!(ids.entry),
            entry(
                json!({ "targets": [{ "region": "calf", "side": "left" }, { "region": "neck", "side": "center" }] }),
            ),
            "exactly one region-side",
        ),
        (
            "intensity 12",
            json!(ids.entry),
            entry(json!({ "intensity": 12 })),
            "12 is outside 0 to 10",
        ),
        (
            "year +262142",
            json!(ids.entry),
            entry(json!({ "at": "+262142-12-31T23:59" })),
            "after the year 9999",
        ),
        (
            "time ahead",
            json!(ids.entry),
            entry(json!({ "at": future })),
            "is in the future",
        ),
        (
            "id as number",
            json!(7),
            one.clone(),
            "invalid type: integer `7`, expected a string",
        ),
    ] {
        c(ipc(
            what,
            "update_soreness",
            json!({ "id": id, "input": input }),
            expect,
        ));
    }

    for (command, live_but_wrong) in [
        ("delete_soreness", ids.deleted_entry.clone()),
        ("restore_soreness", ids.entry.clone()),
        ("delete_workout", ids.deleted_workout.clone()),
    ] {
        let missing = if command == "restore_soreness" {
            "no deleted entry"
        } else {
            "there is no"
        };
        c(ipc("unknown id", command, json!({ "id": "nope" }), missing));
        c(ipc("empty id", command, json!({ "id": "" }), missing));
        c(ipc(
            "a megabyte of id",
            command,
            json!({ "id": huge }),
            missing,
        ));
        c(ipc(
            "NUL and RTL in id",
            command,
            json!({ "id": "\0\u{202E}" }),
            missing,
        ));
        c(ipc(
            "wrong state",
            command,
            json!({ "id": live_but_wrong }),
            missing,
        ));
        c(ipc(
            "id as array",
            command,
            json!({ "id": [ids.entry] }),
            "invalid type: sequence",
        ));
    }
    c(ipc(
        "workout id for an entry",
        "delete_soreness",
        json!({ "id": ids.workout }),
        "there is no entry",
    ));
    c(ipc(
        "nothing yesterday",
        "same_as_yesterday",
        json!({}),
        "nothing was logged yesterday",
    ));

    let workout = |changes: Value| {
        let mut input = json!({
            "activity": "Intervals",
            "effort": 7,
            "duration_min": 45,
            "note": "",
            "targets": [{ "region": "calf", "side": "left" }],
            "at": minutes(n - Duration::hours(3)),
        });
        for (k, v) in changes.as_object().unwrap() {
            input[k] = v.clone();
        }
        json!({ "input": input })
    };
    for (what, changes, expect) in [
        (
            "empty activity",
            json!({ "activity": "" }),
            "say what you did",
        ),
        (
            "blank activity",
            json!({ "activity": " \t\n " }),
            "say what you did",
        ),
        (
            "121-character activity",
            json!({ "activity": "r".repeat(121) }),
            "121 characters long",
        ),
        (
            "a megabyte of activity",
            json!({ "activity": huge }),
            "the most is 120",
        ),
        ("effort 0", json!({ "effort": 0 }), "0 is outside 1 to 10"),
        (
            "effort 11",
            json!({ "effort": 11 }),
            "11 is outside 1 to 10",
        ),
        (
            "effort 2.5",
            json!({ "effort": 2.5 }),
            "2.5 is not a whole number",
        ),
        (
            "duration 0",
            json!({ "duration_min": 0 }),
            "0 is outside 1 to 1440",
        ),
        (
            "duration 1441",
            json!({ "duration_min": 1441 }),
            "1441 is outside 1 to 1440",
        ),
        (
            "duration -60",
            json!({ "duration_min": -60 }),
            "-60 is outside 1 to 1440",
        ),
        (
            "duration 1e300",
            json!({ "duration_min": 1e300 }),
            "is outside 1 to 1440",
        ),
        (
            "duration as text",
            json!({ "duration_min": "60" }),
            "expected f64",
        ),
        (
            "no targets",
            json!({ "targets": [] }),
            "choose at least one region",
        ),
        (
            "note of 20 001 characters",
            json!({ "note": "n".repeat(20_001) }),
            "20001 characters long",
        ),
        ("time ahead", json!({ "at": future }), "is in the future"),
        (
            "year +262142",
            json!({ "at": "+262142-12-31T23:59" }),
            "after the year 9999",
        ),
        (
            "activity as null",
            json!({ "activity": null }),
            "invalid type: null, expected a string",
        ),
    ] {
        c(ipc(what, "log_workout", workout(changes), expect));
    }

    let treatment = |changes: Value| {
        let mut input = json!({
            "region": "calf",
            "side": "left",
            "technique": "foam-rolling",
            "point": null,
            "duration_sec": 90,
            "before": 6,
            "after": 4,
            "note": "",
            "at": minutes(n - Duration::hours(1)),
        });
        for (k, v) in changes.as_object().unwrap() {
            input[k] = v.clone();
        }
        json!({ "input": input })
    };
    for (what, changes, expect) in [
        (
            "neither technique nor point",
            json!({ "technique": null }),
            "either one technique or one point",
        ),
        (
            "both technique and point",
            json!({ "point": "BL57" }),
            "either one technique or one point",
        ),
        (
            "empty technique and point",
            json!({ "technique": "", "point": "" }),
            "either one technique or one point",
        ),
        (
            "unknown technique",
            json!({ "technique": "voodoo" }),
            "there is no technique \"voodoo\"",
        ),
        (
            "a megabyte of technique",
            json!({ "technique": huge }),
            "there is no technique",
        ),
        (
            "unknown point",
            json!({ "technique": null, "point": "ZZ99" }),
            "there is no point \"ZZ99\"",
        ),
        (
            "duration 0",
            json!({ "duration_sec": 0 }),
            "0 is outside 1 to 86400",
        ),
        (
            "duration 86 401",
            json!({ "duration_sec": 86_401 }),
            "86401 is outside 1 to 86400",
        ),
        (
            "before 11",
            json!({ "before": 11 }),
            "11 is outside 0 to 10",
        ),
        ("after -1", json!({ "after": -1 }), "-1 is outside 0 to 10"),
        (
            "after 3.5",
            json!({ "after": 3.5 }),
            "3.5 is not a whole number",
        ),
        (
            "unknown region",
            json!({ "region": "wing" }),
            "no body region called \"wing\"",
        ),
        (
            "side center on calf",
            json!({ "side": "center" }),
            "has no center side",
        ),
        ("time ahead", json!({ "at": future }), "is in the future"),
        ("before as text", json!({ "before": "6" }), "expected f64"),
    ] {
        c(ipc(what, "log_treatment", treatment(changes), expect));
    }

    for command in ["day", "heatmap"] {
        for (what, date, expect) in [
            (
                "year +262142 (chrono's last day)",
                json!("+262142-12-31"),
                "after the year 9999",
            ),
            (
                "year -262143",
                json!("-262143-01-01"),
                "-262143-01-01 is before 1970",
            ),
            ("year +10000", json!("+10000-01-01"), "after the year 9999"),
            ("year 0", json!("0000-01-01"), "before 1970"),
            ("February 30", json!("2026-02-30"), "is not a date"),
            ("empty", json!(""), "is not a date; use YYYY-MM-DD"),
            ("a time", json!("2026-11-22T10:00"), "is not a date"),
            (
                "fullwidth digits",
                json!("２０２６-１１-２２"),
                "is not a date",
            ),
            ("RTL override", json!("\u{202E}2026-11-22"), "is not a date"),
            ("a megabyte", json!(huge), "is not a date"),
            ("number", json!(20261122), "invalid type: integer"),
        ] {
            c(ipc(what, command, json!({ "date": date }), expect));
        }
    }

    let padded = format!("2026-11-10{}", " ".repeat(1_000_000));
    for (what, from, to, expect) in [
        (
            "to before from",
            json!("2026-11-20"),
            json!("2026-11-10"),
            "2026-11-10 is before 2026-11-20",
        ),
        (
            "padded dates the wrong way round",
            json!("2026-11-20"),
            json!(padded),
            "is before",
        ),
        (
            "from at year +262142",
            json!("+262142-12-31"),
            json!("+262142-12-31"),
            "after the year 9999",
        ),
        (
            "to not a date",
            json!("2026-11-01"),
            json!("soon"),
            "\"soon\" is not a date",
        ),
        (
            "from null",
            json!(null),
            json!("2026-11-01"),
            "invalid type: null",
        ),
    ] {
        c(ipc(
            what,
            "trends",
            json!({ "from": from, "to": to }),
            expect,
        ));
        c(ipc(
            what,
            "trend",
            json!({ "region": "calf", "side": "left", "from": from, "to": to }),
            expect,
        ));
    }
    c(ipc(
        "unknown region",
        "trend",
        json!({ "region": "tail", "side": "left", "from": "2026-11-01", "to": "2026-11-02" }),
        "no body region",
    ));

    for (what, key, expect) in [
        ("empty key", json!(""), "is not a flag key"),
        ("no colon", json!("rest-pain"), "is not a flag key"),
        (
            "301 bytes",
            json!(format!("entry:{}", "k".repeat(295))),
            "is not a flag key",
        ),
        (
            "a megabyte",
            json!(format!("a:{huge}")),
            "is not a flag key",
        ),
        ("key as bool", json!(true), "invalid type: boolean"),
    ] {
        c(ipc(what, "acknowledge_flag", json!({ "key": key }), expect));
    }

    // Paths to write to: never SoreMap's own files, never a folder, never half a file.
    let wal = format!("{}-wal", db.display());
    let shm = format!("{}-shm", db.display());
    let journal = format!("{}-journal", db.display());
    let dotdot = data
        .join("..")
        .join(data.file_name().unwrap())
        .join("soremap.sqlite3");
    let link_to_db = root.join("files").join("link-to-db.json");
    let hard_link = root.join("files").join("hard-link-to-db.json");
    let backups_dir = data.join("backups");
    for (what, path, expect) in [
        ("empty path", json!(""), "no file was chosen"),
        ("blank path", json!("  \t"), "no file was chosen"),
        (
            "the live database",
            json!(db.to_string_lossy()),
            "SoreMap will not write to",
        ),
        ("the live WAL", json!(wal), "SoreMap will not write to"),
        (
            "the live shared memory",
            json!(shm),
            "SoreMap will not write to",
        ),
        (
            "the live journal",
            json!(journal),
            "SoreMap will not write to",
        ),
        (
            "the database through ..",
            json!(dotdot.to_string_lossy()),
            "SoreMap will not write to",
        ),
        (
            "a symlink to the database",
            json!(link_to_db.to_string_lossy()),
            "SoreMap will not write to",
        ),
        (
            "a hard link to the database",
            json!(hard_link.to_string_lossy()),
            "live database under another name",
        ),
        (
            "inside backups/",
            json!(backups_dir.join("mine.json").to_string_lossy()),
            "SoreMap will not write to",
        ),
        (
            "the data folder",
            json!(data.to_string_lossy()),
            "is a folder; choose a file",
        ),
        (
            "a missing folder",
            json!(out.join("nowhere").join("x.json").to_string_lossy()),
            "cannot be used",
        ),
        (
            "a file: address",
            json!(format!("file:{}?mode=memory", out.join("x.json").display())),
            "looks like a \"file:\" address",
        ),
        (
            "a path ending in /",
            json!(format!("{}/", out.display())),
            "is a folder",
        ),
        ("path as number", json!(0), "invalid type: integer"),
    ] {
        for command in ["export_json", "export_csv", "backup_now"] {
            let args = if command == "export_csv" {
                json!({ "kind": "entries", "path": path.clone() })
            } else {
                json!({ "path": path.clone() })
            };
            c(ipc(what, command, args, expect));
        }
    }
    for (what, kind, expect) in [
        (
            "unknown kind",
            json!("everything"),
            "\"everything\" is not something to export",
        ),
        (
            "kind in capitals",
            json!("ENTRIES"),
            "is not something to export",
        ),
        (
            "kind with RTL override",
            json!("\u{202E}seirtne"),
            "is not something to export",
        ),
        ("kind as null", json!(null), "invalid type: null"),
    ] {
        c(ipc(
            what,
            "export_csv",
            json!({ "kind": kind, "path": out.join("entries.csv").to_string_lossy() }),
            expect,
        ));
    }
    cases
}

/// An export of the seeded log, as JSON, for import cases to spoil.
fn base_export(app: &App) -> Value {
    serde_json::to_value(app.writer.export_file(now()).unwrap()).unwrap()
}

fn import_cases(app: &App, dir: &Path) -> Vec<Case> {
    let n = now();
    let base = base_export(app);
    // Fresh ids, so the valid parts of a spoiled file would be new records.
    let fresh = {
        let mut v = base.clone();
        for list in ["entries", "workouts", "treatments"] {
            for (i, r) in v[list].as_array_mut().unwrap().iter_mut().enumerate() {
                r["id"] = json!(format!("{list}-{i}-fresh"));
            }
        }
        v
    };
    let spoiled = |f: &dyn Fn(&mut Value)| {
        let mut v = fresh.clone();
        f(&mut v);
        serde_json::to_vec_pretty(&v).unwrap()
    };
    let text_with = |placeholder_note: &str| {
        let mut v = fresh.clone();
        v["entries"][0]["note"] = json!("@@HERE@@");
        serde_json::to_string(&v)
            .unwrap()
            .replace("\"@@HERE@@\"", placeholder_note)
    };
    let ahead_15 = seconds(n + Duration::hours(15));
    let huge = "x".repeat(1_000_000);

    let mut files: Vec<(&str, PathBuf, &'static str)> = Vec::new();
    let mut f = |name: &'static str, bytes: Vec<u8>, expect: &'static str| {
        let path = write(&dir.join(format!("{}.json", name.replace(' ', "-"))), bytes);
        files.push((name, path, expect));
    };
    f("empty file", vec![], "the file is cut off");
    let whole = serde_json::to_vec_pretty(&fresh).unwrap();
    f(
        "cut-off file",
        whole[..whole.len() / 2].to_vec(),
        "the file is cut off",
    );
    f(
        "array of zeros",
        format!("[{}0]", "0,".repeat(100_000)).into_bytes(),
        "not a SoreMap JSON export",
    );
    f("just a number", b"0".to_vec(), "not a SoreMap JSON export");
    f("null", b"null".to_vec(), "not a SoreMap JSON export");
    f("binary junk", junk(64 * 1024), "not a SoreMap JSON export");
    f(
        "UTF-16 with BOM",
        {
            let mut b = vec![0xFF, 0xFE];
            for u in serde_json::to_string(&fresh).unwrap().encode_utf16() {
                b.extend(u.to_le_bytes());
            }
            b
        },
        "not a SoreMap JSON export",
    );
    f(
        "deeply nested arrays",
        format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)).into_bytes(),
        "not a SoreMap JSON export",
    );
    f(
        "deeply nested format",
        format!(
            "{{\"format\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
        .into_bytes(),
        "recursion limit exceeded",
    );
    f(
        "deeply nested version",
        format!(
            "{{\"format\": \"soremap-export\", \"version\": {}1{}}}",
            "{\"a\":".repeat(50_000),
            "}".repeat(50_000)
        )
        .into_bytes(),
        "recursion limit exceeded",
    );
    f(
        "no format",
        spoiled(&|v| {
            v.as_object_mut().unwrap().remove("format");
        }),
        "no \"format\": \"soremap-export\"",
    );
    f(
        "format with a trailing space",
        spoiled(&|v| v["format"] = json!("soremap-export ")),
        "no \"format\"",
    );
    f(
        "format with RTL override",
        spoiled(&|v| v["format"] = json!("\u{202E}soremap-export")),
        "no \"format\"",
    );
    f(
        "version 0",
        spoiled(&|v| v["version"] = json!(0)),
        "not a version SoreMap ever wrote",
    );
    f(
        "version -1",
        spoiled(&|v| v["version"] = json!(-1)),
        "not a version SoreMap ever wrote",
    );
    f(
        "version 1.5",
        spoiled(&|v| v["version"] = json!(1.5)),
        "not a version SoreMap ever wrote",
    );
    f(
        "version as text",
        spoiled(&|v| v["version"] = json!("1")),
        "not a version SoreMap ever wrote",
    );
    f(
        "newer version",
        spoiled(&|v| v["version"] = json!(2)),
        "made by a newer SoreMap (export version 2",
    );
    f(
        "version 2^64",
        serde_json::to_string(&fresh)
            .unwrap()
            .replacen("\"version\":1", "\"version\":18446744073709551616", 1)
            .into_bytes(),
        "not a version SoreMap ever wrote",
    );
    f(
        "intensity 11",
        spoiled(&|v| v["entries"][0]["intensity"] = json!(11)),
        "entries[0]: Invalid intensity: 11 is outside 0 to 10",
    );
    f(
        "intensity 7.5",
        spoiled(&|v| v["entries"][1]["intensity"] = json!(7.5)),
        "entries[1]: Invalid intensity: 7.5 is not a whole number",
    );
    f(
        "intensity as text",
        spoiled(&|v| v["entries"][0]["intensity"] = json!("7")),
        "does not have the shape of a SoreMap export",
    );
    f(
        "intensity as bool",
        spoiled(&|v| v["entries"][0]["intensity"] = json!(false)),
        "expected f64",
    );
    f(
        "intensity 1e400",
        serde_json::to_string(&fresh)
            .unwrap()
            .replacen("\"intensity\":6.0", "\"intensity\":1e400", 1)
            .into_bytes(),
        "number out of range",
    );
    f(
        "kind in capitals",
        spoiled(&|v| v["entries"][0]["kind"] = json!("DOMS")),
        "entries[0]: Invalid kind: \"DOMS\" is not a kind of soreness",
    );
    f(
        "unknown region",
        spoiled(&|v| v["entries"][0]["region"] = json!("tail")),
        "entries[0]: There is no body region called \"tail\"",
    );
    f(
        "side up",
        spoiled(&|v| v["entries"][0]["side"] = json!("up")),
        "entries[0]: \"up\" is not a side",
    );
    f(
        "unknown symptom",
        spoiled(&|v| v["entries"][0]["symptoms"] = json!(["itchy"])),
        "\"itchy\" is not a symptom",
    );
    f(
        "2 MB note",
        spoiled(&|v| v["entries"][0]["note"] = json!("é".repeat(1_000_000))),
        "1000000 characters long; the most is 20000",
    );
    f(
        "a megabyte of activity",
        spoiled(&|v| v["workouts"][0]["activity"] = json!(huge)),
        "workouts[0]: Invalid activity: it is 1000000 characters long",
    );
    f(
        "a megabyte of id",
        spoiled(&|v| v["entries"][0]["id"] = json!(huge)),
        "is not a valid id",
    );
    f(
        "id with RTL override",
        spoiled(&|v| v["entries"][0]["id"] = json!("abc\u{202E}def")),
        "is not a valid id",
    );
    f(
        "id with NUL",
        spoiled(&|v| v["entries"][0]["id"] = json!("abc\0")),
        "is not a valid id",
    );
    f(
        "id with zero-width space",
        spoiled(&|v| v["workouts"][0]["id"] = json!("abc\u{200B}")),
        "workouts[0]: id",
    );
    f(
        "id with combining marks",
        spoiled(&|v| v["treatments"][0]["id"] = json!("a\u{0301}\u{0301}\u{0301}")),
        "treatments[0]: id",
    );
    f(
        "emoji id",
        spoiled(&|v| v["entries"][0]["id"] = json!("🦵")),
        "is not a valid id",
    );
    f(
        "empty id",
        spoiled(&|v| v["entries"][0]["id"] = json!("")),
        "id \"\" is not a valid id",
    );
    f(
        "lone leading surrogate",
        text_with("\"\\ud800\"").into_bytes(),
        "unexpected end of hex escape",
    );
    f(
        "lone trailing surrogate",
        text_with("\"\\udc00x\"").into_bytes(),
        "surrogate in hex escape",
    );
    f(
        "raw NUL byte in a string",
        text_with("\"a\u{0}b\"").into_bytes(),
        "control character",
    );
    f(
        "invalid UTF-8",
        text_with("\"\u{1}\"")
            .into_bytes()
            .into_iter()
            .map(|b| if b == 1 { 0xC3 } else { b })
            .collect(),
        "invalid unicode",
    );
    f(
        "duplicate entry ids",
        spoiled(&|v| {
            let id = v["entries"][0]["id"].clone();
            v["entries"][1]["id"] = id;
        }),
        "appears twice",
    );
    f(
        "duplicate workout ids",
        spoiled(&|v| {
            let w = v["workouts"][0].clone();
            v["workouts"].as_array_mut().unwrap().push(w);
        }),
        "appears twice",
    );
    f(
        "time 15 h ahead",
        spoiled(&|v| v["entries"][0]["at"] = json!(ahead_15)),
        "is in the future",
    );
    f(
        "created 15 h ahead",
        spoiled(&|v| v["workouts"][0]["created_at"] = json!(ahead_15)),
        "created_at: Invalid date and time",
    );
    f(
        "updated 15 h ahead",
        spoiled(&|v| v["entries"][0]["updated_at"] = json!(ahead_15)),
        "updated_at: Invalid date and time",
    );
    f(
        "year +262142",
        spoiled(&|v| v["treatments"][0]["at"] = json!("+262142-12-31T23:59:59")),
        "after the year 9999",
    );
    f(
        "year -262143",
        spoiled(&|v| v["entries"][0]["at"] = json!("-262143-01-01T00:00:00")),
        "entries[0]: Invalid date: -262143-01-01 is before 1970",
    );
    f(
        "before 1970",
        spoiled(&|v| v["entries"][0]["at"] = json!("1969-12-31T23:59:59")),
        "before 1970",
    );
    f(
        "short date",
        spoiled(&|v| v["entries"][0]["at"] = json!("2026-11-2")),
        "\"2026-11-2\" is not a date and time",
    );
    f(
        "updated_at junk",
        spoiled(&|v| v["entries"][0]["updated_at"] = json!("\u{202E}")),
        "updated_at: Invalid date and time",
    );
    f(
        "effort 0",
        spoiled(&|v| v["workouts"][0]["effort"] = json!(0)),
        "workouts[0]: Invalid effort: 0 is outside 1 to 10",
    );
    f(
        "duration 1e20 minutes",
        spoiled(&|v| v["workouts"][0]["duration_min"] = json!(1e20)),
        "is outside 1 to 1440",
    );
    f(
        "workout without regions",
        spoiled(&|v| v["workouts"][0]["regions"] = json!([])),
        "choose at least one region",
    );
    f(
        "treatment duration -1",
        spoiled(&|v| v["treatments"][0]["duration_sec"] = json!(-1)),
        "-1 is outside 1 to 86400",
    );
    f(
        "treatment before 11",
        spoiled(&|v| v["treatments"][0]["before"] = json!(11)),
        "11 is outside 0 to 10",
    );
    f(
        "technique and point",
        spoiled(&|v| v["treatments"][0]["point"] = json!("BL57")),
        "either one technique or one point",
    );
    f(
        "empty technique, no point",
        spoiled(&|v| v["treatments"][0]["technique"] = json!("")),
        "either one technique or one point",
    );
    f(
        "unknown technique",
        spoiled(&|v| v["treatments"][0]["technique"] = json!("voodoo")),
        "there is no technique \"voodoo\"",
    );
    f(
        "flag key without a colon",
        spoiled(&|v| v["flag_acks"][0]["key"] = json!("rest-pain")),
        "flag_acks[0]: not a flag key",
    );
    f(
        "flag key of 301 bytes",
        spoiled(&|v| v["flag_acks"][0]["key"] = json!(format!("a:{}", "k".repeat(299)))),
        "not a flag key",
    );
    f(
        "flag acknowledged ahead",
        spoiled(&|v| v["flag_acks"][0]["acknowledged_at"] = json!(ahead_15)),
        "flag_acks[0].acknowledged_at",
    );
    f(
        "unknown top-level field",
        spoiled(&|v| v["extra"] = json!(1)),
        "unknown field `extra`",
    );
    f(
        "unknown field in an entry",
        spoiled(&|v| v["entries"][0]["mood"] = json!("grim")),
        "unknown field `mood`",
    );
    f(
        "entries as object",
        spoiled(&|v| v["entries"] = json!({})),
        "expected a sequence",
    );
    f(
        "entries null",
        spoiled(&|v| v["entries"] = json!(null)),
        "expected a sequence",
    );
    f(
        "missing exported_at",
        spoiled(&|v| {
            v.as_object_mut().unwrap().remove("exported_at");
        }),
        "missing field `exported_at`",
    );
    f(
        "pregnancy as text",
        spoiled(&|v| v["pregnancy"] = json!("yes")),
        "expected a boolean",
    );
    f(
        "trailing garbage",
        [serde_json::to_vec(&fresh).unwrap(), b" }{".to_vec()].concat(),
        "trailing characters",
    );
    f(
        "duplicate format key",
        serde_json::to_string(&fresh)
            .unwrap()
            .replacen('{', "{\"format\":\"x\",", 1)
            .into_bytes(),
        "not a SoreMap JSON export",
    );
    f(
        "20 bad records and more",
        spoiled(&|v| {
            let e = v["entries"][0].clone();
            let list = v["entries"].as_array_mut().unwrap();
            for i in 0..40 {
                let mut bad = e.clone();
                bad["id"] = json!(format!("bad-{i}"));
                bad["intensity"] = json!(99);
                list.push(bad);
            }
        }),
        "(and possibly more)",
    );

    let mut special: Vec<(&str, PathBuf, &'static str)> = vec![
        (
            "/dev/zero",
            PathBuf::from("/dev/zero"),
            "not a regular file",
        ),
        (
            "/dev/null",
            PathBuf::from("/dev/null"),
            "not a regular file",
        ),
        (
            "/proc/self/mem",
            PathBuf::from("/proc/self/mem"),
            "cannot read it",
        ),
        ("a FIFO", mkfifo(&dir.join("fifo")), "not a regular file"),
        ("a folder", dir.to_owned(), "this is a folder, not a file"),
        (
            "a symlink loop",
            symlink_loop(dir, "loop"),
            "cannot read it",
        ),
        (
            "a symlink to /dev/zero",
            symlink(Path::new("/dev/zero"), &dir.join("zero-link")),
            "not a regular file",
        ),
        ("a missing file", dir.join("missing.json"), "cannot read it"),
        (
            "a 257 MiB file",
            sparse(&dir.join("huge.json"), 257 * 1024 * 1024),
            "larger than 268 MB",
        ),
        (
            "the live database",
            app.db_path(),
            "not a SoreMap JSON export",
        ),
        (
            "a path of 5000 characters",
            dir.join("n".repeat(5000)),
            "cannot read it",
        ),
    ];
    files.append(&mut special);

    let mut cases = Vec::new();
    for (name, path, expect) in files {
        for command in ["preview_import", "apply_import"] {
            let args = p(&path);
            cases.push(Case {
                what: format!("{command}: {name}"),
                expect,
                run: Box::new(move |app| call(app, command, &args)),
            });
        }
    }
    cases
}

/// A good backup of another log, made by SoreMap.
fn good_backup(root: &Path, dir: &Path) -> PathBuf {
    let mut db = Database::open_in_dir(&root.join("elsewhere")).unwrap();
    seed(&mut db);
    let path = dir.join("good.sqlite3");
    db.backup_to(&path).unwrap();
    path
}

/// A copy of `good` changed by `sql`, with CHECK constraints and foreign keys off, as a
/// hand-made file could be.
fn crafted(good: &Path, dir: &Path, name: &str, sql: &str) -> PathBuf {
    let path = dir.join(format!("{}.sqlite3", name.replace([' ', '/'], "-")));
    std::fs::copy(good, &path).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF; {sql}"
    ))
    .unwrap_or_else(|e| panic!("crafting {name}: {e}"));
    drop(conn);
    path
}

fn restore_files(root: &Path, dir: &Path) -> Vec<(String, PathBuf, &'static str)> {
    let good = good_backup(root, dir);
    let future = seconds(now() + Duration::days(30));
    let mut out: Vec<(String, PathBuf, &'static str)> = Vec::new();
    let sql_cases: Vec<(&str, String, &'static str)> = vec![
        ("schema version 99", "PRAGMA user_version = 99".into(), "written by a newer version of SoreMap (schema 99"),
        ("schema version 0", "PRAGMA user_version = 0".into(), "it has no SoreMap schema version"),
        ("schema version -5", "PRAGMA user_version = -5".into(), "it has no SoreMap schema version"),
        ("schema version 2 with schema 3 tables", "PRAGMA user_version = 2".into(), "that SoreMap does not make"),
        ("missing table", "DROP TABLE flag_acks".into(), "it has no table \"flag_acks\""),
        ("missing log table", "DROP TABLE treatments".into(), "it has no table \"treatments\""),
        ("an extra table", "CREATE TABLE spy (x)".into(), "it holds a table \"spy\" that SoreMap does not make"),
        ("an extra trigger", "CREATE TRIGGER t AFTER INSERT ON settings BEGIN DELETE FROM soreness_entries; END".into(), "it holds a trigger \"t\""),
        ("an extra view", "CREATE VIEW v AS SELECT 1".into(), "it holds a view \"v\""),
        ("a table replaced by a view", "DROP TABLE flag_acks; CREATE VIEW flag_acks AS SELECT 'a' AS key, 'b' AS acknowledged_at".into(), "\"flag_acks\" is a view where SoreMap has a table"),
        ("an extra column", "ALTER TABLE workouts ADD COLUMN mood TEXT".into(), "has a column \"mood\" that SoreMap does not make"),
        ("intensity 42", "UPDATE soreness_entries SET intensity = 42".into(), "the intensity 42 is outside 0 to 10"),
        ("short time", "UPDATE soreness_entries SET at = '2026-11-2'".into(), "\"2026-11-2\" is not a date and time"),
        ("year +262142", "UPDATE treatments SET at = '+262142-12-31T23:59:59'".into(), "is outside the years 1970 to 9999"),
        ("time a month ahead", format!("UPDATE workouts SET at = '{future}'"), "is in the future"),
        ("side up", "UPDATE soreness_entries SET side = 'up'".into(), "\"up\" is not a side"),
        ("kind DOMS", "UPDATE soreness_entries SET kind = 'DOMS'".into(), "\"DOMS\" is not a kind of soreness"),
        ("symptoms not JSON", "UPDATE soreness_entries SET symptoms = 'swelling'".into(), "the symptoms are not a list of symptom names"),
        ("unknown symptom", "UPDATE soreness_entries SET symptoms = '[\"itchy\"]'".into(), "\"itchy\" is not a symptom"),
        ("note of 30 000 characters", format!("UPDATE soreness_entries SET note = '{}'", "n".repeat(30_000)), "30000 characters long"),
        ("id with RTL override", "UPDATE soreness_entries SET id = id || char(8238) WHERE rowid = (SELECT min(rowid) FROM soreness_entries)".into(), "which is not a valid id"),
        ("region with NUL", "UPDATE treatments SET region_id = 'calf' || char(0)".into(), "is not a valid id"),
        ("effort 0", "UPDATE workouts SET effort = 0".into(), "the effort 0 is outside 1 to 10"),
        ("duration 99 999 minutes", "UPDATE workouts SET duration_min = 99999".into(), "the duration (minutes) 99999 is outside 1 to 1440"),
        ("treatment with neither", "UPDATE treatments SET technique_id = NULL, point_id = NULL".into(), "it must name either one technique or one point"),
        ("treatment before 11", "UPDATE treatments SET before = 11".into(), "the soreness before 11 is outside 0 to 10"),
        ("empty flag key", "UPDATE flag_acks SET key = ''".into(), "which is not a flag key"),
        ("setting of 20 000 characters", format!("UPDATE settings SET value = '{}'", "v".repeat(20_000)), "the value is too long"),
        ("a workout region without its workout", "DELETE FROM workouts WHERE id = (SELECT workout_id FROM workout_regions LIMIT 1)".into(), "refers to a record that is not there"),
        ("deleted_at junk", "UPDATE workouts SET deleted_at = 'whenever'".into(), "the deleted \"whenever\" is not a date and time"),
        ("created_at emoji", "UPDATE treatments SET created_at = '🕰'".into(), "the created \"🕰\" is not a date and time"),
    ];
    for (name, sql, expect) in sql_cases {
        out.push((name.to_owned(), crafted(&good, dir, name, &sql), expect));
    }

    let other_app = dir.join("other-app.sqlite3");
    Connection::open(&other_app)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann');")
        .unwrap();
    out.push((
        "another app's database".into(),
        other_app,
        "it has no SoreMap schema version",
    ));
    let imposter = dir.join("imposter.sqlite3");
    Connection::open(&imposter)
        .unwrap()
        .execute_batch(
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE catalogue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             PRAGMA user_version = 3;",
        )
        .unwrap();
    out.push((
        "only settings and catalogue_meta".into(),
        imposter,
        "it has no",
    ));

    let bytes = std::fs::read(&good).unwrap();
    let mut add = |name: &str, file: &str, data: Vec<u8>, expect: &'static str| {
        out.push((name.to_owned(), write(&dir.join(file), data), expect));
    };
    add(
        "junk bytes",
        "junk.sqlite3",
        junk(64 * 1024),
        "it is not a SQLite database",
    );
    add(
        "empty file",
        "empty.sqlite3",
        vec![],
        "it is not a SQLite database",
    );
    add(
        "truncated to half",
        "half.sqlite3",
        bytes[..bytes.len() / 2].to_vec(),
        "cannot be restored",
    );
    add(
        "only the header page",
        "header.sqlite3",
        bytes[..4096].to_vec(),
        "cannot be restored",
    );
    add(
        "SQLite magic then junk",
        "magic.sqlite3",
        [b"SQLite format 3\0".to_vec(), junk(8192)].concat(),
        "cannot be restored",
    );
    let mut damaged = bytes.clone();
    let page = 4096;
    for b in &mut damaged[3 * page..6 * page] {
        *b = 0xA5;
    }
    add(
        "damaged pages",
        "damaged.sqlite3",
        damaged,
        "cannot be restored",
    );
    add(
        "a JSON export",
        "export.sqlite3",
        b"{\"format\":\"soremap-export\"}".to_vec(),
        "it is not a SQLite database",
    );
    out.push((
        "/dev/zero".into(),
        PathBuf::from("/dev/zero"),
        "it is not a regular file",
    ));
    out.push((
        "/proc/self/mem".into(),
        PathBuf::from("/proc/self/mem"),
        "it is not a SQLite database",
    ));
    out.push((
        "a FIFO".into(),
        mkfifo(&dir.join("restore-fifo")),
        "it is not a regular file",
    ));
    out.push((
        "a folder".into(),
        dir.to_owned(),
        "it is not a regular file",
    ));
    out.push((
        "a symlink loop".into(),
        symlink_loop(dir, "restore-loop"),
        "it cannot be found or read",
    ));
    out.push((
        "a missing file".into(),
        dir.join("missing.sqlite3"),
        "it cannot be found or read",
    ));
    out.push((
        "a file: address".into(),
        PathBuf::from(format!("file:{}?mode=ro", good.display())),
        "looks like a \"file:\" address",
    ));
    out
}

fn restore_cases(root: &Path, dir: &Path, broken: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for (i, (name, path, expect)) in restore_files(root, dir).into_iter().enumerate() {
        let args = p(&path);
        cases.push(Case {
            what: format!("restore_backup: {name}"),
            expect,
            run: Box::new(move |app| call(app, "restore_backup", &args)),
        });
        // The same file offered when the database cannot be opened, and through `restore_from`.
        let broken = broken.to_owned();
        let source = path.clone();
        cases.push(Case {
            what: format!("restore into a folder whose database cannot open: {name}"),
            expect,
            run: Box::new(move |_| {
                restore_into_dir(&broken, &source, now())
                    .map(|r| json!(r.message))
                    .map_err(Refused::Core)
            }),
        });
        if i % 4 == 0 {
            cases.push(Case {
                what: format!("restore_from: {name}"),
                expect,
                run: Box::new(move |app| {
                    app.writer
                        .restore_from(&path, now())
                        .map(|p| json!(p.display().to_string()))
                        .map_err(Refused::Core)
                }),
            });
        }
    }
    cases
}

#[test]
fn every_hostile_input_is_refused_clearly_and_changes_nothing() {
    let started = std::time::Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    let data = root.join("data");
    let mut app = App::open(&data);
    let ids = seed(&mut app.writer);
    for dir in ["files", "imports", "restores", "out"] {
        std::fs::create_dir(root.join(dir)).unwrap();
    }
    std::fs::create_dir(data.join("backups")).unwrap();
    symlink(&app.db_path(), &root.join("files").join("link-to-db.json"));
    std::fs::hard_link(
        app.db_path(),
        root.join("files").join("hard-link-to-db.json"),
    )
    .unwrap();
    // A data folder whose database is damaged: restoring into it must not move it when the
    // backup is refused.
    let broken = root.join("broken");
    std::fs::create_dir(&broken).unwrap();
    write(&broken.join("soremap.sqlite3"), junk(10_000));

    // The unspoiled import and backup are accepted, so each case below fails for its one fault.
    let control = root.join("files").join("control.json");
    write(&control, serde_json::to_vec(&base_export(&app)).unwrap());
    let preview = call(&mut app, "preview_import", &p(&control)).expect("a good export previews");
    assert_eq!(preview["new_records"], 0, "{preview}");

    let mut cases = ipc_cases(&app, &ids, &root);
    cases.extend(import_cases(&app, &root.join("imports")));
    cases.extend(restore_cases(&root, &root.join("restores"), &broken));
    {
        let mut scratch = App::open(&root.join("control-restore"));
        let good = root.join("restores").join("good.sqlite3");
        call(&mut scratch, "restore_backup", &p(&good)).expect("a good backup restores");
    }
    std::fs::remove_dir_all(root.join("control-restore")).unwrap();

    let observer =
        Connection::open_with_flags(app.db_path(), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut failures = Vec::new();
    let total = cases.len();
    for case in cases {
        let before = state(&root, &app, &observer);
        let Case { what, expect, run } = case;
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| run(&mut app)));
        let after = state(&root, &app, &observer);
        let problem = match result {
            Err(_) => Some("it panicked".to_owned()),
            Ok(Ok(value)) => Some(format!(
                "it was accepted: {}",
                value.to_string().chars().take(200).collect::<String>()
            )),
            Ok(Err(refused)) => {
                let message = refused.message();
                let chars = message.chars().count();
                if message.trim().is_empty() {
                    Some("the message is empty".to_owned())
                } else if !message.contains(expect) {
                    Some(format!(
                        "the message does not say {expect:?}: {}",
                        message.chars().take(400).collect::<String>()
                    ))
                } else if chars > MAX_MESSAGE_CHARS {
                    Some(format!(
                        "the message is {chars} characters long: {}…",
                        message.chars().take(200).collect::<String>()
                    ))
                } else {
                    None
                }
            }
        };
        let changed = describe_difference(&before, &after);
        if let Some(problem) = problem {
            failures.push(format!("{what}: {problem}"));
        }
        if !changed.is_empty() {
            failures.push(format!("{what}: {changed}"));
        }
    }
    println!(
        "{total} hostile inputs refused, {} problems, in {:.1} s",
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(total >= 100, "only {total} cases");
}

#[test]
fn the_battery_notices_a_write() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    let mut app = App::open(&root.join("data"));
    seed(&mut app.writer);
    let observer =
        Connection::open_with_flags(app.db_path(), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let before = state(&root, &app, &observer);
    let input = json!({ "input": {
        "targets": [{ "region": "neck", "side": "center" }],
        "intensity": 2,
        "kind": "stiffness",
    } });
    call(&mut app, "log_soreness", &input).unwrap();
    let after = state(&root, &app, &observer);
    let changed = describe_difference(&before, &after);
    assert!(changed.contains("rows changed"), "{changed}");
    assert!(
        changed.contains("another connection committed"),
        "{changed}"
    );
    assert!(changed.contains("the WAL changed"), "{changed}");
}
