//! The personal log: soreness entries, workouts and treatments.
//!
//! Every write validates all of its input first and then runs in one transaction, so a bad
//! field writes nothing. Deletes are soft, so they can be undone.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::db::Database;
use crate::error::{Error, Result};
use crate::model::{
    DayCell, DayView, RaisedFlag, Region, RegionSide, RegionSideInput, Side, SorenessEntry,
    SorenessInput, SorenessKind, Treatment, TreatmentInput, Workout, WorkoutInput,
};
use crate::safety;
use crate::validate::{self, format_time};

fn new_id(tx: &Transaction<'_>) -> Result<String> {
    Ok(tx.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?)
}

fn kind_str(kind: SorenessKind) -> &'static str {
    match kind {
        SorenessKind::Doms => "doms",
        SorenessKind::Acute => "acute",
        SorenessKind::Pain => "pain",
        SorenessKind::Stiffness => "stiffness",
    }
}

struct CheckedSoreness {
    targets: Vec<(Region, Side)>,
    at: NaiveDateTime,
    intensity: u8,
    kind: SorenessKind,
    symptoms: Vec<String>,
    note: String,
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            "date",
            format!(
                "{:?} is not a date; use YYYY-MM-DD.",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

impl Database {
    fn targets(&self, targets: &[RegionSideInput]) -> Result<Vec<(Region, Side)>> {
        if targets.is_empty() {
            return Err(Error::invalid(
                "regions",
                "choose at least one region on the map.",
            ));
        }
        let mut out: Vec<(Region, Side)> = Vec::new();
        for t in targets {
            let (region, side) = self.region_side(&t.region, &t.side)?;
            if !out.iter().any(|(r, s)| r.id == region.id && *s == side) {
                out.push((region, side));
            }
        }
        Ok(out)
    }

    fn check_soreness(&self, input: &SorenessInput, now: NaiveDateTime) -> Result<CheckedSoreness> {
        Ok(CheckedSoreness {
            targets: self.targets(&input.targets)?,
            at: validate::time(input.at.as_deref(), now)?,
            intensity: validate::intensity("intensity", input.intensity)?,
            kind: validate::kind(&input.kind)?,
            symptoms: validate::symptoms(&input.symptoms)?,
            note: validate::note(&input.note)?,
        })
    }

    /// Logs soreness for one or several region-sides at once.
    pub fn log_soreness(
        &mut self,
        input: &SorenessInput,
        now: NaiveDateTime,
    ) -> Result<Vec<SorenessEntry>> {
        let c = self.check_soreness(input, now)?;
        let stamp = format_time(now);
        let ids = self.write(|tx| {
            let mut ids = Vec::new();
            for (region, side) in &c.targets {
                let id = new_id(tx)?;
                tx.execute(
                    "INSERT INTO soreness_entries
                     (id, at, region_id, side, intensity, kind, symptoms, note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        id,
                        format_time(c.at),
                        region.id,
                        side.as_str(),
                        c.intensity,
                        kind_str(c.kind),
                        symptoms_json(&c.symptoms),
                        c.note,
                        stamp,
                    ],
                )?;
                ids.push(id);
            }
            Ok(ids)
        })?;
        ids.iter().map(|id| self.entry(id)).collect()
    }

    /// Replaces an entry's values (its one region-side may change too).
    pub fn update_soreness(
        &mut self,
        id: &str,
        input: &SorenessInput,
        now: NaiveDateTime,
    ) -> Result<SorenessEntry> {
        let c = self.check_soreness(input, now)?;
        if c.targets.len() != 1 {
            return Err(Error::invalid(
                "regions",
                "an entry is for exactly one region-side.",
            ));
        }
        self.entry(id)?;
        let (region, side) = &c.targets[0];
        self.write(|tx| {
            tx.execute(
                "UPDATE soreness_entries SET at = ?2, region_id = ?3, side = ?4, intensity = ?5,
                 kind = ?6, symptoms = ?7, note = ?8, updated_at = ?9
                 WHERE id = ?1 AND deleted_at IS NULL",
                params![
                    id,
                    format_time(c.at),
                    region.id,
                    side.as_str(),
                    c.intensity,
                    kind_str(c.kind),
                    symptoms_json(&c.symptoms),
                    c.note,
                    format_time(now),
                ],
            )?;
            Ok(())
        })?;
        self.entry(id)
    }

    /// Deletes an entry; `restore_soreness` undoes it.
    pub fn delete_soreness(&mut self, id: &str, now: NaiveDateTime) -> Result<()> {
        self.entry(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE soreness_entries SET deleted_at = ?2 WHERE id = ?1",
                params![id, format_time(now)],
            )?;
            Ok(())
        })
    }

    pub fn restore_soreness(&mut self, id: &str) -> Result<SorenessEntry> {
        let changed = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE soreness_entries SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
            )?)
        })?;
        if changed == 0 {
            return Err(Error::invalid(
                "entry",
                format!("there is no deleted entry {id:?} to restore."),
            ));
        }
        self.entry(id)
    }

    /// One live entry, with the red flags it raises.
    pub fn entry(&self, id: &str) -> Result<SorenessEntry> {
        self.query_entries("id = ?1", params![id])?
            .pop()
            .ok_or_else(|| Error::invalid("entry", format!("there is no entry {id:?}.")))
    }

    /// Live entries matching `condition`, with their labels and the red flags they raise.
    /// Region names and flag rules are read once per call, not once per entry.
    fn query_entries(
        &self,
        condition: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<SorenessEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ENTRY_SELECT} WHERE deleted_at IS NULL AND {condition}"
        ))?;
        let mut entries: Vec<SorenessEntry> = stmt
            .query_map(args, entry_from)?
            .collect::<rusqlite::Result<_>>()?;
        if entries.is_empty() {
            return Ok(entries);
        }
        let label = self.labeler()?;
        let flags = self.flags()?;
        for entry in &mut entries {
            entry.label = label(&entry.region, entry.side);
            let raised = self.entry_flags(&flags, entry)?;
            entry.flags = self.keyed(raised, &format!("entry:{}", entry.id))?;
        }
        Ok(entries)
    }

    /// Names region-sides ("Left calf") from one read of the regions.
    pub(crate) fn labeler(&self) -> Result<impl Fn(&str, Side) -> String> {
        let regions: HashMap<String, Region> = self
            .regions()?
            .into_iter()
            .map(|r| (r.id.clone(), r))
            .collect();
        Ok(move |region: &str, side: Side| {
            regions
                .get(region)
                .map(|r| r.label(side))
                .unwrap_or_else(|| format!("{region} ({side})"))
        })
    }

    /// Turns raised flags into `RaisedFlag`s with stable keys and their acknowledgement.
    pub(crate) fn keyed(
        &self,
        raised: Vec<safety::Raised>,
        scope: &str,
    ) -> Result<Vec<RaisedFlag>> {
        if raised.is_empty() {
            return Ok(Vec::new());
        }
        let all = self.all_sources()?;
        raised
            .into_iter()
            .map(|r| {
                let key = format!("{scope}:{}", r.flag.id);
                let acknowledged = self
                    .conn
                    .prepare_cached("SELECT 1 FROM flag_acks WHERE key = ?1")?
                    .exists([&key])?;
                let sources = r
                    .flag
                    .sources
                    .iter()
                    .filter_map(|id| all.get(id).cloned())
                    .collect();
                Ok(RaisedFlag {
                    key,
                    flag: r.flag,
                    reason: r.reason,
                    acknowledged,
                    sources,
                })
            })
            .collect()
    }

    /// Marks a raised flag as read. It stays visible.
    pub fn acknowledge_flag(&mut self, key: &str, now: NaiveDateTime) -> Result<()> {
        if key.is_empty() || key.len() > 300 || !key.contains(':') {
            return Err(Error::invalid(
                "flag",
                format!("{key:?} is not a flag key."),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO flag_acks (key, acknowledged_at) VALUES (?1, ?2)",
                params![key, format_time(now)],
            )?;
            Ok(())
        })
    }

    /// Live entries from `from` (inclusive) to `to` (exclusive), oldest first.
    pub fn entries_between(&self, from: &str, to: &str) -> Result<Vec<SorenessEntry>> {
        self.query_entries("at >= ?1 AND at < ?2 ORDER BY at, created_at", [from, to])
    }

    /// One region-side's live entries from `from` (inclusive) to `to` (exclusive), oldest first.
    pub(crate) fn region_entries_between(
        &self,
        region: &str,
        side: Side,
        from: &str,
        to: &str,
    ) -> Result<Vec<SorenessEntry>> {
        self.query_entries(
            "region_id = ?1 AND side = ?2 AND at >= ?3 AND at < ?4 ORDER BY at, created_at",
            [region, side.as_str(), from, to],
        )
    }

    /// The latest live entries for one region-side, newest first.
    pub fn recent_entries(
        &self,
        region: &str,
        side: &str,
        limit: u32,
    ) -> Result<Vec<SorenessEntry>> {
        let (region, side) = self.region_side(region, side)?;
        let limit = limit.clamp(1, 500);
        self.query_entries(
            "region_id = ?1 AND side = ?2 ORDER BY at DESC, created_at DESC LIMIT ?3",
            params![region.id, side.as_str(), limit],
        )
    }

    /// One region-side's live entries as (time, intensity), oldest first: all that episodes
    /// are derived from.
    pub(crate) fn intensities_for(&self, region: &str, side: Side) -> Result<Vec<(String, u8)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, intensity FROM soreness_entries
             WHERE deleted_at IS NULL AND region_id = ?1 AND side = ?2 ORDER BY at, created_at",
        )?;
        let rows = stmt.query_map([region, side.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// "Same as yesterday": copies yesterday's latest value for each region-side to now.
    pub fn same_as_yesterday(&mut self, now: NaiveDateTime) -> Result<Vec<SorenessEntry>> {
        let today = now.date();
        let yesterday = today - Duration::days(1);
        let cells = self.cells(yesterday)?;
        if cells.is_empty() {
            return Err(Error::invalid(
                "yesterday",
                "nothing was logged yesterday to copy.",
            ));
        }
        let mut created = Vec::new();
        for cell in cells {
            let source = self.entry_at(&cell)?;
            let input = SorenessInput {
                targets: vec![RegionSideInput {
                    region: cell.region.clone(),
                    side: cell.side.as_str().to_owned(),
                }],
                intensity: f64::from(cell.intensity),
                kind: kind_str(source.kind).to_owned(),
                symptoms: Vec::new(),
                note: String::new(),
                at: None,
            };
            created.extend(self.log_soreness(&input, now)?);
        }
        Ok(created)
    }

    fn entry_at(&self, cell: &DayCell) -> Result<SorenessEntry> {
        self.query_entries(
            "region_id = ?1 AND side = ?2 AND at = ?3 ORDER BY created_at DESC LIMIT 1",
            params![cell.region, cell.side.as_str(), cell.at],
        )?
        .pop()
        .ok_or_else(|| Error::invalid("entry", "yesterday's entry is gone."))
    }

    /// The whole-body heatmap for a date (`YYYY-MM-DD`).
    pub fn heatmap(&self, date: &str) -> Result<Vec<DayCell>> {
        self.cells(parse_date(date)?)
    }

    /// Each region-side's latest soreness on `date`.
    pub fn cells(&self, date: NaiveDate) -> Result<Vec<DayCell>> {
        let from = format!("{date}T00:00:00");
        let to = format!("{}T00:00:00", date + Duration::days(1));
        let mut stmt = self.conn.prepare_cached(
            "SELECT region_id, side, intensity, at FROM (
               SELECT region_id, side, intensity, at,
                      row_number() OVER (PARTITION BY region_id, side ORDER BY at DESC, created_at DESC) AS n
               FROM soreness_entries
               WHERE deleted_at IS NULL AND at >= ?1 AND at < ?2)
             WHERE n = 1 ORDER BY region_id, side",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            let side: String = r.get(1)?;
            Ok(DayCell {
                region: r.get(0)?,
                side: side.parse().unwrap_or(Side::Center),
                intensity: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The Today view for `date` (`YYYY-MM-DD`).
    pub fn day(&self, date: &str, now: NaiveDateTime) -> Result<DayView> {
        let date = parse_date(date)?;
        let from = format!("{date}T00:00:00");
        let to = format!("{}T00:00:00", date + Duration::days(1));
        let mut entries = self.entries_between(&from, &to)?;
        entries.reverse();
        Ok(DayView {
            date: date.to_string(),
            cells: self.cells(date)?,
            entries,
            workouts: self.workouts_between(&from, &to)?,
            treatments: self.treatments_between(&from, &to)?,
            open_episodes: self.open_episodes(now)?,
        })
    }

    pub fn log_workout(&mut self, input: &WorkoutInput, now: NaiveDateTime) -> Result<Workout> {
        let at = validate::time(input.at.as_deref(), now)?;
        let activity = validate::activity(&input.activity)?;
        let effort = validate::whole_number("effort", input.effort, 1, 10)?;
        let duration = validate::whole_number("duration (minutes)", input.duration_min, 1, 1440)?;
        let note = validate::note(&input.note)?;
        let targets = self.targets(&input.targets)?;
        let id =
            self.write(|tx| {
                let id = new_id(tx)?;
                tx.execute(
                "INSERT INTO workouts (id, at, activity, effort, duration_min, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, format_time(at), activity, effort, duration, note, format_time(now)],
            )?;
                for (region, side) in &targets {
                    tx.execute(
                    "INSERT INTO workout_regions (workout_id, region_id, side) VALUES (?1, ?2, ?3)",
                    params![id, region.id, side.as_str()],
                )?;
                }
                Ok(id)
            })?;
        self.workout(&id)
    }

    pub fn delete_workout(&mut self, id: &str, now: NaiveDateTime) -> Result<()> {
        self.workout(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE workouts SET deleted_at = ?2 WHERE id = ?1",
                params![id, format_time(now)],
            )?;
            Ok(())
        })
    }

    pub fn workout(&self, id: &str) -> Result<Workout> {
        self.workouts_where("id = ?1", &[id])?
            .pop()
            .ok_or_else(|| Error::invalid("workout", format!("there is no workout {id:?}.")))
    }

    pub fn workouts_between(&self, from: &str, to: &str) -> Result<Vec<Workout>> {
        self.workouts_where("at >= ?1 AND at < ?2", &[from, to])
    }

    fn workouts_where(&self, condition: &str, args: &[&str]) -> Result<Vec<Workout>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, at, activity, effort, duration_min, note FROM workouts
             WHERE deleted_at IS NULL AND {condition} ORDER BY at"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(Workout {
                id: r.get(0)?,
                at: r.get(1)?,
                activity: r.get(2)?,
                effort: r.get(3)?,
                duration_min: r.get(4)?,
                note: r.get(5)?,
                regions: Vec::new(),
            })
        })?;
        let mut workouts: Vec<Workout> = rows.collect::<rusqlite::Result<_>>()?;
        let label = self.labeler()?;
        let mut regions = self.conn.prepare_cached(
            "SELECT region_id, side FROM workout_regions WHERE workout_id = ?1 ORDER BY region_id, side",
        )?;
        for w in &mut workouts {
            let rows = regions.query_map([&w.id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (region, side) = row?;
                let side = side.parse().unwrap_or(Side::Center);
                w.regions.push(RegionSide {
                    label: label(&region, side),
                    region,
                    side,
                });
            }
        }
        Ok(workouts)
    }

    /// Times of the workouts that worked one region-side, oldest first.
    pub(crate) fn workout_times_for(&self, region: &str, side: Side) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT w.at FROM workout_regions x JOIN workouts w ON w.id = x.workout_id
             WHERE w.deleted_at IS NULL AND x.region_id = ?1 AND x.side = ?2 ORDER BY w.at",
        )?;
        let rows = stmt.query_map([region, side.as_str()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn log_treatment(
        &mut self,
        input: &TreatmentInput,
        now: NaiveDateTime,
    ) -> Result<Treatment> {
        let at = validate::time(input.at.as_deref(), now)?;
        let (region, side) = self.region_side(&input.region, &input.side)?;
        let technique = input.technique.as_deref().filter(|t| !t.is_empty());
        let point = input.point.as_deref().filter(|p| !p.is_empty());
        match (technique, point) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(Error::invalid(
                    "treatment",
                    "name either one technique or one point.",
                ))
            }
            _ => {}
        }
        if let Some(t) = technique {
            self.technique_name(t)?;
        }
        if let Some(p) = point {
            self.point_name(p)?;
        }
        let duration = validate::whole_number("duration (seconds)", input.duration_sec, 1, 86_400)?;
        let before = input
            .before
            .map(|v| validate::intensity("soreness before", v))
            .transpose()?;
        let after = input
            .after
            .map(|v| validate::intensity("soreness after", v))
            .transpose()?;
        let note = validate::note(&input.note)?;
        let id = self.write(|tx| {
            let id = new_id(tx)?;
            tx.execute(
                "INSERT INTO treatments (id, at, region_id, side, technique_id, point_id,
                 duration_sec, before, after, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    id,
                    format_time(at),
                    region.id,
                    side.as_str(),
                    technique,
                    point,
                    duration,
                    before,
                    after,
                    note,
                    format_time(now)
                ],
            )?;
            Ok(id)
        })?;
        self.treatments_where("id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::invalid("treatment", "it was not saved."))
    }

    pub fn treatments_between(&self, from: &str, to: &str) -> Result<Vec<Treatment>> {
        self.treatments_where("at >= ?1 AND at < ?2", &[from, to])
    }

    fn treatments_where(&self, condition: &str, args: &[&str]) -> Result<Vec<Treatment>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, at, region_id, side, technique_id, point_id, duration_sec, before, after, note
             FROM treatments WHERE deleted_at IS NULL AND {condition} ORDER BY at"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let side: String = r.get(3)?;
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                side.parse().unwrap_or(Side::Center),
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, u32>(6)?,
                r.get::<_, Option<u8>>(7)?,
                r.get::<_, Option<u8>>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let label = self.labeler()?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, region, side, technique, point, duration_sec, before, after, note) = row?;
            let what = match (&technique, &point) {
                (Some(t), _) => self.technique_name(t).unwrap_or_else(|_| t.clone()),
                (_, Some(p)) => self.point_name(p).unwrap_or_else(|_| p.clone()),
                _ => String::new(),
            };
            out.push(Treatment {
                id,
                at,
                label: label(&region, side),
                region,
                side,
                technique,
                point,
                what,
                duration_sec,
                before,
                after,
                note,
            });
        }
        Ok(out)
    }

    fn technique_name(&self, id: &str) -> Result<String> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM techniques WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let body = body
            .ok_or_else(|| Error::invalid("technique", format!("there is no technique {id:?}.")))?;
        let t: crate::model::Technique =
            serde_json::from_str(&body).map_err(|e| Error::Catalogue(e.to_string()))?;
        Ok(t.name)
    }

    fn point_name(&self, id: &str) -> Result<String> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM points WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let body =
            body.ok_or_else(|| Error::invalid("point", format!("there is no point {id:?}.")))?;
        let p: crate::model::Point =
            serde_json::from_str(&body).map_err(|e| Error::Catalogue(e.to_string()))?;
        Ok(match (p.code, p.pinyin) {
            (Some(code), Some(pinyin)) => format!("{code} {pinyin}"),
            _ => p.names.first().cloned().unwrap_or(p.id),
        })
    }
}

/// Symptom ids as stored: a JSON array.
pub(crate) fn symptoms_json(symptoms: &[String]) -> String {
    serde_json::to_string(symptoms).unwrap_or_else(|_| "[]".into())
}

fn entry_from(r: &Row<'_>) -> rusqlite::Result<SorenessEntry> {
    let side: String = r.get(3)?;
    let kind: String = r.get(5)?;
    let symptoms: String = r.get(6)?;
    Ok(SorenessEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        region: r.get(2)?,
        side: side.parse().unwrap_or(Side::Center),
        label: String::new(),
        intensity: r.get(4)?,
        kind: validate::kind(&kind).unwrap_or(SorenessKind::Doms),
        symptoms: serde_json::from_str(&symptoms).unwrap_or_default(),
        note: r.get(7)?,
        flags: Vec::new(),
    })
}

const ENTRY_SELECT: &str =
    "SELECT id, at, region_id, side, intensity, kind, symptoms, note FROM soreness_entries";
