//! The personal log: soreness entries, workouts and treatments.
//!
//! Every write validates all of its input first and then runs in one transaction, so a bad
//! field writes nothing. Deletes are soft, so they can be undone.

use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::db::Database;
use crate::error::{Error, Result};
use crate::model::{
    roll_up, CoarseCell, DayCell, DayView, LogOptions, RaisedFlag, Region, RegionSide, Side,
    SorenessEntry, SorenessInput, SymptomOption, Treatment, TreatmentInput, Workout, WorkoutInput,
};
use crate::records::{
    Checker, OnDuplicate, SorenessFields, SorenessRecord, TreatmentFields, WorkoutFields,
};
use crate::safety;
use crate::validate::{self, format_time};

/// What the log form offers, from the core's own lists.
pub fn log_options() -> LogOptions {
    LogOptions {
        symptoms: crate::catalogue::SYMPTOMS
            .iter()
            .map(|s| SymptomOption {
                id: s.id.to_owned(),
                name: s.name.to_owned(),
                ordinary: s.ordinary,
            })
            .collect(),
        max_note_chars: validate::MAX_NOTE_CHARS as u32,
    }
}

fn new_id(tx: &Transaction<'_>) -> Result<String> {
    Ok(tx.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?)
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    validate::date(text)
}

fn soreness_fields(input: &SorenessInput) -> SorenessFields<'_> {
    SorenessFields {
        at: input.at.as_deref(),
        intensity: input.intensity,
        kind: &input.kind,
        symptoms: &input.symptoms,
        note: &input.note,
    }
}

impl Database {
    /// Checks one soreness record per target; nothing is written.
    fn check_soreness(
        &self,
        input: &SorenessInput,
        now: NaiveDateTime,
    ) -> Result<Vec<SorenessRecord>> {
        let checker = Checker::typed(self, now)?;
        let fields = soreness_fields(input);
        checker
            .targets(&input.targets)?
            .into_iter()
            .map(|target| checker.soreness(target, &fields))
            .collect()
    }

    /// Logs soreness for one or several region-sides at once.
    pub fn log_soreness(
        &mut self,
        input: &SorenessInput,
        now: NaiveDateTime,
    ) -> Result<Vec<SorenessEntry>> {
        let records = self.check_soreness(input, now)?;
        self.insert_soreness(&records, now)
    }

    /// Writes checked soreness records in one transaction and reads them back.
    fn insert_soreness(
        &mut self,
        records: &[SorenessRecord],
        now: NaiveDateTime,
    ) -> Result<Vec<SorenessEntry>> {
        let stamp = format_time(now);
        let ids = self.write(|tx| {
            let mut ids = Vec::new();
            for record in records {
                let id = new_id(tx)?;
                record.insert(tx, &id, &stamp, &stamp, OnDuplicate::Fail)?;
                ids.push(id);
            }
            Ok(ids)
        })?;
        self.entries_by_id(&ids)
    }

    /// The entries just written, read back. The write has committed: if reading fails, the
    /// error says so, so the person does not save it a second time.
    fn entries_by_id(&self, ids: &[String]) -> Result<Vec<SorenessEntry>> {
        ids.iter()
            .map(|id| self.entry(id))
            .collect::<Result<_>>()
            .map_err(saved_but)
    }

    /// Replaces an entry's values (its one region-side may change too). A time left empty
    /// keeps the entry's time.
    pub fn update_soreness(
        &mut self,
        id: &str,
        input: &SorenessInput,
        now: NaiveDateTime,
    ) -> Result<SorenessEntry> {
        if input.targets.len() != 1 {
            return Err(Error::invalid(
                "regions",
                "an entry is for exactly one region-side.",
            ));
        }
        let current = self.entry(id)?;
        let mut input = input.clone();
        if input.at.as_deref().is_none_or(|t| t.trim().is_empty()) {
            input.at = Some(current.at.clone());
        }
        let record = self
            .check_soreness(&input, now)?
            .pop()
            .ok_or_else(|| Error::invalid("regions", "choose a region on the map."))?;
        self.write(|tx| record.update(tx, id, &format_time(now)))?;
        self.entry(id).map_err(saved_but)
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
                format!(
                    "there is no deleted entry {:?} to restore.",
                    crate::error::short(id)
                ),
            ));
        }
        self.entry(id)
    }

    /// One live entry, with the red flags it raises.
    pub fn entry(&self, id: &str) -> Result<SorenessEntry> {
        self.query_entries("id = ?1", params![id])?
            .pop()
            .ok_or_else(|| {
                Error::invalid(
                    "entry",
                    format!("there is no entry {:?}.", crate::error::short(id)),
                )
            })
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
                format!("{:?} is not a flag key.", crate::error::short(key)),
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

    /// One region-side's live entries as (time, intensity), oldest first (entries logged at
    /// the same moment in the order they were written, and then as stored): all that episodes
    /// are derived from. Read from the index `soreness_history` alone.
    pub(crate) fn intensities_for(
        &self,
        region: &str,
        side: Side,
    ) -> Result<Vec<(NaiveDateTime, u8)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, intensity FROM soreness_entries
             WHERE deleted_at IS NULL AND intensity >= 0 AND region_id = ?1 AND side = ?2
             ORDER BY at, created_at, rowid",
        )?;
        let mut rows = stmt.query([region, side.as_str()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push((crate::episodes::parse(text(r, 0)?), r.get(1)?));
        }
        Ok(out)
    }

    /// "Same as yesterday": copies yesterday's latest value for each region-side to now, all
    /// in one transaction.
    pub fn same_as_yesterday(&mut self, now: NaiveDateTime) -> Result<Vec<SorenessEntry>> {
        let today = now.date();
        let yesterday = today
            .pred_opt()
            .ok_or_else(|| Error::invalid("yesterday", "there is no day before today."))?;
        let cells = self.cells(yesterday)?;
        if cells.is_empty() {
            return Err(Error::invalid(
                "yesterday",
                "nothing was logged yesterday to copy.",
            ));
        }
        let checker = Checker::typed(self, now)?;
        let mut records = Vec::new();
        for cell in &cells {
            let source = self.entry_at(cell)?;
            let target = checker.region_side(&cell.region, cell.side.as_str())?;
            records.push(checker.soreness(
                target,
                &SorenessFields {
                    at: None,
                    intensity: f64::from(cell.intensity),
                    kind: source.kind.as_str(),
                    symptoms: &[],
                    note: "",
                },
            )?);
        }
        self.insert_soreness(&records, now)
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
        let (from, to) = day_bounds(date);
        let mut stmt = self.conn.prepare_cached(
            "SELECT region_id, side, intensity, at FROM (
               SELECT region_id, side, intensity, at,
                      row_number() OVER (PARTITION BY region_id, side ORDER BY at DESC, created_at DESC) AS n
               FROM soreness_entries
               WHERE deleted_at IS NULL AND at >= ?1 AND at < ?2)
             WHERE n = 1 ORDER BY region_id, side",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            Ok(DayCell {
                region: r.get(0)?,
                side: r.get(1)?,
                intensity: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The Today view for `date` (`YYYY-MM-DD`).
    pub fn day(&self, date: &str, now: NaiveDateTime) -> Result<DayView> {
        let date = parse_date(date)?;
        let (from, to) = day_bounds(date);
        let mut entries = self.entries_between(&from, &to)?;
        entries.reverse();
        let cells = self.cells(date)?;
        Ok(DayView {
            date: date.to_string(),
            coarse: roll_up_cells(&self.regions()?, &cells),
            cells,
            entries,
            workouts: self.workouts_between(&from, &to)?,
            treatments: self.treatments_between(&from, &to)?,
            open_episodes: self.open_episodes(now)?,
        })
    }

    pub fn log_workout(&mut self, input: &WorkoutInput, now: NaiveDateTime) -> Result<Workout> {
        let record = Checker::typed(self, now)?.workout(&WorkoutFields {
            at: input.at.as_deref(),
            activity: &input.activity,
            effort: input.effort,
            duration_min: input.duration_min,
            note: &input.note,
            targets: &input.targets,
        })?;
        let stamp = format_time(now);
        let id = self.write(|tx| {
            let id = new_id(tx)?;
            record.insert(tx, &id, &stamp, OnDuplicate::Fail)?;
            Ok(id)
        })?;
        self.workout(&id).map_err(saved_but)
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
        self.workouts_where("id = ?1", &[id])?.pop().ok_or_else(|| {
            Error::invalid(
                "workout",
                format!("there is no workout {:?}.", crate::error::short(id)),
            )
        })
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
                Ok((r.get::<_, String>(0)?, r.get::<_, Side>(1)?))
            })?;
            for row in rows {
                let (region, side) = row?;
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

    /// The same times as `workout_times_for`, read as episodes read them.
    pub(crate) fn workouts_for(&self, region: &str, side: Side) -> Result<Vec<NaiveDateTime>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT w.at FROM workout_regions x JOIN workouts w ON w.id = x.workout_id
             WHERE w.deleted_at IS NULL AND x.region_id = ?1 AND x.side = ?2 ORDER BY w.at",
        )?;
        let mut rows = stmt.query([region, side.as_str()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(crate::episodes::parse(text(r, 0)?));
        }
        Ok(out)
    }

    pub fn log_treatment(
        &mut self,
        input: &TreatmentInput,
        now: NaiveDateTime,
    ) -> Result<Treatment> {
        let record = Checker::typed(self, now)?.treatment(&TreatmentFields {
            at: input.at.as_deref(),
            region: &input.region,
            side: &input.side,
            technique: input.technique.as_deref(),
            point: input.point.as_deref(),
            duration_sec: input.duration_sec,
            before: input.before,
            after: input.after,
            note: &input.note,
        })?;
        let stamp = format_time(now);
        let id = self.write(|tx| {
            let id = new_id(tx)?;
            record.insert(tx, &id, &stamp, OnDuplicate::Fail)?;
            Ok(id)
        })?;
        self.treatments_where("id = ?1", &[&id])
            .and_then(|mut t| {
                t.pop()
                    .ok_or_else(|| Error::invalid("treatment", "it cannot be read back."))
            })
            .map_err(saved_but)
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
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Side>(3)?,
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

    pub(crate) fn technique_name(&self, id: &str) -> Result<String> {
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

    pub(crate) fn point_name(&self, id: &str) -> Result<String> {
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

/// Rolls a day's cells up to the coarse regions: each coarse region-side takes the highest
/// of its own and its fine regions' latest values. Cells on unknown regions are left out.
pub fn roll_up_cells(regions: &[Region], cells: &[DayCell]) -> Vec<CoarseCell> {
    let mut by_coarse: BTreeMap<(String, Side), Vec<DayCell>> = BTreeMap::new();
    for cell in cells {
        if let Some((coarse, side)) = roll_up(regions, &cell.region, cell.side) {
            by_coarse
                .entry((coarse.id.clone(), side))
                .or_default()
                .push(cell.clone());
        }
    }
    let name = |id: &str, side: Side| {
        regions
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.label(side))
            .unwrap_or_else(|| id.to_owned())
    };
    by_coarse
        .into_iter()
        .map(|((region, side), mut parts)| {
            parts.sort_by(|a, b| b.intensity.cmp(&a.intensity).then(a.region.cmp(&b.region)));
            CoarseCell {
                label: name(&region, side),
                intensity: parts.iter().map(|c| c.intensity).max().unwrap_or(0),
                at: parts.iter().map(|c| c.at.clone()).max().unwrap_or_default(),
                region,
                side,
                parts,
            }
        })
        .collect()
}

/// A write committed but reading it back failed: say so, so it is not saved twice.
fn saved_but(e: Error) -> Error {
    Error::Internal(format!(
        "it was saved, but reading it back failed: {e}. Reopen the view to see it"
    ))
}

/// The first and last instant of a day, as stored times (`date` is within the years SoreMap
/// keeps, so the next day always exists).
/// A text column as the row holds it, without a copy.
pub(crate) fn text<'a>(row: &'a Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    row.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn day_bounds(date: NaiveDate) -> (String, String) {
    let next = date.succ_opt().unwrap_or(date);
    (format!("{date}T00:00:00"), format!("{next}T00:00:00"))
}

fn entry_from(r: &Row<'_>) -> rusqlite::Result<SorenessEntry> {
    let symptoms: String = r.get(6)?;
    Ok(SorenessEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        region: r.get(2)?,
        side: r.get(3)?,
        label: String::new(),
        intensity: r.get(4)?,
        kind: r.get(5)?,
        symptoms: serde_json::from_str(&symptoms).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, e.into())
        })?,
        note: r.get(7)?,
        flags: Vec::new(),
    })
}

const ENTRY_SELECT: &str =
    "SELECT id, at, region_id, side, intensity, kind, symptoms, note FROM soreness_entries";
