//! The app's commands as the window calls them, without a window: each command's arguments
//! are taken from a JSON object by name and deserialized with serde, as Tauri does (a value
//! of the wrong type is refused before the core runs), and then the core function the
//! command in `src-tauri/commands.rs` calls runs with the same arguments, reads on a read
//! connection and writes on the writing one. The commands and their arguments are read from
//! `commands.rs`; what each one runs in the core is written out in `call`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use soremap_core::model::{SorenessInput, TreatmentInput, WorkoutInput};
use soremap_core::{Database, Error};

#[path = "../../../declared.rs"]
mod declared;

/// The commands declared in `src-tauri/commands.rs`, read from it: the harness below runs
/// whatever is declared there, so a command it does not know fails the tests that call it.
static DECLARED: LazyLock<Vec<declared::Declared>> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../commands.rs");
    let source = std::fs::read_to_string(&path).expect("read src-tauri/commands.rs");
    declared::declared(&source)
});

/// Every command the window can call, as named in `commands.rs`.
pub static COMMANDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| DECLARED.iter().map(|c| c.name.as_str()).collect());

/// Each command's arguments as the window sends them, but for channels (a call here collects
/// progress itself).
static ARGS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    DECLARED
        .iter()
        .map(|c| {
            c.args
                .iter()
                .filter(|(_, ty)| declared::type_name(ty) != "Channel")
                .map(|(name, _)| name.as_str())
                .collect()
        })
        .collect()
});

/// The arguments `command` takes, by the names the window sends them under.
pub fn arg_names(command: &str) -> &'static [&'static str] {
    COMMANDS
        .iter()
        .position(|c| *c == command)
        .map_or(&[], |i| ARGS[i].as_slice())
}

/// Commands whose `path` is written to (as opposed to read from).
pub fn writes_path(command: &str) -> bool {
    matches!(
        command,
        "export_json" | "export_csv" | "backup_now" | "save_report"
    )
}

/// Why a call did not succeed.
#[derive(Debug)]
pub enum Refused {
    /// Tauri would refuse the arguments before the command runs.
    Ipc(String),
    /// The core answered with an error.
    Core(Error),
}

impl Refused {
    pub fn message(&self) -> String {
        match self {
            Refused::Ipc(m) => m.clone(),
            Refused::Core(e) => e.to_string(),
        }
    }
}

/// The person's local wall-clock time, as the commands use it.
pub fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A data folder with its database open as the app opens it: one writer, one reader.
pub struct App {
    pub data_dir: PathBuf,
    pub writer: Database,
    pub reader: Database,
}

impl App {
    pub fn open(data_dir: &Path) -> App {
        let writer = Database::open_in_dir(data_dir).expect("the database opens");
        let reader = writer.reader().expect("a read connection opens");
        App {
            data_dir: data_dir.to_owned(),
            writer,
            reader,
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.writer.path().to_owned()
    }
}

fn arg<T: DeserializeOwned>(command: &str, args: &Value, key: &str) -> Result<T, Refused> {
    let value = args
        .get(key)
        .ok_or_else(|| Refused::Ipc(format!("command {command} missing required key {key}")))?;
    serde_json::from_value(value.clone())
        .map_err(|e| Refused::Ipc(format!("invalid args `{key}` for command `{command}`: {e}")))
}

/// `commands.rs`'s `chosen`: an empty path is refused by name.
fn chosen(path: &str) -> Result<PathBuf, Refused> {
    if path.trim().is_empty() {
        return Err(Refused::Core(Error::invalid("file", "no file was chosen.")));
    }
    Ok(PathBuf::from(path))
}

fn done<T: Serialize>(result: soremap_core::Result<T>) -> Result<Value, Refused> {
    let value = result.map_err(Refused::Core)?;
    Ok(serde_json::to_value(value).expect("a command's answer serializes"))
}

/// Calls `command` with `args` (a JSON object keyed by argument name) the way the window does.
pub fn call(app: &mut App, command: &str, args: &Value) -> Result<Value, Refused> {
    if !args.is_object() {
        return Err(Refused::Ipc(format!(
            "command {command}: the arguments are not a JSON object"
        )));
    }
    let a = |key: &str| arg::<String>(command, args, key);
    let now = now();
    match command {
        "app_info" => done(app.reader.info()),
        "list_regions" => done(app.reader.regions()),
        "region_detail" => done(app.reader.region_detail(&a("region")?, &a("side")?)),
        "search" => done(app.reader.search(&a("query")?)),
        "settings" => done(app.reader.settings()),
        "set_health" => {
            let condition = a("condition")?;
            let on: bool = arg(command, args, "on")?;
            done(app.writer.set_health(&condition, on))
        }
        "log_options" => done(Ok(soremap_core::log::log_options())),
        "log_soreness" => {
            let input: SorenessInput = arg(command, args, "input")?;
            done(app.writer.log_soreness(&input, now))
        }
        "update_soreness" => {
            let id = a("id")?;
            let input: SorenessInput = arg(command, args, "input")?;
            done(app.writer.update_soreness(&id, &input, now))
        }
        "delete_soreness" => done(app.writer.delete_soreness(&a("id")?, now)),
        "restore_soreness" => done(app.writer.restore_soreness(&a("id")?)),
        "same_as_yesterday" => done(app.writer.same_as_yesterday(now)),
        "log_workout" => {
            let input: WorkoutInput = arg(command, args, "input")?;
            done(app.writer.log_workout(&input, now))
        }
        "delete_workout" => done(app.writer.delete_workout(&a("id")?, now)),
        "log_treatment" => {
            let input: TreatmentInput = arg(command, args, "input")?;
            done(app.writer.log_treatment(&input, now))
        }
        "day" => done(app.reader.day(&a("date")?, now)),
        "episode" => done(app.reader.episode_view(&a("region")?, &a("side")?, now)),
        "episodes" => done(app.reader.episodes_for(&a("region")?, &a("side")?, now)),
        "acknowledge_flag" => done(app.writer.acknowledge_flag(&a("key")?, now)),
        "region_entries" => done(app.reader.recent_entries(&a("region")?, &a("side")?, 20)),
        "trends" => done(app.reader.trends(&a("from")?, &a("to")?, now)),
        "trend" => {
            let (region, side, from, to) = (a("region")?, a("side")?, a("from")?, a("to")?);
            done(app.reader.trend(&region, &side, &from, &to, now))
        }
        "heatmap" => done(app.reader.heatmap(&a("date")?)),
        "calendar" => done(app.reader.calendar(&a("from")?, &a("to")?)),
        "insights" => done(app.reader.insights(&a("from")?, &a("to")?, now)),
        "routine" => done(app.reader.routine(now)),
        "reminder_settings" => done(app.reader.reminder_settings()),
        "set_reminder_settings" => {
            let input: soremap_core::reminders::ReminderSettings = arg(command, args, "input")?;
            done(app.writer.set_reminder_settings(&input))
        }
        "save_report" => {
            let path = chosen(&a("path")?)?;
            let document: soremap_core::pdf::ReportDocument = arg(command, args, "document")?;
            done(app.reader.save_report(&document, &path))
        }
        "export_json" => {
            let path = chosen(&a("path")?)?;
            done(app.reader.export_json(&path, now))
        }
        "export_csv" => {
            let kind = a("kind")?;
            let path = chosen(&a("path")?)?;
            done(app.reader.export_csv(&kind, &path, now))
        }
        "preview_import" => {
            let path = chosen(&a("path")?)?;
            let reader = &app.reader;
            done(
                reader
                    .read_import(&path, now)
                    .and_then(|checked| reader.preview_import(&checked)),
            )
        }
        "apply_import" => {
            let path = chosen(&a("path")?)?;
            let checked = app.reader.read_import(&path, now).map_err(Refused::Core)?;
            let mut progress = Vec::new();
            let result = app
                .writer
                .apply_import_with(&checked, now, &mut |done, total| {
                    progress.push((done, total))
                });
            done(result)
        }
        "backup_now" => {
            let path = chosen(&a("path")?)?;
            done(
                app.writer
                    .backup_to(&path)
                    .map(|()| path.display().to_string()),
            )
        }
        "backups" => done(
            soremap_core::backup::list_backups(&app.data_dir)
                .map(|list| list.into_iter().map(|b| b.path).collect::<Vec<_>>()),
        ),
        "restore_backup" => {
            let path = chosen(&a("path")?)?;
            done(app.writer.restore(&path, now).map(|report| report.message))
        }
        other => panic!(
            "{other} is not a command this harness knows: if it is declared in \
             src-tauri/commands.rs, add what it runs in the core to `call` in tests/common/mod.rs"
        ),
    }
}
