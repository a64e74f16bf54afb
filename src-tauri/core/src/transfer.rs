//! Export and import of the personal log.
//!
//! JSON carries everything, with a format version; CSV carries entries, workouts and
//! treatments for spreadsheets. An import is read and validated completely before anything is
//! written, previewed, and then merged in one transaction: records are matched by their stable
//! id, so importing the same file twice adds nothing.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup;
use crate::db::Database;
use crate::error::{Error, Result};
use crate::files;
use crate::model::RegionSideInput;
use crate::records::{
    Checker, OnDuplicate, SorenessFields, SorenessRecord, TreatmentFields, TreatmentRecord,
    WorkoutFields, WorkoutRecord,
};
use crate::validate::format_time;

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

/// An export file whose every record has passed the same checks the log applies. Only
/// `Database::parse_import` and `Database::read_import` make one, so nothing unchecked can
/// reach `apply_import`.
pub struct CheckedImport {
    entries: Vec<(Stamped, SorenessRecord)>,
    workouts: Vec<(Stamped, WorkoutRecord)>,
    treatments: Vec<(Stamped, TreatmentRecord)>,
    flag_acks: Vec<(String, String)>,
}

/// A record's id and bookkeeping times, checked.
struct Stamped {
    id: String,
    created_at: String,
    updated_at: String,
}

/// The first fields of an export, read on their own to say what a file is before its
/// records are checked.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
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
        let path = backup::refuse_protected_target(self.path(), path)?;
        let file = self.export_file(now)?;
        backup::atomic_write(&path, |out, tmp| {
            let mut out = std::io::BufWriter::new(out);
            serde_json::to_writer_pretty(&mut out, &file)
                .map_err(std::io::Error::other)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io("write", tmp, e))
        })?;
        Ok(ExportSummary {
            path: path.display().to_string(),
            entries: file.entries.len() as u32,
            workouts: file.workouts.len() as u32,
            treatments: file.treatments.len() as u32,
        })
    }

    /// Writes one kind of record (`entries`, `workouts` or `treatments`) as CSV.
    pub fn export_csv(&self, kind: &str, path: &Path, now: NaiveDateTime) -> Result<ExportSummary> {
        let path: PathBuf = backup::refuse_protected_target(self.path(), path)?;
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
        backup::atomic_write(&path, |f, tmp| {
            f.write_all(out.as_bytes())
                .map_err(|e| Error::io("write", tmp, e))
        })?;
        Ok(summary)
    }

    /// Reads and fully checks an export file; nothing is written.
    pub fn read_import(&self, path: &Path, now: NaiveDateTime) -> Result<CheckedImport> {
        let bytes = files::read_capped(path, MAX_IMPORT_BYTES).map_err(|e| match e {
            Error::File { problem, .. } => Error::invalid("import file", problem),
            other => other,
        })?;
        self.parse_import(&bytes, now)
    }

    pub fn parse_import(&self, bytes: &[u8], now: NaiveDateTime) -> Result<CheckedImport> {
        // What the file is, from its first fields, before the records are read.
        let header: Header = match serde_json::from_slice(bytes) {
            Ok(header) => header,
            Err(e) if e.is_eof() => return Err(cut_off()),
            Err(e) => {
                return Err(Error::invalid(
                    "import file",
                    format!("it is not a SoreMap JSON export ({e})."),
                ))
            }
        };
        if header.format.as_ref().and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
            return Err(not_an_export());
        }
        match header.version.as_ref().and_then(|v| v.as_u64()) {
            Some(v) if v > u64::from(EXPORT_VERSION) => return Err(newer(v)),
            Some(v) if v >= 1 => {}
            _ => {
                return Err(Error::invalid(
                    "import file",
                    "its \"version\" is missing or not a version SoreMap ever wrote.",
                ))
            }
        }
        let file: ExportFile = serde_json::from_slice(bytes).map_err(|shape| {
            Error::invalid(
                "import file",
                format!("it does not have the shape of a SoreMap export: {shape}."),
            )
        })?;
        self.check_import(file, now)
    }

    fn check_import(&self, file: ExportFile, now: NaiveDateTime) -> Result<CheckedImport> {
        let checker = Checker::imported(self, now)?;
        let mut problems = Vec::new();
        let mut push = |p: String| {
            if problems.len() < MAX_PROBLEMS {
                problems.push(p);
            }
        };
        let mut ids = HashSet::new();
        let mut stamped = |what: &str,
                           id: &str,
                           created: &str,
                           updated: &str|
         -> std::result::Result<Stamped, String> {
            if !valid_id(id) {
                return Err(format!(
                    "id {:?} is not a valid id",
                    crate::error::short(id)
                ));
            }
            if !ids.insert(format!("{what}/{id}")) {
                return Err(format!("id {id} appears twice"));
            }
            let created = checker
                .time(Some(created))
                .map_err(|e| format!("created_at: {e}"))?;
            let updated = checker
                .time(Some(updated))
                .map_err(|e| format!("updated_at: {e}"))?;
            Ok(Stamped {
                id: id.to_owned(),
                created_at: format_time(created),
                updated_at: format_time(updated),
            })
        };
        let mut checked = CheckedImport {
            entries: Vec::with_capacity(file.entries.len()),
            workouts: Vec::with_capacity(file.workouts.len()),
            treatments: Vec::with_capacity(file.treatments.len()),
            flag_acks: Vec::new(),
        };
        for (i, e) in file.entries.iter().enumerate() {
            let record = stamped("entries", &e.id, &e.created_at, &e.updated_at).and_then(|s| {
                let target = checker
                    .region_side(&e.region, &e.side)
                    .map_err(|e| e.to_string())?;
                let fields = SorenessFields {
                    at: Some(&e.at),
                    intensity: e.intensity,
                    kind: &e.kind,
                    symptoms: &e.symptoms,
                    note: &e.note,
                };
                let r = checker
                    .soreness(target, &fields)
                    .map_err(|e| e.to_string())?;
                Ok((s, r))
            });
            match record {
                Ok(r) => checked.entries.push(r),
                Err(p) => push(format!("entries[{i}]: {p}")),
            }
        }
        for (i, w) in file.workouts.iter().enumerate() {
            let targets: Vec<RegionSideInput> = w
                .regions
                .iter()
                .map(|r| RegionSideInput {
                    region: r.region.clone(),
                    side: r.side.clone(),
                })
                .collect();
            let record = stamped("workouts", &w.id, &w.created_at, &w.created_at).and_then(|s| {
                let r = checker
                    .workout(&WorkoutFields {
                        at: Some(&w.at),
                        activity: &w.activity,
                        effort: w.effort,
                        duration_min: w.duration_min,
                        note: &w.note,
                        targets: &targets,
                    })
                    .map_err(|e| e.to_string())?;
                Ok((s, r))
            });
            match record {
                Ok(r) => checked.workouts.push(r),
                Err(p) => push(format!("workouts[{i}]: {p}")),
            }
        }
        for (i, t) in file.treatments.iter().enumerate() {
            let record = stamped("treatments", &t.id, &t.created_at, &t.created_at).and_then(|s| {
                let r = checker
                    .treatment(&TreatmentFields {
                        at: Some(&t.at),
                        region: &t.region,
                        side: &t.side,
                        technique: t.technique.as_deref(),
                        point: t.point.as_deref(),
                        duration_sec: t.duration_sec,
                        before: t.before,
                        after: t.after,
                        note: &t.note,
                    })
                    .map_err(|e| e.to_string())?;
                Ok((s, r))
            });
            match record {
                Ok(r) => checked.treatments.push(r),
                Err(p) => push(format!("treatments[{i}]: {p}")),
            }
        }
        for (i, a) in file.flag_acks.iter().enumerate() {
            if a.key.is_empty() || a.key.len() > 300 || !a.key.contains(':') {
                push(format!("flag_acks[{i}]: not a flag key"));
                continue;
            }
            match checker.time(Some(&a.acknowledged_at)) {
                Ok(at) => checked.flag_acks.push((a.key.clone(), format_time(at))),
                Err(e) => push(format!("flag_acks[{i}].acknowledged_at: {e}")),
            }
        }
        if problems.is_empty() {
            return Ok(checked);
        }
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

    fn ids(&self, table: &str) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare(&format!("SELECT id FROM {table}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn preview_import(&self, checked: &CheckedImport) -> Result<ImportPreview> {
        let entries = self.ids("soreness_entries")?;
        let workouts = self.ids("workouts")?;
        let treatments = self.ids("treatments")?;
        let duplicates = checked
            .entries
            .iter()
            .filter(|(s, _)| entries.contains(&s.id))
            .count()
            + checked
                .workouts
                .iter()
                .filter(|(s, _)| workouts.contains(&s.id))
                .count()
            + checked
                .treatments
                .iter()
                .filter(|(s, _)| treatments.contains(&s.id))
                .count();
        let duplicates = duplicates as u32;
        let times = checked
            .entries
            .iter()
            .map(|(_, r)| r.at)
            .chain(checked.workouts.iter().map(|(_, r)| r.at))
            .chain(checked.treatments.iter().map(|(_, r)| r.at));
        let first = times.clone().min().map(format_time);
        let last = times.max().map(format_time);
        let total = checked.total() as u32;
        Ok(ImportPreview {
            entries: checked.entries.len() as u32,
            workouts: checked.workouts.len() as u32,
            treatments: checked.treatments.len() as u32,
            duplicates,
            new_records: total - duplicates,
            first,
            last,
        })
    }

    /// Merges a checked export into the log in one transaction; records already present
    /// (same id, even if deleted since) are kept as they are. Returns what was added.
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
        _now: NaiveDateTime,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportPreview> {
        let mut preview = self.preview_import(checked)?;
        let total = checked.total() as u64;
        let mut done = 0u64;
        let mut step = |done: &mut u64| {
            *done += 1;
            if (*done).is_multiple_of(2000) || *done == total {
                progress(*done, total);
            }
        };
        let skip = OnDuplicate::Skip;
        let added = self.write(|tx| {
            let mut added = [0u32; 3];
            for (s, r) in &checked.entries {
                step(&mut done);
                added[0] += u32::from(r.insert(tx, &s.id, &s.created_at, &s.updated_at, skip)?);
            }
            for (s, r) in &checked.workouts {
                step(&mut done);
                added[1] += u32::from(r.insert(tx, &s.id, &s.created_at, skip)?);
            }
            for (s, r) in &checked.treatments {
                step(&mut done);
                added[2] += u32::from(r.insert(tx, &s.id, &s.created_at, skip)?);
            }
            for (key, at) in &checked.flag_acks {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO flag_acks (key, acknowledged_at) VALUES (?1, ?2)",
                )?
                .execute(params![key, at])?;
            }
            Ok(added)
        })?;
        let new_records = added.iter().sum::<u32>();
        preview.duplicates = checked.total() as u32 - new_records;
        preview.new_records = new_records;
        Ok(preview)
    }
}

impl std::fmt::Debug for CheckedImport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedImport")
            .field("entries", &self.entries.len())
            .field("workouts", &self.workouts.len())
            .field("treatments", &self.treatments.len())
            .finish()
    }
}

impl CheckedImport {
    fn total(&self) -> usize {
        self.entries.len() + self.workouts.len() + self.treatments.len()
    }
}

fn cut_off() -> Error {
    Error::invalid(
        "import file",
        "it is not a SoreMap JSON export: the file is cut off (it ends before its JSON does).",
    )
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

fn row(out: &mut String, fields: &[&str]) {
    let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
    out.push_str(&cells.join(","));
    out.push('\n');
}

/// RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with `'`.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err()
    {
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
