//! Recovery trends: series, calendar, episodes with medians, left/right asymmetry, what
//! changed after each technique or point, and week and month summaries.
//!
//! Daily figures always use each region-side's latest entry of the day, as the Today view does.
//! The calendar, the summaries, the medians and the left/right comparison are read at the
//! coarse level: an entry on a fine region (soleus) counts toward its coarse region (calf),
//! whose value for the day is the highest of its parts; the fine regions are named alongside.
//! Series and episodes stay per region-side as logged.
//! Changes after a treatment are observations (before → after, next day), never causes.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::db::Database;
use crate::episodes::{derive, median};
use crate::error::{Error, Result};
use crate::log::parse_date;
use crate::model::{roll_up, Episode, EpisodeEdge, Side};
use crate::validate::TIME_FORMAT;

/// One region-side's soreness over a range, ready for a chart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrendSeries {
    pub region: String,
    pub side: Side,
    pub label: String,
    /// Seconds since 1970 of each entry, read as local time.
    #[ts(type = "Array<number>")]
    pub times: Vec<i64>,
    pub values: Vec<u8>,
    pub episodes: Vec<Episode>,
    #[ts(type = "Array<number>")]
    pub workouts: Vec<i64>,
    #[ts(type = "Array<number>")]
    pub treatments: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarDay {
    pub date: String,
    /// The day's highest soreness across the body.
    pub max: u8,
    /// Mean over the coarse region-sides logged that day, each at the highest of its own and
    /// its fine regions' latest values.
    pub mean: f64,
    /// Coarse region-sides logged that day.
    pub regions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RegionMedians {
    /// The coarse region.
    pub region: String,
    pub name: String,
    /// The fine regions whose episodes counted toward it, by name.
    pub fine: Vec<String>,
    pub episodes: u32,
    pub median_hours_to_peak: f64,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_duration_hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Asymmetry {
    /// The coarse region.
    pub region: String,
    pub name: String,
    /// The fine regions logged on the days compared, by name.
    pub fine: Vec<String>,
    pub left_mean: f64,
    pub right_mean: f64,
    /// Days with both sides logged.
    pub days: u32,
}

/// What the log shows around one technique or point on one region.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TreatmentEffect {
    pub region: String,
    pub name: String,
    pub what: String,
    pub times: u32,
    /// Mean soreness before → right after, over the treatments that recorded both.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_before: Option<f64>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_after: Option<f64>,
    pub with_before_after: u32,
    /// Mean change from the treatment's day to the next day (latest entries).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_next_day_change: Option<f64>,
    pub with_next_day: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PeriodSummary {
    /// `2026-W47` or `2026-11`.
    pub period: String,
    pub days_logged: u32,
    pub mean: f64,
    pub max: u8,
    pub workouts: u32,
    pub treatments: u32,
}

/// One region-side's soreness over the range in at most [`SPARK_BINS`] bins, for a small
/// multiple: each bin holds the highest of the days' latest values, or nothing when no day in
/// it was logged.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SideSpark {
    pub region: String,
    pub side: Side,
    pub label: String,
    /// The coarse region it counts toward (itself for a coarse region).
    pub coarse: String,
    /// The first bin's first day.
    pub start: String,
    pub step_days: u32,
    pub values: Vec<Option<u8>>,
    pub peak: u8,
    /// Days logged.
    pub days: u32,
    /// The last day logged.
    pub last: String,
}

/// Most bins a small multiple draws, whatever the range.
pub const SPARK_BINS: i64 = 120;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrendsOverview {
    pub from: String,
    pub to: String,
    pub calendar: Vec<CalendarDay>,
    /// Every region-side logged in the range, in body order.
    pub sides: Vec<SideSpark>,
    pub episodes: Vec<Episode>,
    pub medians: Vec<RegionMedians>,
    pub asymmetry: Vec<Asymmetry>,
    pub effects: Vec<TreatmentEffect>,
    pub weeks: Vec<PeriodSummary>,
    pub months: Vec<PeriodSummary>,
}

/// A region's two sides on one day.
#[derive(Default)]
struct SidePair {
    left: Option<u8>,
    right: Option<u8>,
}

/// What the log shows around one technique or point on one region, being gathered.
#[derive(Default)]
struct EffectAcc {
    name: String,
    times: u32,
    before: Vec<f64>,
    after: Vec<f64>,
    next_day: Vec<f64>,
}

fn seconds(t: &str) -> i64 {
    NaiveDateTime::parse_from_str(t, TIME_FORMAT)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or_default()
}

/// Sorted, without repeats.
fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

pub(crate) fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// The inclusive date range as stored-time bounds `[from, to+1day)`.
pub(crate) fn bounds(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate, String, String)> {
    let f = parse_date(from)?;
    let t = parse_date(to)?;
    if t < f {
        return Err(Error::invalid("range", format!("{t} is before {f}.")));
    }
    let end = t.succ_opt().unwrap_or(t);
    Ok((f, t, format!("{f}T00:00:00"), format!("{end}T00:00:00")))
}

/// Each day's coarse region-sides: the highest of their parts' latest values, and the fine
/// regions among those parts.
type Rolled<'a> = BTreeMap<(&'a str, String, Side), (u8, Vec<String>)>;

fn rolled_up<'a>(regions: &[crate::model::Region], daily: &'a [Daily]) -> Rolled<'a> {
    let mut rolled: Rolled<'a> = BTreeMap::new();
    for (day, region, side, v) in daily {
        let Ok(side) = side.parse::<Side>() else {
            continue;
        };
        let Some((coarse, coarse_side)) = roll_up(regions, region, side) else {
            continue;
        };
        let e = rolled
            .entry((day.as_str(), coarse.id.clone(), coarse_side))
            .or_default();
        e.0 = e.0.max(*v);
        let fine = regions
            .iter()
            .find(|r| r.id == *region && r.parent.is_some());
        if let Some(n) = fine.map(|r| &r.name) {
            if !e.1.contains(n) {
                e.1.push(n.clone());
            }
        }
    }
    rolled
}

fn calendar_of(rolled: &Rolled<'_>) -> Vec<CalendarDay> {
    let mut by_day: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for ((day, _, _), (v, _)) in rolled {
        by_day.entry(day).or_default().push(*v);
    }
    by_day
        .iter()
        .map(|(day, v)| CalendarDay {
            date: (*day).to_owned(),
            max: v.iter().copied().max().unwrap_or(0),
            mean: v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len() as f64,
            regions: v.len() as u32,
        })
        .collect()
}

/// A small multiple per region-side logged, in the catalogue's body order.
fn sparks(
    regions: &[crate::model::Region],
    daily: &[Daily],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<SideSpark> {
    let span = (to - from).num_days() + 1;
    let step = ((span + SPARK_BINS - 1) / SPARK_BINS).max(1);
    let bins = ((span + step - 1) / step) as usize;
    let mut by_side: HashMap<(&str, &str), SideSpark> = HashMap::new();
    for (day, region, side, v) in daily {
        let Ok(date) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
            continue;
        };
        let Ok(parsed) = side.parse::<Side>() else {
            continue;
        };
        let Some(r) = regions.iter().find(|r| r.id == *region) else {
            continue;
        };
        let bin = ((date - from).num_days() / step) as usize;
        let spark = by_side
            .entry((region.as_str(), side.as_str()))
            .or_insert_with(|| SideSpark {
                region: r.id.clone(),
                side: parsed,
                label: r.label(parsed),
                coarse: r.parent.clone().unwrap_or_else(|| r.id.clone()),
                start: from.to_string(),
                step_days: step as u32,
                values: vec![None; bins],
                peak: 0,
                days: 0,
                last: String::new(),
            });
        if let Some(cell) = spark.values.get_mut(bin) {
            *cell = Some(cell.unwrap_or(0).max(*v));
        }
        spark.peak = spark.peak.max(*v);
        spark.days += 1;
        if *day > spark.last {
            spark.last.clone_from(day);
        }
    }
    let order = |s: &SideSpark| {
        let at = regions
            .iter()
            .position(|r| r.id == s.coarse)
            .unwrap_or(usize::MAX);
        let own = regions
            .iter()
            .position(|r| r.id == s.region)
            .unwrap_or(usize::MAX);
        (at, own, s.side.as_str())
    };
    let mut out: Vec<SideSpark> = by_side.into_values().collect();
    out.sort_by_key(|s| order(s));
    out
}

/// A day's latest value on one region-side: `(day, region, side, value)`.
type Daily = (String, String, String, u8);

impl Database {
    /// The calendar of overall soreness between two dates (the Trends year view).
    pub fn calendar(&self, from: &str, to: &str) -> Result<Vec<CalendarDay>> {
        let (_, _, lo, hi) = bounds(from, to)?;
        let daily = self.daily_latest(&lo, &hi)?;
        let regions = self.regions()?;
        Ok(calendar_of(&rolled_up(&regions, &daily)))
    }

    /// One region-side's entries, episodes, workouts and treatments between two dates.
    pub fn trend(
        &self,
        region: &str,
        side: &str,
        from: &str,
        to: &str,
        now: NaiveDateTime,
    ) -> Result<TrendSeries> {
        let (region, side) = self.region_side(region, side)?;
        let (_, _, lo, hi) = bounds(from, to)?;
        let mut times = Vec::new();
        let mut values = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT at, intensity FROM soreness_entries
                 WHERE deleted_at IS NULL AND region_id = ?1 AND side = ?2 AND at >= ?3 AND at < ?4
                 ORDER BY at, created_at",
            )?;
            let mut rows = stmt.query(params![region.id, side.as_str(), lo, hi])?;
            while let Some(r) = rows.next()? {
                let at: String = r.get(0)?;
                times.push(seconds(&at));
                values.push(r.get(1)?);
            }
        }
        let workouts: Vec<NaiveDateTime> = self
            .workout_times_for(&region.id, side)?
            .iter()
            .filter(|t| t.as_str() >= lo.as_str() && t.as_str() < hi.as_str())
            .filter_map(|t| NaiveDateTime::parse_from_str(t, TIME_FORMAT).ok())
            .collect();
        let entries: Vec<(NaiveDateTime, u8)> = times
            .iter()
            .zip(&values)
            .filter_map(|(t, v)| {
                chrono::DateTime::from_timestamp(*t, 0).map(|d| (d.naive_utc(), *v))
            })
            .collect();
        let episodes = derive(
            &region.id,
            side,
            &region.label(side),
            &workouts,
            &entries,
            now,
        );
        let treatments = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT at FROM treatments WHERE deleted_at IS NULL AND region_id = ?1 AND side = ?2
                 AND at >= ?3 AND at < ?4 ORDER BY at",
            )?;
            let rows = stmt.query_map(params![region.id, side.as_str(), lo, hi], |r| {
                r.get::<_, String>(0)
            })?;
            rows.map(|r| r.map(|t| seconds(&t)))
                .collect::<rusqlite::Result<_>>()?
        };
        Ok(TrendSeries {
            label: region.label(side),
            region: region.id,
            side,
            times,
            values,
            episodes,
            workouts: workouts.iter().map(|t| t.and_utc().timestamp()).collect(),
            treatments,
        })
    }

    /// Each day's latest value per region-side, between two stored-time bounds.
    fn daily_latest(&self, lo: &str, hi: &str) -> Result<Vec<Daily>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT day, region_id, side, intensity FROM (
               SELECT substr(at, 1, 10) AS day, region_id, side, intensity,
                      row_number() OVER (PARTITION BY substr(at, 1, 10), region_id, side
                                         ORDER BY at DESC, created_at DESC) AS n
               FROM soreness_entries WHERE deleted_at IS NULL AND at >= ?1 AND at < ?2)
             WHERE n = 1 ORDER BY day",
        )?;
        let rows = stmt.query_map([lo, hi], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything the Trends view shows for a date range.
    pub fn trends(&self, from: &str, to: &str, now: NaiveDateTime) -> Result<TrendsOverview> {
        let (_, _, lo, hi) = bounds(from, to)?;
        let daily = self.daily_latest(&lo, &hi)?;
        let all_regions = self.regions()?;
        let regions: HashMap<&str, &str> = all_regions
            .iter()
            .map(|r| (r.id.as_str(), r.name.as_str()))
            .collect();
        let name = |id: &str| {
            regions
                .get(id)
                .map_or_else(|| id.to_owned(), |n| (*n).to_owned())
        };

        let fine_name = |id: &str| {
            all_regions
                .iter()
                .find(|r| r.id == id && r.parent.is_some())
                .map(|r| r.name.clone())
        };
        let rolled = rolled_up(&all_regions, &daily);
        let calendar = calendar_of(&rolled);
        let spark_list = sparks(&all_regions, &daily, parse_date(from)?, parse_date(to)?);

        // Asymmetry: days with both sides of a coarse region logged.
        let mut sides: HashMap<(&str, &str), SidePair> = HashMap::new();
        let mut fine_of: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for ((day, region, side), (v, fine)) in &rolled {
            let cell = sides.entry((day, region.as_str())).or_default();
            match side {
                Side::Left => cell.left = Some(*v),
                Side::Right => cell.right = Some(*v),
                Side::Center => continue,
            }
            let names = fine_of.entry(region.as_str()).or_default();
            for n in fine {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        let mut pairs: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
        for ((_, region), pair) in &sides {
            if let (Some(l), Some(r)) = (pair.left, pair.right) {
                let e = pairs.entry(region).or_default();
                e.0.push(f64::from(l));
                e.1.push(f64::from(r));
            }
        }
        let mut asymmetry: Vec<Asymmetry> = pairs
            .into_iter()
            .map(|(region, (l, r))| Asymmetry {
                region: region.to_owned(),
                name: name(region),
                fine: sorted(fine_of.get(region).cloned().unwrap_or_default()),
                left_mean: mean(&l).unwrap_or(0.0),
                right_mean: mean(&r).unwrap_or(0.0),
                days: l.len() as u32,
            })
            .collect();
        // The most lopsided regions first.
        asymmetry.sort_by(|a, b| {
            let gap = |x: &Asymmetry| (x.left_mean - x.right_mean).abs();
            gap(b).total_cmp(&gap(a)).then_with(|| a.name.cmp(&b.name))
        });

        // Episodes and medians, for every region-side with entries in the range.
        let mut episodes = Vec::new();
        let mut seen: Vec<(String, String)> = daily
            .iter()
            .map(|(_, r, s, _)| (r.clone(), s.clone()))
            .collect();
        seen.sort();
        seen.dedup();
        for (region, side) in &seen {
            if self.region(region).is_err() {
                continue;
            }
            for e in self.episodes_for(region, side, now)? {
                if e.start.as_str() >= lo.as_str() && e.start.as_str() < hi.as_str() {
                    episodes.push(e);
                }
            }
        }
        episodes.sort_by(|a, b| b.start.cmp(&a.start));
        // Medians per coarse region: a fine region's episodes count toward its parent.
        let mut per_region: BTreeMap<String, Vec<&Episode>> = BTreeMap::new();
        // Bouts a workout opened that never brought soreness are not recoveries.
        for e in episodes.iter().filter(|e| e.peak > 0) {
            let coarse = roll_up(&all_regions, &e.region, e.side)
                .map(|(r, _)| r.id.clone())
                .unwrap_or_else(|| e.region.clone());
            per_region.entry(coarse).or_default().push(e);
        }
        let medians = per_region
            .into_iter()
            .map(|(region, list)| RegionMedians {
                name: name(&region),
                fine: sorted(list.iter().filter_map(|e| fine_name(&e.region)).collect()),
                region,
                episodes: list.len() as u32,
                median_hours_to_peak: median(list.iter().map(|e| e.hours_to_peak).collect())
                    .unwrap_or(0.0),
                median_duration_hours: median(
                    list.iter()
                        .filter(|e| e.ended_by == EpisodeEdge::Resolved)
                        .filter_map(|e| e.duration_hours)
                        .collect(),
                ),
            })
            .collect();

        // What changed after treatments.
        let latest: HashMap<(&str, &str, &str), u8> = daily
            .iter()
            .map(|(d, r, s, v)| ((d.as_str(), r.as_str(), s.as_str()), *v))
            .collect();
        let mut effects: BTreeMap<(String, String), EffectAcc> = BTreeMap::new();
        for t in self.treatments_between(&lo, &hi)? {
            let key = (t.region.clone(), t.what.clone());
            let e = effects.entry(key).or_insert_with(|| EffectAcc {
                name: name(&t.region),
                ..EffectAcc::default()
            });
            e.times += 1;
            if let (Some(b), Some(a)) = (t.before, t.after) {
                e.before.push(f64::from(b));
                e.after.push(f64::from(a));
            }
            let day = t.at.get(..10).unwrap_or_default();
            let next = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.succ_opt())
                .map(|d| d.to_string());
            if let (Some(today), Some(next)) = (
                latest.get(&(day, t.region.as_str(), t.side.as_str())),
                next.as_deref()
                    .and_then(|n| latest.get(&(n, t.region.as_str(), t.side.as_str()))),
            ) {
                e.next_day.push(f64::from(*next) - f64::from(*today));
            }
        }
        let effects = effects
            .into_iter()
            .map(|((region, what), e)| TreatmentEffect {
                region,
                name: e.name,
                what,
                times: e.times,
                mean_before: mean(&e.before),
                mean_after: mean(&e.after),
                with_before_after: e.before.len() as u32,
                mean_next_day_change: mean(&e.next_day),
                with_next_day: e.next_day.len() as u32,
            })
            .collect();

        // Week and month summaries.
        let workouts = self.workouts_between(&lo, &hi)?;
        let treatments = self.treatments_between(&lo, &hi)?;
        let summarize = |key: &dyn Fn(NaiveDate) -> String| -> Vec<PeriodSummary> {
            let mut map: BTreeMap<String, (u32, Vec<f64>, u8, u32, u32)> = BTreeMap::new();
            for d in &calendar {
                if let Ok(date) = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d") {
                    let e = map.entry(key(date)).or_default();
                    e.0 += 1;
                    e.1.push(d.mean);
                    e.2 = e.2.max(d.max);
                }
            }
            for w in &workouts {
                if let Ok(date) =
                    NaiveDate::parse_from_str(w.at.get(..10).unwrap_or_default(), "%Y-%m-%d")
                {
                    map.entry(key(date)).or_default().3 += 1;
                }
            }
            for t in &treatments {
                if let Ok(date) =
                    NaiveDate::parse_from_str(t.at.get(..10).unwrap_or_default(), "%Y-%m-%d")
                {
                    map.entry(key(date)).or_default().4 += 1;
                }
            }
            map.into_iter()
                .map(|(period, (days, means, max, w, t))| PeriodSummary {
                    period,
                    days_logged: days,
                    mean: mean(&means).unwrap_or(0.0),
                    max,
                    workouts: w,
                    treatments: t,
                })
                .collect()
        };
        let weeks = summarize(&|d: NaiveDate| {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        });
        let months = summarize(&|d: NaiveDate| format!("{}-{:02}", d.year(), d.month()));

        Ok(TrendsOverview {
            from: from.to_owned(),
            to: to.to_owned(),
            calendar,
            sides: spark_list,
            episodes,
            medians,
            asymmetry,
            effects,
            weeks,
            months,
        })
    }
}
