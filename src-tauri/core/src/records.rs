//! One check and one insert per kind of record (soreness entry, workout, treatment).
//!
//! The log and the import both go through here, so a record is held to the same rules
//! whether it was typed into the window or read from a file, and both write the same SQL.
//! A `Checker` reads what records are checked against (regions, techniques, points) once, so
//! checking a 200,000-record import does not query the catalogue per record.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, Transaction};

use crate::db::{side_of, Database};
use crate::error::{Error, Result};
use crate::model::{Region, RegionSideInput, Side, SorenessKind};
use crate::validate::{self, format_time};

/// Everything a record is checked against, read once.
pub(crate) struct Checker {
    regions: HashMap<String, Region>,
    techniques: HashSet<String>,
    points: HashSet<String>,
    now: NaiveDateTime,
    /// How far after `now` a time may lie: a few minutes of clock drift for what is typed,
    /// up to 14 hours for a file exported in a time zone ahead of this one.
    ahead: Duration,
}

pub(crate) struct SorenessRecord {
    pub region: String,
    pub side: Side,
    pub at: NaiveDateTime,
    pub intensity: u8,
    pub kind: SorenessKind,
    pub symptoms: Vec<String>,
    pub note: String,
}

pub(crate) struct WorkoutRecord {
    pub at: NaiveDateTime,
    pub activity: String,
    pub effort: i64,
    pub duration_min: i64,
    pub note: String,
    pub targets: Vec<(String, Side)>,
}

pub(crate) struct TreatmentRecord {
    pub at: NaiveDateTime,
    pub region: String,
    pub side: Side,
    pub technique: Option<String>,
    pub point: Option<String>,
    pub duration_sec: i64,
    pub before: Option<u8>,
    pub after: Option<u8>,
    pub note: String,
}

/// The fields of a soreness record as they arrive (from the form or a file).
pub(crate) struct SorenessFields<'a> {
    pub at: Option<&'a str>,
    pub intensity: f64,
    pub kind: &'a str,
    pub symptoms: &'a [String],
    pub note: &'a str,
}

pub(crate) struct WorkoutFields<'a> {
    pub at: Option<&'a str>,
    pub activity: &'a str,
    pub effort: f64,
    pub duration_min: f64,
    pub note: &'a str,
    pub targets: &'a [RegionSideInput],
}

pub(crate) struct TreatmentFields<'a> {
    pub at: Option<&'a str>,
    pub region: &'a str,
    pub side: &'a str,
    pub technique: Option<&'a str>,
    pub point: Option<&'a str>,
    pub duration_sec: f64,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub note: &'a str,
}

/// Minutes a typed time may lie ahead of the clock (drift between devices).
const TYPED_AHEAD_MINUTES: i64 = 5;
/// Hours an imported time may lie ahead of local now: the widest time-zone difference.
pub(crate) const IMPORT_AHEAD_HOURS: i64 = 14;

impl Checker {
    /// A checker for what the person types now.
    pub fn typed(db: &Database, now: NaiveDateTime) -> Result<Checker> {
        Checker::new(db, now, Duration::minutes(TYPED_AHEAD_MINUTES))
    }

    /// A checker for records read from an export file.
    pub fn imported(db: &Database, now: NaiveDateTime) -> Result<Checker> {
        Checker::new(db, now, Duration::hours(IMPORT_AHEAD_HOURS))
    }

    fn new(db: &Database, now: NaiveDateTime, ahead: Duration) -> Result<Checker> {
        let ids = |sql: &str| -> Result<HashSet<String>> {
            let mut stmt = db.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Checker {
            regions: db
                .regions()?
                .into_iter()
                .map(|r| (r.id.clone(), r))
                .collect(),
            techniques: ids("SELECT id FROM techniques")?,
            points: ids("SELECT id FROM points")?,
            now,
            ahead,
        })
    }

    pub fn time(&self, text: Option<&str>) -> Result<NaiveDateTime> {
        validate::time_ahead(text, self.now, self.ahead)
    }

    pub fn region_side(&self, region: &str, side: &str) -> Result<(String, Side)> {
        let r = self
            .regions
            .get(region)
            .ok_or_else(|| Error::UnknownRegion(region.to_owned()))?;
        Ok((r.id.clone(), side_of(r, side)?))
    }

    /// At least one region-side, without repeats.
    pub fn targets(&self, targets: &[RegionSideInput]) -> Result<Vec<(String, Side)>> {
        if targets.is_empty() {
            return Err(Error::invalid(
                "regions",
                "choose at least one region on the map.",
            ));
        }
        let mut out: Vec<(String, Side)> = Vec::new();
        for t in targets {
            let target = self.region_side(&t.region, &t.side)?;
            if !out.contains(&target) {
                out.push(target);
            }
        }
        Ok(out)
    }

    pub fn soreness(
        &self,
        (region, side): (String, Side),
        f: &SorenessFields<'_>,
    ) -> Result<SorenessRecord> {
        Ok(SorenessRecord {
            region,
            side,
            at: self.time(f.at)?,
            intensity: validate::intensity("intensity", f.intensity)?,
            kind: f.kind.parse()?,
            symptoms: validate::symptoms(f.symptoms)?,
            note: validate::note(f.note)?,
        })
    }

    pub fn workout(&self, f: &WorkoutFields<'_>) -> Result<WorkoutRecord> {
        Ok(WorkoutRecord {
            at: self.time(f.at)?,
            activity: validate::activity(f.activity)?,
            effort: validate::whole_number("effort", f.effort, 1, 10)?,
            duration_min: validate::whole_number("duration (minutes)", f.duration_min, 1, 1440)?,
            note: validate::note(f.note)?,
            targets: self.targets(f.targets)?,
        })
    }

    pub fn treatment(&self, f: &TreatmentFields<'_>) -> Result<TreatmentRecord> {
        let at = self.time(f.at)?;
        let (region, side) = self.region_side(f.region, f.side)?;
        let technique = f.technique.filter(|t| !t.is_empty());
        let point = f.point.filter(|p| !p.is_empty());
        match (technique, point) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(Error::invalid(
                    "treatment",
                    "name either one technique or one point.",
                ))
            }
            (Some(t), None) if !self.techniques.contains(t) => {
                return Err(Error::invalid(
                    "technique",
                    format!("there is no technique {:?}.", crate::error::short(t)),
                ))
            }
            (None, Some(p)) if !self.points.contains(p) => {
                return Err(Error::invalid(
                    "point",
                    format!("there is no point {:?}.", crate::error::short(p)),
                ))
            }
            _ => {}
        }
        Ok(TreatmentRecord {
            at,
            region,
            side,
            technique: technique.map(str::to_owned),
            point: point.map(str::to_owned),
            duration_sec: validate::whole_number("duration (seconds)", f.duration_sec, 1, 86_400)?,
            before: f
                .before
                .map(|v| validate::intensity("soreness before", v))
                .transpose()?,
            after: f
                .after
                .map(|v| validate::intensity("soreness after", v))
                .transpose()?,
            note: validate::note(f.note)?,
        })
    }
}

/// Whether an insert replaces nothing (the log: a fresh id) or skips an id already there (an
/// import merging by id).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnDuplicate {
    Fail,
    Skip,
}

impl OnDuplicate {
    fn verb(self) -> &'static str {
        match self {
            OnDuplicate::Fail => "INSERT",
            OnDuplicate::Skip => "INSERT OR IGNORE",
        }
    }
}

/// Symptom ids as stored: a JSON array.
pub(crate) fn symptoms_json(symptoms: &[String]) -> String {
    serde_json::to_string(symptoms).unwrap_or_else(|_| "[]".into())
}

impl SorenessRecord {
    /// Inserts the record; returns whether a row was added.
    pub fn insert(
        &self,
        tx: &Transaction<'_>,
        id: &str,
        created_at: &str,
        updated_at: &str,
        on_duplicate: OnDuplicate,
    ) -> Result<bool> {
        let added = tx
            .prepare_cached(&format!(
                "{} INTO soreness_entries
                 (id, at, region_id, side, intensity, kind, symptoms, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                on_duplicate.verb()
            ))?
            .execute(params![
                id,
                format_time(self.at),
                self.region,
                self.side,
                self.intensity,
                self.kind,
                symptoms_json(&self.symptoms),
                self.note,
                created_at,
                updated_at,
            ])?;
        Ok(added > 0)
    }

    /// Replaces the values of a live entry.
    pub fn update(&self, tx: &Transaction<'_>, id: &str, updated_at: &str) -> Result<bool> {
        let changed = tx.execute(
            "UPDATE soreness_entries SET at = ?2, region_id = ?3, side = ?4, intensity = ?5,
             kind = ?6, symptoms = ?7, note = ?8, updated_at = ?9
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id,
                format_time(self.at),
                self.region,
                self.side,
                self.intensity,
                self.kind,
                symptoms_json(&self.symptoms),
                self.note,
                updated_at,
            ],
        )?;
        Ok(changed > 0)
    }
}

impl WorkoutRecord {
    pub fn insert(
        &self,
        tx: &Transaction<'_>,
        id: &str,
        created_at: &str,
        on_duplicate: OnDuplicate,
    ) -> Result<bool> {
        let added = tx
            .prepare_cached(&format!(
                "{} INTO workouts (id, at, activity, effort, duration_min, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                on_duplicate.verb()
            ))?
            .execute(params![
                id,
                format_time(self.at),
                self.activity,
                self.effort,
                self.duration_min,
                self.note,
                created_at,
            ])?;
        if added > 0 {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO workout_regions (workout_id, region_id, side) VALUES (?1, ?2, ?3)",
            )?;
            for (region, side) in &self.targets {
                stmt.execute(params![id, region, side])?;
            }
        }
        Ok(added > 0)
    }
}

impl TreatmentRecord {
    pub fn insert(
        &self,
        tx: &Transaction<'_>,
        id: &str,
        created_at: &str,
        on_duplicate: OnDuplicate,
    ) -> Result<bool> {
        let added = tx
            .prepare_cached(&format!(
                "{} INTO treatments (id, at, region_id, side, technique_id, point_id,
                 duration_sec, before, after, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                on_duplicate.verb()
            ))?
            .execute(params![
                id,
                format_time(self.at),
                self.region,
                self.side,
                self.technique,
                self.point,
                self.duration_sec,
                self.before,
                self.after,
                self.note,
                created_at,
            ])?;
        Ok(added > 0)
    }
}
