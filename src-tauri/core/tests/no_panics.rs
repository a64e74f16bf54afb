//! No input makes a command panic: for every command the window can call, arbitrary JSON
//! arguments (odd Unicode, date-like text with huge signed years, extreme, negative and
//! fractional numbers, nulls, nested arrays and objects) are deserialized into the command's
//! argument types as Tauri does; whatever gets through runs the core function the command
//! calls, on a real database in a temporary folder, inside `catch_unwind`.
//!
//! Paths are never taken as generated: a generated path becomes a file name inside the
//! test's own folder, or one of a fixed list of special paths (SoreMap's own files, a folder,
//! a FIFO, good and bad import and backup files, and, for reading only, `/dev/zero`,
//! `/dev/null`, `/proc/self/mem`), so nothing is ever written outside the test's folder.

mod common;

use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Duration;
use common::{arg_names, call, now, writes_path, App, COMMANDS};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestRunner};
use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Map, Value};
use soremap_core::catalogue::{Catalogue, SYMPTOMS};
use soremap_core::model::{RegionSideInput, SorenessInput, WorkoutInput};

/// Cases for each command; the mixed sequence gets `MIXED_CASES` more.
const CASES_PER_COMMAND: u32 = 300;
const MIXED_CASES: u32 = 3000;

/// Calls made by every test of this file, and of them the ones the core ran (not refused by
/// deserialization first).
static CALLS: AtomicUsize = AtomicUsize::new(0);
static RAN: AtomicUsize = AtomicUsize::new(0);

/// A string that stands for "an id that exists in the database", replaced at call time.
const EXISTING_ID: &str = "\u{1}existing-id:";
/// A string that stands for a path, mapped into the test folder at call time.
const PATH: &str = "\u{2}path:";

const ODD: &[&str] = &[
    "",
    " ",
    "\0",
    "\u{202E}",
    "\u{202E}calf",
    "calf\0",
    "\u{200B}",
    "\u{FEFF}",
    "e\u{301}\u{301}\u{301}",
    "💪🏽",
    "👩‍👩‍👧",
    "ｃａｌｆ",
    "𝕔𝕒𝕝𝕗",
    "İ",
    "ß",
    "\u{10FFFF}",
    "\u{FFFD}",
    "\n",
    "\r\n\t",
    "calf",
    "left",
    "right",
    "center",
    "neck",
    "doms",
    "pain",
    "pregnancy",
    "entries",
    "workouts",
    "treatments",
    "entry:x:y",
    "'; DROP TABLE soreness_entries; --",
    "\"*) OR (",
    "%s%n%x",
    "..",
    "../../..",
    "file:x?mode=memory",
    "NaN",
    "-Infinity",
    "1e999",
    "null",
    "+262142-12-31",
    "2026-11-22",
];

fn odd_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => any::<String>(),
        3 => "\\PC{0,24}",
        4 => select(ODD).prop_map(str::to_owned),
        1 => (select(ODD), 1usize..3000).prop_map(|(s, n)| s.repeat(n)),
        1 => (any::<char>(), 0usize..30_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
    .boxed()
}

fn date_text() -> BoxedStrategy<String> {
    let today = now().date();
    prop_oneof![
        3 => (-400_000i64..400_000, 0u32..14, 0u32..33)
            .prop_map(|(y, m, d)| format!("{y:+}-{m:02}-{d:02}")),
        3 => (1965i32..2035, 1u32..13, 1u32..32)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        3 => (-400i64..3).prop_map(move |days| (today + Duration::days(days)).to_string()),
        2 => select(&[
            "+262142-12-31",
            "-262143-01-01",
            "+262143-01-01",
            "+262142-12-31T23:59:59",
            "9999-12-31",
            "10000-01-01",
            "1970-01-01",
            "1969-12-31",
            "0000-01-01",
            "-0001-12-31",
            " 2026-11-22 ",
            "2026-11-22T00:00",
            "2026-02-29",
            "2024-02-29",
        ][..])
        .prop_map(str::to_owned),
        1 => odd_text(),
    ]
    .boxed()
}

fn time_text() -> BoxedStrategy<String> {
    let n = now();
    prop_oneof![
        3 => (date_text(), 0u32..30, 0u32..70, prop::option::of(0u32..70)).prop_map(
            |(d, h, m, s)| match s {
                Some(s) => format!("{d}T{h:02}:{m:02}:{s:02}"),
                None => format!("{d}T{h:02}:{m:02}"),
            }
        ),
        4 => (-60 * 24 * 400i64..60 * 24, any::<bool>()).prop_map(move |(m, space)| {
            let t = n + Duration::minutes(m);
            if space {
                t.format("%Y-%m-%d %H:%M").to_string()
            } else {
                t.format("%Y-%m-%dT%H:%M").to_string()
            }
        }),
        1 => odd_text(),
    ]
    .boxed()
}

fn number() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (-3i64..15).prop_map(|v| json!(v)),
        2 => any::<f64>().prop_map(|v| json!(v)),
        1 => any::<i64>().prop_map(|v| json!(v)),
        1 => any::<u64>().prop_map(|v| json!(v)),
        2 => select(&[
            1e308, -1e308, 5e-324, -5e-324, 0.5, 7.5, -0.0, 0.999_999_999_999_999_9, 10.000_000_000_000_002,
            86_400.0, 86_401.0, 1440.0, 1441.0, 9_007_199_254_740_993.0, 1e16, -1.0,
        ][..])
        .prop_map(|v| json!(v)),
    ]
    .boxed()
}

fn leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        odd_text().prop_map(Value::String),
        date_text().prop_map(Value::String),
    ]
    .boxed()
}

fn any_json() -> BoxedStrategy<Value> {
    let tree = leaf().prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("\\PC{0,8}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    });
    let deep = (1usize..400, leaf(), any::<bool>()).prop_map(|(depth, mut v, arrays)| {
        for _ in 0..depth {
            v = if arrays {
                json!([v])
            } else {
                json!({ "a": v })
            };
        }
        v
    });
    prop_oneof![6 => tree, 1 => deep].boxed()
}

/// A value meant for one argument or field: mostly of the right type, sometimes anything.
fn or_anything(typed: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![8 => typed, 1 => any_json()].boxed()
}

fn text(strategy: BoxedStrategy<String>) -> BoxedStrategy<Value> {
    or_anything(strategy.prop_map(Value::String).boxed())
}

/// A JSON object with these fields, each sometimes missing, sometimes of any type, and
/// sometimes an extra field.
fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .into_iter()
        .map(|(name, strategy)| {
            prop_oneof![
                12 => strategy.prop_map(move |v| Some((name.to_owned(), v))),
                1 => Just(None),
            ]
            .boxed()
        })
        .collect();
    (
        parts,
        prop::option::weighted(0.1, ("\\PC{0,8}", any_json())),
    )
        .prop_map(|(parts, extra)| {
            let mut map: Map<String, Value> = parts.into_iter().flatten().collect();
            if let Some((k, v)) = extra {
                map.insert(k, v);
            }
            Value::Object(map)
        })
        .boxed()
}

/// What arguments are drawn from: the catalogue's ids beside odd text.
struct Vocabulary {
    regions: Vec<String>,
    techniques: Vec<String>,
    points: Vec<String>,
}

impl Vocabulary {
    fn new() -> Self {
        let c = Catalogue::embedded().unwrap();
        Vocabulary {
            regions: c.regions.iter().map(|r| r.id.clone()).collect(),
            techniques: c.techniques.iter().map(|t| t.id.clone()).collect(),
            points: c.points.iter().map(|p| p.id.clone()).collect(),
        }
    }

    fn known_or_odd(list: &[String]) -> BoxedStrategy<String> {
        prop_oneof![3 => select(list.to_vec()), 1 => odd_text()].boxed()
    }

    fn region(&self) -> BoxedStrategy<String> {
        Self::known_or_odd(&self.regions)
    }

    fn side(&self) -> BoxedStrategy<String> {
        let sides: Vec<String> = ["left", "right", "center"].map(String::from).to_vec();
        Self::known_or_odd(&sides)
    }

    fn id(&self) -> BoxedStrategy<String> {
        prop_oneof![
            3 => any::<u8>().prop_map(|n| format!("{EXISTING_ID}{n}")),
            1 => "[0-9a-f]{32}",
            1 => odd_text(),
        ]
        .boxed()
    }

    fn path(&self) -> BoxedStrategy<String> {
        (any::<u8>(), odd_text())
            .prop_map(|(choice, name)| format!("{PATH}{choice}:{name}"))
            .boxed()
    }

    fn targets(&self) -> BoxedStrategy<Value> {
        let target = object(vec![
            ("region", text(self.region())),
            ("side", text(self.side())),
        ]);
        or_anything(
            prop::collection::vec(target, 0..4)
                .prop_map(Value::Array)
                .boxed(),
        )
    }

    /// A target that is often right: a known region with a side it may or may not have.
    fn plausible_targets(&self) -> BoxedStrategy<Value> {
        prop::collection::vec(
            (
                select(self.regions.clone()),
                select(&["left", "right", "center"][..]),
            )
                .prop_map(|(region, side)| json!({ "region": region, "side": side })),
            1..4,
        )
        .prop_map(Value::Array)
        .boxed()
    }

    /// A past time near now, as the form sends it, or none.
    fn plausible_time() -> BoxedStrategy<Value> {
        let n = now();
        prop_oneof![
            4 => (0i64..60 * 24 * 60).prop_map(move |m| {
                json!((n - Duration::minutes(m)).format("%Y-%m-%dT%H:%M").to_string())
            }),
            1 => Just(Value::Null),
            1 => time_text().prop_map(Value::String),
        ]
        .boxed()
    }

    /// Mostly valid input with now and then one hostile value, so that writes happen and the
    /// reads after them have data to chew on.
    fn plausible_soreness(&self) -> BoxedStrategy<Value> {
        let kinds = select(&["doms", "acute", "pain", "stiffness"][..]);
        let symptoms: Vec<&'static str> = SYMPTOMS.iter().map(|s| s.id).collect();
        (
            self.plausible_targets(),
            prop_oneof![6 => (0i64..=10).prop_map(|v| json!(v)), 1 => number()],
            kinds,
            prop::collection::vec(select(symptoms), 0..3),
            prop_oneof![3 => Just(String::new()), 1 => odd_text()],
            Self::plausible_time(),
        )
            .prop_map(|(targets, intensity, kind, symptoms, note, at)| {
                json!({
                    "targets": targets, "intensity": intensity, "kind": kind,
                    "symptoms": symptoms, "note": note, "at": at,
                })
            })
            .boxed()
    }

    fn plausible_workout(&self) -> BoxedStrategy<Value> {
        (
            self.plausible_targets(),
            prop_oneof![3 => Just("Run".to_owned()), 1 => odd_text()],
            prop_oneof![6 => (1i64..=10).prop_map(|v| json!(v)), 1 => number()],
            prop_oneof![6 => (1i64..=1440).prop_map(|v| json!(v)), 1 => number()],
            Self::plausible_time(),
        )
            .prop_map(|(targets, activity, effort, duration, at)| {
                json!({
                    "targets": targets, "activity": activity, "effort": effort,
                    "duration_min": duration, "at": at,
                })
            })
            .boxed()
    }

    fn plausible_treatment(&self) -> BoxedStrategy<Value> {
        let what = prop_oneof![
            select(self.techniques.clone()).prop_map(|t| (json!(t), Value::Null)),
            select(self.points.clone()).prop_map(|p| (Value::Null, json!(p))),
        ];
        (
            select(self.regions.clone()),
            select(&["left", "right", "center"][..]),
            what,
            prop_oneof![6 => (1i64..=86_400).prop_map(|v| json!(v)), 1 => number()],
            prop::option::of(0i64..=10),
            prop::option::of(0i64..=10),
            Self::plausible_time(),
        )
            .prop_map(
                |(region, side, (technique, point), duration, before, after, at)| {
                    json!({
                        "region": region, "side": side, "technique": technique, "point": point,
                        "duration_sec": duration, "before": before, "after": after, "at": at,
                    })
                },
            )
            .boxed()
    }

    fn soreness_input(&self) -> BoxedStrategy<Value> {
        let kinds: Vec<String> = ["doms", "acute", "pain", "stiffness"]
            .map(String::from)
            .to_vec();
        let symptoms: Vec<String> = SYMPTOMS.iter().map(|s| s.id.to_owned()).collect();
        object(vec![
            ("targets", self.targets()),
            ("intensity", or_anything(number())),
            ("kind", text(Self::known_or_odd(&kinds))),
            (
                "symptoms",
                or_anything(
                    prop::collection::vec(
                        Self::known_or_odd(&symptoms).prop_map(Value::String),
                        0..4,
                    )
                    .prop_map(Value::Array)
                    .boxed(),
                ),
            ),
            ("note", text(odd_text())),
            ("at", text(time_text())),
        ])
    }

    fn workout_input(&self) -> BoxedStrategy<Value> {
        object(vec![
            ("at", text(time_text())),
            ("activity", text(odd_text())),
            ("effort", or_anything(number())),
            ("duration_min", or_anything(number())),
            ("note", text(odd_text())),
            ("targets", self.targets()),
        ])
    }

    fn treatment_input(&self) -> BoxedStrategy<Value> {
        let maybe =
            |s: BoxedStrategy<String>| prop_oneof![3 => text(s), 2 => Just(Value::Null)].boxed();
        object(vec![
            ("at", text(time_text())),
            ("region", text(self.region())),
            ("side", text(self.side())),
            ("technique", maybe(Self::known_or_odd(&self.techniques))),
            ("point", maybe(Self::known_or_odd(&self.points))),
            ("duration_sec", or_anything(number())),
            (
                "before",
                prop_oneof![3 => or_anything(number()), 1 => Just(Value::Null)].boxed(),
            ),
            (
                "after",
                prop_oneof![3 => or_anything(number()), 1 => Just(Value::Null)].boxed(),
            ),
            ("note", text(odd_text())),
        ])
    }

    fn arg(&self, command: &str, name: &str) -> BoxedStrategy<Value> {
        match (command, name) {
            (_, "region") => text(self.region()),
            (_, "side") => text(self.side()),
            (_, "id") => text(self.id()),
            (_, "date" | "from" | "to") => text(date_text()),
            (_, "path") => text(self.path()),
            (_, "on") => or_anything(any::<bool>().prop_map(Value::Bool).boxed()),
            (_, "condition") => {
                let ids: Vec<String> = soremap_core::catalogue::PROFILE
                    .iter()
                    .map(|p| p.id.to_owned())
                    .collect();
                text(Self::known_or_odd(&ids))
            }
            (_, "kind") => {
                let kinds: Vec<String> = ["entries", "workouts", "treatments"]
                    .map(String::from)
                    .to_vec();
                text(Self::known_or_odd(&kinds))
            }
            (_, "key") => text(
                prop_oneof![
                    (select(&["entry", "episode", "x", ""][..]), odd_text())
                        .prop_map(|(scope, rest)| format!("{scope}:{rest}")),
                    odd_text(),
                ]
                .boxed(),
            ),
            ("log_soreness" | "update_soreness", "input") => {
                prop_oneof![self.soreness_input(), self.plausible_soreness()].boxed()
            }
            ("log_workout", "input") => {
                prop_oneof![self.workout_input(), self.plausible_workout()].boxed()
            }
            ("set_reminder_settings", "input") => {
                let flag = || or_anything(any::<bool>().prop_map(Value::Bool).boxed());
                object(vec![
                    ("daily", flag()),
                    (
                        "daily_time",
                        text(
                            prop_oneof![
                                Just("20:00".to_owned()),
                                Just("7:5".to_owned()),
                                odd_text()
                            ]
                            .boxed(),
                        ),
                    ),
                    ("checkins", flag()),
                    ("tray", flag()),
                    ("autostart", flag()),
                ])
            }
            ("log_treatment", "input") => {
                prop_oneof![self.treatment_input(), self.plausible_treatment()].boxed()
            }
            _ => text(odd_text()),
        }
    }

    /// The arguments object for `command`; now and then not an object at all.
    fn args(&self, command: &str) -> BoxedStrategy<Value> {
        let fields = arg_names(command)
            .iter()
            .map(|name| (*name, self.arg(command, name)))
            .collect();
        prop_oneof![20 => object(fields), 1 => any_json()].boxed()
    }
}

/// A data folder with a small log, the files paths may point to, and a connection to look up
/// ids with.
struct World {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    sandbox: PathBuf,
    app: App,
    lookup: Connection,
    /// Paths a generated path may become besides a file in `sandbox`, and whether they may
    /// be written to.
    special: Vec<(PathBuf, bool)>,
    panics: Vec<String>,
    /// Calls refused by deserialization, refused by the core, and answered.
    outcomes: [u32; 3],
}

impl World {
    fn new() -> World {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        let mut app = App::open(&root.join("data"));
        let n = now();
        for (days, region, side, v) in [
            (3, "calf", "left", 6.0),
            (2, "calf", "left", 4.0),
            (1, "neck", "center", 3.0),
        ] {
            app.writer
                .log_soreness(
                    &SorenessInput {
                        targets: vec![RegionSideInput {
                            region: region.into(),
                            side: side.into(),
                        }],
                        intensity: v,
                        kind: "doms".into(),
                        symptoms: vec![],
                        note: String::new(),
                        at: Some(
                            (n - Duration::days(days))
                                .format("%Y-%m-%dT%H:%M")
                                .to_string(),
                        ),
                    },
                    n,
                )
                .unwrap();
        }
        app.writer
            .log_workout(
                &WorkoutInput {
                    at: Some((n - Duration::days(4)).format("%Y-%m-%dT%H:%M").to_string()),
                    activity: "Hills".into(),
                    effort: 9.0,
                    duration_min: 60.0,
                    note: String::new(),
                    targets: vec![RegionSideInput {
                        region: "calf".into(),
                        side: "left".into(),
                    }],
                },
                n,
            )
            .unwrap();

        let sandbox = root.join("sandbox");
        let files = root.join("files");
        std::fs::create_dir_all(&sandbox).unwrap();
        std::fs::create_dir_all(&files).unwrap();
        std::fs::create_dir_all(root.join("data").join("backups")).unwrap();
        let export = files.join("export.json");
        app.reader.export_json(&export, n).unwrap();
        let fresh = files.join("fresh.json");
        let text = std::fs::read_to_string(&export).unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        for list in ["entries", "workouts", "treatments"] {
            for r in v[list].as_array_mut().unwrap() {
                r["id"] = json!(format!("{}-x", r["id"].as_str().unwrap()));
            }
        }
        std::fs::write(&fresh, serde_json::to_vec(&v).unwrap()).unwrap();
        let backup = files.join("backup.sqlite3");
        app.writer.backup_to(&backup).unwrap();
        let fifo = files.join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let cut = files.join("cut.json");
        std::fs::write(&cut, &text.as_bytes()[..text.len() / 2]).unwrap();
        let db = app.db_path();
        let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", db.display()));
        let special = vec![
            (db.clone(), true),
            (with("-wal"), true),
            (with("-shm"), true),
            (with("-journal"), true),
            (root.join("data").join("backups").join("mine.json"), true),
            (root.join("data"), true),
            (sandbox.clone(), true),
            (sandbox.join("missing").join("x.json"), true),
            (
                PathBuf::from(format!("file:{}?mode=memory", sandbox.join("u").display())),
                true,
            ),
            (PathBuf::from(""), true),
            (PathBuf::from("   "), true),
            (export, false),
            (fresh, false),
            (backup, false),
            (fifo, false),
            (cut, false),
            (PathBuf::from("/dev/zero"), false),
            (PathBuf::from("/dev/null"), false),
            (PathBuf::from("/proc/self/mem"), false),
            (PathBuf::from("/proc/self/status"), false),
        ];
        let lookup = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        World {
            _tmp: tmp,
            root,
            sandbox,
            app,
            lookup,
            special,
            panics: Vec::new(),
            outcomes: [0; 3],
        }
    }

    /// A generated path, made safe: a file name in the sandbox, or one of the special paths
    /// (those outside the test folder only for commands that read).
    fn path(&self, command: &str, choice: u8, name: &str) -> PathBuf {
        let writes = writes_path(command);
        let usable: Vec<&PathBuf> = self
            .special
            .iter()
            .filter(|(_, writable)| *writable || !writes)
            .map(|(p, _)| p)
            .collect();
        let choice = usize::from(choice);
        if choice % 2 == 1 {
            return usable[(choice / 2) % usable.len()].clone();
        }
        let mut file: String = name
            .chars()
            .map(|c| if c == '/' || c == '\0' { '_' } else { c })
            .collect();
        while file.len() > 200 {
            file.pop();
        }
        if file.is_empty() || file == "." || file == ".." {
            file.insert(0, '_');
        }
        if choice % 4 == 0 {
            self.sandbox.join(file)
        } else {
            self.sandbox.join("sub").join(file)
        }
    }

    fn existing_id(&self, n: usize) -> String {
        let ids: Vec<String> = self
            .lookup
            .prepare(
                "SELECT id FROM soreness_entries UNION ALL SELECT id FROM workouts
                 UNION ALL SELECT id FROM treatments",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        if ids.is_empty() {
            String::from("none")
        } else {
            ids[n % ids.len()].clone()
        }
    }

    /// Replaces the stand-ins in generated arguments with real ids and safe paths.
    fn resolve(&self, command: &str, value: &mut Value) {
        match value {
            Value::String(s) => {
                if let Some(n) = s.strip_prefix(EXISTING_ID) {
                    *s = self.existing_id(n.parse().unwrap_or(0));
                } else if let Some(rest) = s.strip_prefix(PATH) {
                    let (choice, name) = rest.split_once(':').unwrap();
                    let path = self.path(command, choice.parse().unwrap(), name);
                    *s = path.to_string_lossy().into_owned();
                }
            }
            Value::Array(list) => list.iter_mut().for_each(|v| self.resolve(command, v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.resolve(command, v)),
            _ => {}
        }
    }

    fn run(&mut self, command: &str, mut args: Value) {
        // A path that came out of the generator unmarked (from "anything") is a file name too.
        if let Some(Value::String(path)) = args.get_mut("path") {
            if !path.starts_with(PATH) {
                *path = format!("{PATH}0:{path}");
            }
        }
        self.resolve(command, &mut args);
        if writes_path(command) {
            if let Some(Value::String(path)) = args.get("path") {
                let inside = path.trim().is_empty()
                    || Path::new(path).starts_with(&self.root)
                    || path.starts_with(&format!("file:{}", self.root.display()));
                assert!(
                    inside,
                    "{command} would write outside the test folder: {path}"
                );
            }
        }
        CALLS.fetch_add(1, Ordering::Relaxed);
        let app = &mut self.app;
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| call(app, command, &args)));
        match result {
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let shown: String = args.to_string().chars().take(600).collect();
                self.panics
                    .push(format!("{command} panicked ({message}) with {shown}"));
            }
            Ok(Err(common::Refused::Ipc(_))) => self.outcomes[0] += 1,
            Ok(Err(common::Refused::Core(_))) => {
                self.outcomes[1] += 1;
                RAN.fetch_add(1, Ordering::Relaxed);
            }
            Ok(Ok(_)) => {
                self.outcomes[2] += 1;
                RAN.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Runs `cases` generated calls of `command` on one database.
fn fuzz(command: &'static str, cases: u32) {
    let vocabulary = Vocabulary::new();
    let world = RefCell::new(World::new());
    let mut runner = TestRunner::new(config(cases));
    runner
        .run(&vocabulary.args(command), |args| {
            world.borrow_mut().run(command, args);
            Ok(())
        })
        .unwrap();
    let world = world.into_inner();
    assert!(
        world.panics.is_empty(),
        "{} of {cases} calls panicked:\n{}",
        world.panics.len(),
        world.panics.join("\n")
    );
    let [ipc, refused, answered] = world.outcomes;
    println!(
        "{command}: {cases} calls, 0 panics ({ipc} refused as Tauri would, {refused} refused by \
         the core, {answered} answered)"
    );
}

macro_rules! fuzz_each {
    ($($command:ident),* $(,)?) => {
        $(
            #[test]
            fn $command() {
                fuzz(stringify!($command), CASES_PER_COMMAND);
            }
        )*

        #[test]
        fn every_command_is_fuzzed() {
            let fuzzed = [$(stringify!($command)),*];
            for command in COMMANDS.iter() {
                assert!(
                    fuzzed.contains(command),
                    "{command} is declared in src-tauri/commands.rs but not fuzzed: add it to \
                     fuzz_each! here and to `call` in tests/common/mod.rs"
                );
            }
            assert_eq!(fuzzed.len(), COMMANDS.len());
        }
    };
}

fuzz_each!(
    app_info,
    list_regions,
    region_detail,
    search,
    settings,
    set_health,
    log_options,
    log_soreness,
    update_soreness,
    delete_soreness,
    restore_soreness,
    same_as_yesterday,
    log_workout,
    delete_workout,
    log_treatment,
    day,
    episode,
    episodes,
    acknowledge_flag,
    region_entries,
    trends,
    trend,
    heatmap,
    calendar,
    insights,
    save_report,
    routine,
    export_json,
    export_csv,
    preview_import,
    apply_import,
    backup_now,
    backups,
    restore_backup,
    reminder_settings,
    set_reminder_settings,
);

/// The harness knows every command declared in `src-tauri/commands.rs` (it panics on one it
/// does not), and takes each one's arguments under the names the window sends.
#[test]
fn the_harness_runs_every_declared_command() {
    assert!(
        COMMANDS.len() >= 30,
        "only {} commands read from commands.rs",
        COMMANDS.len()
    );
    assert_eq!(arg_names("trend"), ["region", "side", "from", "to"]);
    assert_eq!(arg_names("apply_import"), ["path"]);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let mut app = App::open(tmp.path());
    for command in COMMANDS.iter() {
        let outcome =
            std::panic::catch_unwind(AssertUnwindSafe(|| call(&mut app, command, &json!({}))));
        assert!(outcome.is_ok(), "the harness cannot run {command}");
    }
}

/// All commands in one random sequence on one database, so reads meet what the writes left.
#[test]
fn a_mixed_sequence_of_commands() {
    let vocabulary = Vocabulary::new();
    let world = RefCell::new(World::new());
    let strategies: Vec<(&str, BoxedStrategy<Value>)> =
        COMMANDS.iter().map(|c| (*c, vocabulary.args(c))).collect();
    let call = (0..strategies.len()).prop_flat_map(|i| {
        let (command, args) = &strategies[i];
        (Just(*command), args.clone())
    });
    let mut runner = TestRunner::new(config(MIXED_CASES));
    runner
        .run(&call, |(command, args)| {
            world.borrow_mut().run(command, args);
            Ok(())
        })
        .unwrap();
    let world = world.into_inner();
    assert!(
        world.panics.is_empty(),
        "{} calls panicked:\n{}",
        world.panics.len(),
        world.panics.join("\n")
    );
    let [ipc, refused, answered] = world.outcomes;
    println!(
        "mixed: {MIXED_CASES} calls, 0 panics ({ipc} refused as Tauri would, {refused} refused \
         by the core, {answered} answered); so far in this run {} calls, {} reached the core",
        CALLS.load(Ordering::Relaxed),
        RAN.load(Ordering::Relaxed)
    );
}
