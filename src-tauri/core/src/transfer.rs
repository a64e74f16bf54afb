//! Export and import of the personal log.
//!
//! JSON carries everything, with a format version; CSV carries entries, workouts and
//! treatments for spreadsheets. An import is read and validated completely before anything is
//! written, previewed, and then merged in one transaction: records are matched by their stable
//! id, so importing the same file twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{side_of, Database};
use crate::error::{Error, Result};
use crate::model::Region;
use crate::validate::{self, format_time};

pub const EXPORT_FORMAT: &str = "soremap-export";
pub const EXPORT_VERSION: u32 = 1;
/// The largest import file accepted.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;
/// Problems listed before an import gives up listing them.
const MAX_PROBLEMS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportEntry {
    pub id: String,
    pub at: String,
    pub region: String,
    pub side: String,
    pub intensity: f64,
    pub kind: String,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRegionSide {
    pub region: String,
    pub side: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportWorkout {
    pub id: String,
    pub at: String,
    pub activity: String,
    pub effort: f64,
    pub duration_min: f64,
    #[serde(default)]
    pub note: String,
    pub created_at: String,
    pub regions: Vec<ExportRegionSide>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportTreatment {
    pub id: String,
    pub at: String,
    pub region: String,
    pub side: String,
    #[serde(default)]
    pub technique: Option<String>,
    #[serde(default)]
    pub point: Option<String>,
    pub duration_sec: f64,
    #[serde(default)]
    pub before: Option<f64>,
    #[serde(default)]
    pub after: Option<f64>,
    #[serde(default)]
    pub note: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportAck {
    pub key: String,
    pub acknowledged_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub app_version: String,
    pub entries: Vec<ExportEntry>,
    pub workouts: Vec<ExportWorkout>,
    pub treatments: Vec<ExportTreatment>,
    #[serde(default)]
    pub flag_acks: Vec<ExportAck>,
    #[serde(default)]
    pub pregnancy: Option<bool>,
}

/// An export file that has passed every check. Only `Database::parse_import` and
/// `Database::read_import` make one, so nothing unchecked can reach `apply_import`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedImport(ExportFile);

impl CheckedImport {
    pub fn file(&self) -> &ExportFile {
        &self.0
    }
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub entries: u32,
    pub workouts: u32,
    pub treatments: u32,
    /// Records already in the log (same id): skipped.
    pub duplicates: u32,
    /// Records that would be added.
    pub new_records: u32,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExportSummary {
    pub path: String,
    pub entries: u32,
    pub workouts: u32,
    pub treatments: u32,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn stored_time(
    field: &str,
    text: &str,
    now: NaiveDateTime,
) -> std::result::Result<NaiveDateTime, String> {
    validate::time(Some(text), now).map_err(|e| {
        format!(
            "{field}: {}",
            e.to_string().trim_start_matches("Invalid date and time: ")
        )
    })
}

impl Database {
    pub fn export_file(&self, now: NaiveDateTime) -> Result<ExportFile> {
        let mut entries = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, at, region_id, side, intensity, kind, symptoms, note, created_at, updated_at
                 FROM soreness_entries WHERE deleted_at IS NULL ORDER BY at, id",
            )?;
            let rows = stmt.query_map([], |r| {
                let symptoms: String = r.get(6)?;
                Ok(ExportEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    region: r.get(2)?,
                    side: r.get(3)?,
                    intensity: f64::from(r.get::<_, u8>(4)?),
                    kind: r.get(5)?,
                    symptoms: serde_json::from_str(&symptoms).unwrap_or_default(),
                    note: r.get(7)?,
                    created_at: r.get(8)?,
                    updated_at: r.get(9)?,
                })
            })?;
            for row in rows {
                entries.push(row?);
            }
        }
        let mut workouts = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, at, activity, effort, duration_min, note, created_at
                 FROM workouts WHERE deleted_at IS NULL ORDER BY at, id",
            )?;
            let mut regions = self
                .conn
                .prepare("SELECT region_id, side FROM workout_regions WHERE workout_id = ?1 ORDER BY region_id, side")?;
            let rows = stmt.query_map([], |r| {
                Ok(ExportWorkout {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    activity: r.get(2)?,
                    effort: f64::from(r.get::<_, u8>(3)?),
                    duration_min: f64::from(r.get::<_, u32>(4)?),
                    note: r.get(5)?,
                    created_at: r.get(6)?,
                    regions: Vec::new(),
                })
            })?;
            for row in rows {
                let mut w = row?;
                w.regions = regions
                    .query_map([&w.id], |r| {
                        Ok(ExportRegionSide {
                            region: r.get(0)?,
                            side: r.get(1)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                workouts.push(w);
            }
        }
        let mut treatments = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, at, region_id, side, technique_id, point_id, duration_sec, before, after, note, created_at
                 FROM treatments WHERE deleted_at IS NULL ORDER BY at, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(ExportTreatment {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    region: r.get(2)?,
                    side: r.get(3)?,
                    technique: r.get(4)?,
                    point: r.get(5)?,
                    duration_sec: f64::from(r.get::<_, u32>(6)?),
                    before: r.get::<_, Option<u8>>(7)?.map(f64::from),
                    after: r.get::<_, Option<u8>>(8)?.map(f64::from),
                    note: r.get(9)?,
                    created_at: r.get(10)?,
                })
            })?;
            for row in rows {
                treatments.push(row?);
            }
        }
        let flag_acks = {
            let mut stmt = self
                .conn
                .prepare("SELECT key, acknowledged_at FROM flag_acks ORDER BY key")?;
            let rows = stmt.query_map([], |r| {
                Ok(ExportAck {
                    key: r.get(0)?,
                    acknowledged_at: r.get(1)?,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(ExportFile {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            exported_at: format_time(now),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            entries,
            workouts,
            treatments,
            flag_acks,
            pregnancy: Some(self.settings()?.pregnancy),
        })
    }

    /// Writes everything as JSON to `path` (through a temporary file, so a failure never
    /// leaves half a file).
    pub fn export_json(&self, path: &Path, now: NaiveDateTime) -> Result<ExportSummary> {
        let file = self.export_file(now)?;
        let json = serde_json::to_vec_pretty(&file)
            .map_err(|e| Error::invalid("export", format!("could not write JSON: {e}")))?;
        write_atomically(path, &json)?;
        Ok(ExportSummary {
            path: path.display().to_string(),
            entries: file.entries.len() as u32,
            workouts: file.workouts.len() as u32,
            treatments: file.treatments.len() as u32,
        })
    }

    /// Writes one kind of record (`entries`, `workouts` or `treatments`) as CSV.
    pub fn export_csv(&self, kind: &str, path: &Path, now: NaiveDateTime) -> Result<ExportSummary> {
        let file = self.export_file(now)?;
        let mut out = String::new();
        let mut summary = ExportSummary {
            path: path.display().to_string(),
            entries: 0,
            workouts: 0,
            treatments: 0,
        };
        match kind {
            "entries" => {
                out.push_str("id,at,region,side,intensity,kind,symptoms,note\n");
                for e in &file.entries {
                    row(
                        &mut out,
                        &[
                            &e.id,
                            &e.at,
                            &e.region,
                            &e.side,
                            &e.intensity.to_string(),
                            &e.kind,
                            &e.symptoms.join(";"),
                            &e.note,
                        ],
                    );
                }
                summary.entries = file.entries.len() as u32;
            }
            "workouts" => {
                out.push_str("id,at,activity,effort,duration_min,regions,note\n");
                for w in &file.workouts {
                    let regions: Vec<String> = w
                        .regions
                        .iter()
                        .map(|r| format!("{}:{}", r.region, r.side))
                        .collect();
                    row(
                        &mut out,
                        &[
                            &w.id,
                            &w.at,
                            &w.activity,
                            &w.effort.to_string(),
                            &w.duration_min.to_string(),
                            &regions.join(";"),
                            &w.note,
                        ],
                    );
                }
                summary.workouts = file.workouts.len() as u32;
            }
            "treatments" => {
                out.push_str("id,at,region,side,technique,point,duration_sec,before,after,note\n");
                let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
                for t in &file.treatments {
                    row(
                        &mut out,
                        &[
                            &t.id,
                            &t.at,
                            &t.region,
                            &t.side,
                            t.technique.as_deref().unwrap_or(""),
                            t.point.as_deref().unwrap_or(""),
                            &t.duration_sec.to_string(),
                            &opt(t.before),
                            &opt(t.after),
                            &t.note,
                        ],
                    );
                }
                summary.treatments = file.treatments.len() as u32;
            }
            other => {
                return Err(Error::invalid(
                    "export",
                    format!(
                    "{other:?} is not something to export; use entries, workouts or treatments."
                ),
                ))
            }
        }
        write_atomically(path, out.as_bytes())?;
        Ok(summary)
    }

    /// Reads and fully checks an export file; nothing is written.
    pub fn read_import(&self, path: &Path, now: NaiveDateTime) -> Result<CheckedImport> {
        let meta = std::fs::metadata(path).map_err(|e| {
            Error::invalid(
                "import file",
                format!("cannot read {}: {e}.", path.display()),
            )
        })?;
        if meta.len() > MAX_IMPORT_BYTES {
            return Err(Error::invalid(
                "import file",
                format!(
                    "it is {} MB; the most SoreMap imports is {} MB.",
                    meta.len() / 1_000_000,
                    MAX_IMPORT_BYTES / 1_000_000
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| {
            Error::invalid(
                "import file",
                format!("cannot read {}: {e}.", path.display()),
            )
        })?;
        self.parse_import(&bytes, now)
    }

    pub fn parse_import(&self, bytes: &[u8], now: NaiveDateTime) -> Result<CheckedImport> {
        let file: ExportFile = match serde_json::from_slice(bytes) {
            Ok(file) => file,
            Err(shape) => return Err(diagnose(bytes, &shape)),
        };
        if file.format != EXPORT_FORMAT {
            return Err(not_an_export());
        }
        if file.version > EXPORT_VERSION {
            return Err(newer(u64::from(file.version)));
        }
        let problems = self.check_import(&file, now);
        if problems.is_empty() {
            Ok(CheckedImport(file))
        } else {
            let more = if problems.len() >= MAX_PROBLEMS {
                " (and possibly more)"
            } else {
                ""
            };
            Err(Error::invalid(
                "import file",
                format!(
                    "nothing was imported; {} problem{}{more}: {}",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" },
                    problems.join("; ")
                ),
            ))
        }
    }

    fn check_import(&self, file: &ExportFile, now: NaiveDateTime) -> Vec<String> {
        let mut problems = Vec::new();
        let regions: HashMap<String, Region> = match self.regions() {
            Ok(list) => list.into_iter().map(|r| (r.id.clone(), r)).collect(),
            Err(e) => return vec![e.to_string()],
        };
        let region_side = |region: &str, side: &str| -> Result<()> {
            let r = regions
                .get(region)
                .ok_or_else(|| Error::UnknownRegion(region.to_owned()))?;
            side_of(r, side).map(drop)
        };
        let mut push = |p: String| {
            if problems.len() < MAX_PROBLEMS {
                problems.push(p);
            }
        };
        let mut ids = HashSet::new();
        let mut check_id = |what: &str, id: &str, push: &mut dyn FnMut(String)| {
            if !valid_id(id) {
                push(format!(
                    "{what}: id {:?} is not a valid id",
                    id.chars().take(40).collect::<String>()
                ));
            } else if !ids.insert(format!("{what}/{id}")) {
                push(format!("{what}: id {id} appears twice"));
            }
        };
        for (i, e) in file.entries.iter().enumerate() {
            let what = format!("entries[{i}]");
            check_id("entries", &e.id, &mut push);
            if let Err(p) = stored_time(&format!("{what}.at"), &e.at, now) {
                push(p);
            }
            if let Err(err) = region_side(&e.region, &e.side) {
                push(format!("{what}: {err}"));
            }
            for result in [
                validate::intensity("intensity", e.intensity).map(drop),
                validate::kind(&e.kind).map(drop),
                validate::symptoms(&e.symptoms).map(drop),
                validate::note(&e.note).map(drop),
            ] {
                if let Err(err) = result {
                    push(format!("{what}: {err}"));
                }
            }
        }
        for (i, w) in file.workouts.iter().enumerate() {
            let what = format!("workouts[{i}]");
            check_id("workouts", &w.id, &mut push);
            if let Err(p) = stored_time(&format!("{what}.at"), &w.at, now) {
                push(p);
            }
            for result in [
                validate::activity(&w.activity).map(drop),
                validate::whole_number("effort", w.effort, 1, 10).map(drop),
                validate::whole_number("duration (minutes)", w.duration_min, 1, 1440).map(drop),
                validate::note(&w.note).map(drop),
            ] {
                if let Err(err) = result {
                    push(format!("{what}: {err}"));
                }
            }
            if w.regions.is_empty() {
                push(format!("{what}: no regions"));
            }
            for r in &w.regions {
                if let Err(err) = region_side(&r.region, &r.side) {
                    push(format!("{what}: {err}"));
                }
            }
        }
        for (i, t) in file.treatments.iter().enumerate() {
            let what = format!("treatments[{i}]");
            check_id("treatments", &t.id, &mut push);
            if let Err(p) = stored_time(&format!("{what}.at"), &t.at, now) {
                push(p);
            }
            if let Err(err) = region_side(&t.region, &t.side) {
                push(format!("{what}: {err}"));
            }
            if t.technique.is_some() == t.point.is_some() {
                push(format!("{what}: name either one technique or one point"));
            }
            for result in [
                validate::whole_number("duration (seconds)", t.duration_sec, 1, 86_400).map(drop),
                t.before
                    .map(|v| validate::intensity("soreness before", v).map(drop))
                    .unwrap_or(Ok(())),
                t.after
                    .map(|v| validate::intensity("soreness after", v).map(drop))
                    .unwrap_or(Ok(())),
                validate::note(&t.note).map(drop),
            ] {
                if let Err(err) = result {
                    push(format!("{what}: {err}"));
                }
            }
        }
        for (i, a) in file.flag_acks.iter().enumerate() {
            if a.key.is_empty() || a.key.len() > 300 {
                push(format!("flag_acks[{i}]: not a flag key"));
            }
        }
        problems
    }

    fn ids(&self, table: &str) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare(&format!("SELECT id FROM {table}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn preview_import(&self, checked: &CheckedImport) -> Result<ImportPreview> {
        let file = &checked.0;
        let entries = self.ids("soreness_entries")?;
        let workouts = self.ids("workouts")?;
        let treatments = self.ids("treatments")?;
        let duplicates = file
            .entries
            .iter()
            .filter(|e| entries.contains(&e.id))
            .count()
            + file
                .workouts
                .iter()
                .filter(|w| workouts.contains(&w.id))
                .count()
            + file
                .treatments
                .iter()
                .filter(|t| treatments.contains(&t.id))
                .count();
        let duplicates = duplicates as u32;
        let times = file
            .entries
            .iter()
            .map(|e| &e.at)
            .chain(file.workouts.iter().map(|w| &w.at))
            .chain(file.treatments.iter().map(|t| &t.at));
        let first = times.clone().min().cloned();
        let last = times.max().cloned();
        let total = (file.entries.len() + file.workouts.len() + file.treatments.len()) as u32;
        Ok(ImportPreview {
            entries: file.entries.len() as u32,
            workouts: file.workouts.len() as u32,
            treatments: file.treatments.len() as u32,
            duplicates,
            new_records: total - duplicates,
            first,
            last,
        })
    }

    /// Merges a checked export into the log in one transaction; records already present
    /// (same id) are kept as they are. Returns what was added.
    pub fn apply_import(
        &mut self,
        checked: &CheckedImport,
        now: NaiveDateTime,
    ) -> Result<ImportPreview> {
        self.apply_import_with(checked, now, &mut |_, _| {})
    }

    /// As `apply_import`, calling `progress(done, total)` every few thousand records.
    pub fn apply_import_with(
        &mut self,
        checked: &CheckedImport,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportPreview> {
        let file = &checked.0;
        let preview = self.preview_import(checked)?;
        let norm = |t: &str| validate::time(Some(t), now).map(format_time);
        let total = (file.entries.len() + file.workouts.len() + file.treatments.len()) as u64;
        let mut done = 0u64;
        let mut step = |done: &mut u64| {
            *done += 1;
            if *done % 5000 == 0 || *done == total {
                progress(*done, total);
            }
        };
        self.write(|tx| {
            for e in &file.entries {
                step(&mut done);
                let symptoms = crate::log::symptoms_json(&validate::symptoms(&e.symptoms)?);
                tx.prepare_cached("INSERT OR IGNORE INTO soreness_entries
                     (id, at, region_id, side, intensity, kind, symptoms, note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?.execute(params![e.id, norm(&e.at)?, e.region, e.side, e.intensity as i64, e.kind, symptoms, e.note, e.created_at, e.updated_at])?;
            }
            for w in &file.workouts {
                step(&mut done);
                let added = tx.prepare_cached("INSERT OR IGNORE INTO workouts (id, at, activity, effort, duration_min, note, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![w.id, norm(&w.at)?, w.activity.trim(), w.effort as i64, w.duration_min as i64, w.note, w.created_at])?;
                if added > 0 {
                    for r in &w.regions {
                        tx.prepare_cached("INSERT OR IGNORE INTO workout_regions (workout_id, region_id, side) VALUES (?1, ?2, ?3)")?.execute(params![w.id, r.region, r.side])?;
                    }
                }
            }
            for t in &file.treatments {
                step(&mut done);
                tx.prepare_cached("INSERT OR IGNORE INTO treatments (id, at, region_id, side, technique_id, point_id,
                     duration_sec, before, after, note, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?.execute(params![t.id, norm(&t.at)?, t.region, t.side, t.technique, t.point, t.duration_sec as i64,
                        t.before.map(|v| v as i64), t.after.map(|v| v as i64), t.note, t.created_at])?;
            }
            for a in &file.flag_acks {
                tx.prepare_cached("INSERT OR IGNORE INTO flag_acks (key, acknowledged_at) VALUES (?1, ?2)")?.execute(params![a.key, a.acknowledged_at])?;
            }
            Ok(())
        })?;
        Ok(preview)
    }
}

fn not_an_export() -> Error {
    Error::invalid(
        "import file",
        "it is not a SoreMap JSON export (no \"format\": \"soremap-export\").",
    )
}

fn newer(version: u64) -> Error {
    Error::invalid(
        "import file",
        format!("it was made by a newer SoreMap (export version {version}; this one reads up to {EXPORT_VERSION}). Update SoreMap to import it."),
    )
}

/// Why a file did not parse as an export, in the most useful words.
fn diagnose(bytes: &[u8], shape: &serde_json::Error) -> Error {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        if shape.is_eof() {
            return Error::invalid(
                "import file",
                "it is not a SoreMap JSON export: the file is cut off (it ends before its JSON does).",
            );
        }
        return Error::invalid(
            "import file",
            format!("it is not a SoreMap JSON export ({shape})."),
        );
    };
    if value.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return not_an_export();
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(EXPORT_VERSION) {
        return newer(version);
    }
    Error::invalid(
        "import file",
        format!("it does not have the shape of a SoreMap export: {shape}."),
    )
}

fn row(out: &mut String, fields: &[&str]) {
    let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
    out.push_str(&cells.join(","));
    out.push('\n');
}

/// RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with `'`.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| {
        Error::invalid(
            "export file",
            format!("cannot write {}: {e}.", path.display()),
        )
    };
    let tmp = path.with_extension("partial");
    {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)
}
