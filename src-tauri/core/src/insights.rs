//! The Trends overview in words: a few plain sentences about the person's own log, each with
//! a tiny bar chart and a link to the chart that shows it.
//!
//! Every statement is an observation about what this person logged, never a medical claim or
//! a cause. Daily figures are each region-side's latest entry of the day; regions are read at
//! the coarse level (a muscle's entries count toward its region, the day's value being the
//! highest of its parts), as in the Trends view. "This month" is the recent window: the
//! [`RECENT_DAYS`] days ending on `to`, clipped to `from`.
//!
//! - **Recovery** (`recovery`, `recovery:<region>`): a recovery is a resolved episode (soreness
//!   back at 1 or below) that peaked at [`RECOVERY_MIN_PEAK`] or more; its time is the
//!   episode's duration. This month's recoveries (ending in the recent window) are compared
//!   with the usual ones (ending before it, over the whole log) of the same coarse region, for
//!   regions with at least one recovery this month and [`MIN_USUAL`] before. The overall
//!   statement compares the median of each recent recovery's time over its region's usual
//!   median: at most [`FASTER`] is faster, at least [`SLOWER`] slower, between them about the
//!   same. Regions that were faster or slower get a statement each (at most
//!   [`MAX_REGION_RECOVERIES`], the biggest change first). Without enough recoveries, one
//!   statement says what is missing.
//! - **Sorest** (`sorest:<region>:<side>`): over the selected range, the coarse region-sides
//!   with the highest daily value, then the highest mean over days at 1 or more; the top
//!   [`TOP`] that reached [`SOREST_MIN`]. When nothing did, one statement (`sorest`) says so.
//! - **Often** (`often:<region>:<side>`): the coarse region-sides with the most days at
//!   [`OFTEN_LEVEL`] or more in the range; the top [`TOP`] with at least [`OFTEN_MIN_DAYS`].
//! - **Unusual**, only when the condition holds:
//!   - `long:<region>:<side>`: a recovery this month (resolved, or still going with its time
//!     counted up to now while its latest entry is at most [`OPEN_FRESH_HOURS`] old, up to
//!     that entry otherwise) that peaked at 2 or more took longer than the larger
//!     of [`LONG_FACTOR`] × the region's usual median and the usual median +
//!     [`LONG_EXTRA_HOURS`], with at least [`MIN_USUAL`] usual recoveries.
//!   - `gap:<region>`: this month, on at least [`GAP_MIN_DAYS`] days with both sides logged,
//!     the two sides differed by [`GAP_MIN_MEAN`] or more on average and the same side was
//!     higher on at least [`GAP_SAME_SIDE_SHARE`] of those days.
//!   - `no-workout:<region>:<side>`: an episode this month that soreness (not a workout)
//!     started reached [`UNEXPLAINED_MIN`] or more within [`UNEXPLAINED_WITHIN_HOURS`] of its
//!     start, with no workout logged for the region (itself, its coarse region or any muscle of
//!     it) in the [`NO_WORKOUT_DAYS`] days before. Only for a person who logs workouts: at
//!     least [`LOGS_WORKOUTS_MIN`] in the [`LOGS_WORKOUTS_DAYS`] days up to `to`.
//! - **Helps** (`helps:technique:<id>`, `helps:point:<id>`): per technique or point over the
//!   range, a case is a day it was used on a region-side with soreness logged that day (at 1 or
//!   more) and the next; its change is the next day's latest value minus the day's. Comparable
//!   days are days on the region-sides it was used on with soreness at 1 or more logged that
//!   day and the next, no treatment of any kind there that day, and the day's value within
//!   [`COMPARABLE_WITHIN`] of a case's. With [`MIN_CASES`] cases and [`MIN_CASES`] comparable
//!   days, a mean change at least [`HELPS_DIFFERENCE`] lower than without "seems to help", at
//!   least that much higher "was followed by more soreness", otherwise "no clear difference";
//!   with fewer, a statement says how much is missing. At most [`MAX_HELPS`], those with
//!   enough data first (the biggest difference first).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::BuildHasherDefault;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::db::Database;
use crate::episodes::{bouts, median, Bout};
use crate::error::Result;
use crate::model::{roll_up, EpisodeEdge, Region, Side};
use crate::trends::{bounds, mean};
use crate::validate::{format_time, TIME_FORMAT};

/// Cases (and comparable days) needed before a technique or point is judged.
pub const MIN_CASES: u32 = 5;
/// Days in the recent window ("this month"), ending on `to`.
pub const RECENT_DAYS: i64 = 30;
/// The lowest peak of an episode whose end counts as a recovery.
pub const RECOVERY_MIN_PEAK: u8 = 2;
/// Earlier recoveries of a region needed to know its usual recovery time.
pub const MIN_USUAL: usize = 3;
/// This month's recovery time over the usual, at or below which recovery was faster.
pub const FASTER: f64 = 0.85;
/// This month's recovery time over the usual, at or above which recovery was slower.
pub const SLOWER: f64 = 1.15;
/// Regions named as faster or slower than usual, at most.
pub const MAX_REGION_RECOVERIES: usize = 3;
/// Region-sides named as sorest or most often sore, at most.
pub const TOP: usize = 3;
/// The highest daily value a region-side needs to be named among the sorest.
pub const SOREST_MIN: u8 = 3;
/// The daily value from which a day counts as a sore day for "most often sore".
pub const OFTEN_LEVEL: u8 = 2;
/// Sore days a region-side needs to be named among the most often sore.
pub const OFTEN_MIN_DAYS: usize = 3;
/// A recovery longer than this many times the usual median (and than [`LONG_EXTRA_HOURS`]
/// more than it) is unusually long.
pub const LONG_FACTOR: f64 = 1.5;
/// Hours beyond the usual median that a recovery must exceed to be unusually long.
pub const LONG_EXTRA_HOURS: f64 = 24.0;
/// An episode still going counts its time up to now while its latest entry is at most this
/// old (in hours), and only up to its latest entry after that.
pub const OPEN_FRESH_HOURS: f64 = 48.0;
/// Days with both sides logged that a left/right gap needs.
pub const GAP_MIN_DAYS: usize = 5;
/// The mean difference between the sides, on those days, for a gap.
pub const GAP_MIN_MEAN: f64 = 2.0;
/// The share of those days on which the same side must be the higher one.
pub const GAP_SAME_SIDE_SHARE: f64 = 0.8;
/// Soreness at the start of an episode, with no workout before it, worth pointing out.
pub const UNEXPLAINED_MIN: u8 = 3;
/// How long after an episode's start its soreness still counts as "at the start".
pub const UNEXPLAINED_WITHIN_HOURS: i64 = 24;
/// Days before an episode in which a workout for the region explains it.
pub const NO_WORKOUT_DAYS: i64 = 4;
/// Workouts in the last [`LOGS_WORKOUTS_DAYS`] days that show the person logs workouts.
pub const LOGS_WORKOUTS_MIN: u32 = 3;
/// Days up to `to` in which [`LOGS_WORKOUTS_MIN`] workouts are looked for.
pub const LOGS_WORKOUTS_DAYS: i64 = 60;
/// The difference in mean next-day change, with against without, that counts as one.
pub const HELPS_DIFFERENCE: f64 = 0.5;
/// How far a day's soreness may be from a case's for the day to be comparable.
pub const COMPARABLE_WITHIN: u8 = 1;
/// Statements about techniques and points, at most.
pub const MAX_HELPS: usize = 8;

/// The Trends overview in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Insights {
    /// The selected range, as given.
    pub from: String,
    pub to: String,
    /// The recent window ("this month"): the 30 days ending on `to`, clipped to `from`.
    pub recent_from: String,
    /// Cases needed before a technique or point is judged.
    pub min_cases: u32,
    pub statements: Vec<Statement>,
}

/// One plain sentence about the log, with a tiny chart and where to look.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Statement {
    /// Stable: `recovery`, `recovery:calf`, `sorest:calf:left`, `gap:calf`, …
    pub id: String,
    pub topic: Topic,
    pub tone: Tone,
    pub text: String,
    pub link: ChartLink,
    /// A tiny bar chart for the statement (may be empty).
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Topic {
    Recovery,
    Sorest,
    Often,
    Unusual,
    Helps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Tone {
    Good,
    Neutral,
    Attention,
    NotEnough,
}

/// Which chart shows what a statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChartKind {
    /// One region-side over time.
    Series,
    /// Left against right of a region.
    Compare,
    Calendar,
    /// The episodes table.
    Recoveries,
    /// The treatments table.
    Effects,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChartLink {
    pub chart: ChartKind,
    /// The region to chart.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub sides: Vec<Side>,
    /// The dates the chart should show (`YYYY-MM-DD`), within the selected range.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

/// One logged region-side: its entries and workouts over the whole log.
struct Track {
    /// Index into the regions, as logged.
    region: usize,
    side: Side,
    /// The coarse region-side it counts toward.
    coarse: usize,
    coarse_side: Side,
    /// (time, when written as in [`time_order`], intensity), sorted by time and then when
    /// written, as `intensities_for` reads them.
    entries: Vec<(NaiveDateTime, u64, u8)>,
    workouts: Vec<NaiveDateTime>,
}

/// A treatment in the range.
struct Used {
    at: NaiveDateTime,
    track: Option<usize>,
    /// `technique` or `point`, and its id.
    kind: &'static str,
    id: String,
}

/// A coarse region-side over the range.
struct RangeStat {
    region: usize,
    side: Side,
    /// The highest daily value.
    peak: u8,
    /// The mean over the days at 1 or more, and how many there were.
    mean: f64,
    sore_days: usize,
    /// Days at [`OFTEN_LEVEL`] or more.
    often_days: usize,
}

/// A recovery that took long.
struct Long {
    hours: f64,
    track: usize,
    start: NaiveDateTime,
    end: NaiveDateTime,
    /// Still going (its time counted up to `end`).
    open: bool,
}

/// A technique's or point's days of use.
#[derive(Default)]
struct Uses {
    /// Region-side and day.
    cases: BTreeSet<(usize, NaiveDate)>,
    /// The region-sides it was used on.
    sides: BTreeSet<usize>,
}

/// A region's recoveries, in hours.
#[derive(Default)]
struct RegionRecoveries {
    usual: Vec<f64>,
    recent: Vec<f64>,
}

/// Everything the statements are made from, read with a few queries.
struct Ctx {
    regions: Vec<Region>,
    tracks: Vec<Track>,
    /// Each track's bouts over the whole log.
    bouts: Vec<Vec<Bout>>,
    /// Workout times per coarse region-side, sorted.
    coarse_workouts: HashMap<(usize, Side), Vec<NaiveDateTime>>,
    /// Workouts (any region) in the [`LOGS_WORKOUTS_DAYS`] days up to `to`.
    recent_workouts: u32,
    used: Vec<Used>,
    /// Each track's latest value per day in the range, by date.
    daily: Vec<Vec<(NaiveDate, u8)>>,
    /// Each coarse region-side's value per day in the range (the highest of its parts).
    rolled: BTreeMap<(usize, Side), Vec<(NaiveDate, u8)>>,
    /// Recoveries per coarse region.
    recoveries: BTreeMap<usize, RegionRecoveries>,
    /// The usual recovery time (median hours) per coarse region and how many recoveries it
    /// is from, for regions with at least [`MIN_USUAL`].
    usual: HashMap<usize, (f64, usize)>,
    from: NaiveDate,
    to: NaiveDate,
    recent_from: NaiveDate,
    /// The first instant of the recent window and the first after the range.
    recent_start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
}

/// A stored time, read fast in the form SoreMap writes (`YYYY-MM-DDTHH:MM:SS`).
fn stored_time(b: &[u8]) -> Option<NaiveDateTime> {
    let n = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if b.len() == 19 && separators.iter().all(|(i, c)| b[*i] == *c) {
        let date = NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(5, 2)?, n(8, 2)?)?;
        return date.and_hms_opt(n(11, 2)?, n(14, 2)?, n(17, 2)?);
    }
    let text = std::str::from_utf8(b).ok()?;
    NaiveDateTime::parse_from_str(text, TIME_FORMAT).ok()
}

/// A stored time's digits as one number, which orders as the times do: only for telling apart
/// entries logged at the same time.
fn time_order(b: &[u8]) -> u64 {
    b.iter()
        .filter(|c| c.is_ascii_digit())
        .fold(0u64, |acc, c| {
            acc.wrapping_mul(10).wrapping_add(u64::from(c - b'0'))
        })
}

/// FNV-1a: the few short ids looked up once per entry hash faster with it than with SipHash.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn side_of(text: &[u8]) -> Option<Side> {
    match text {
        b"left" => Some(Side::Left),
        b"right" => Some(Side::Right),
        b"center" => Some(Side::Center),
        _ => None,
    }
}

/// A text column's bytes (empty when it is not text).
fn bytes<'a>(row: &'a rusqlite::Row<'_>, i: usize) -> &'a [u8] {
    row.get_ref(i)
        .ok()
        .and_then(|v| v.as_bytes().ok())
        .unwrap_or_default()
}

/// The value on a day of a list sorted by day.
fn on(days: &[(NaiveDate, u8)], day: NaiveDate) -> Option<u8> {
    days.binary_search_by_key(&day, |d| d.0)
        .ok()
        .map(|i| days[i].1)
}

fn hours(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    (to - from).num_seconds() as f64 / 3600.0
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}

/// A region's name as it reads inside a sentence: "calf", "front of shoulder" (an initialism
/// keeps its capitals).
fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

/// The first letter in capitals, for the start of a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(a) => a.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "calf (left)", "neck".
fn named(region: &Region, side: Side) -> String {
    let name = in_sentence(&region.name);
    match side {
        Side::Center => name,
        Side::Left | Side::Right => format!("{name} ({side})"),
    }
}

/// Hours as days with one decimal.
fn days(hours: f64) -> String {
    format!("{:.1}", hours / 24.0)
}

/// A change with its sign: "−1.6", "+0.4", "0.0".
fn signed(v: f64) -> String {
    if v.abs() < 0.05 {
        "0.0".to_owned()
    } else if v < 0.0 {
        format!("\u{2212}{:.1}", -v)
    } else {
        format!("+{v:.1}")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn bar(label: &str, value: f64) -> Bar {
    Bar {
        label: label.to_owned(),
        value,
    }
}

fn statement(id: String, topic: Topic, tone: Tone, text: String, link: ChartLink) -> Statement {
    Statement {
        id,
        topic,
        tone,
        text,
        link,
        bars: Vec::new(),
    }
}

fn with_bars(mut s: Statement, bars: Vec<Bar>) -> Statement {
    s.bars = bars;
    s
}

/// How this month's recovery time compares with the usual, as a ratio.
#[derive(Clone, Copy, PartialEq)]
enum Pace {
    Faster,
    Slower,
    Same,
}

impl Pace {
    fn of(ratio: f64) -> Pace {
        if ratio <= FASTER {
            Pace::Faster
        } else if ratio >= SLOWER {
            Pace::Slower
        } else {
            Pace::Same
        }
    }
    fn words(self) -> &'static str {
        match self {
            Pace::Faster => "faster than usual",
            Pace::Slower => "slower than usual",
            Pace::Same => "about the same as usual",
        }
    }
    fn tone(self) -> Tone {
        match self {
            Pace::Faster => Tone::Good,
            Pace::Slower => Tone::Attention,
            Pace::Same => Tone::Neutral,
        }
    }
}

impl Ctx {
    fn link(
        &self,
        chart: ChartKind,
        region: Option<&str>,
        sides: Vec<Side>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ChartLink {
        let from = from.clamp(self.from, self.to);
        let to = to.clamp(from, self.to);
        ChartLink {
            chart,
            region: region.map(str::to_owned),
            sides,
            from: from.to_string(),
            to: to.to_string(),
        }
    }

    /// A coarse region over the recent window: left against right for a sided region, its
    /// series otherwise.
    fn region_link(&self, region: usize) -> ChartLink {
        let r = &self.regions[region];
        let (chart, sides) = if r.sided {
            (ChartKind::Compare, vec![Side::Left, Side::Right])
        } else {
            (ChartKind::Series, vec![Side::Center])
        };
        self.link(chart, Some(&r.id), sides, self.recent_from, self.to)
    }

    /// The usual recovery time (median hours) and how many recoveries it is from, for regions
    /// with enough of them.
    fn usual(&self, region: usize) -> Option<(f64, usize)> {
        self.usual.get(&region).copied()
    }

    fn recovery(&self) -> Vec<Statement> {
        let link = self.link(
            ChartKind::Recoveries,
            None,
            Vec::new(),
            self.recent_from,
            self.to,
        );
        let mut ratios = Vec::new();
        let mut recent = Vec::new();
        let mut usual_of_recent = Vec::new();
        let mut before = 0;
        let mut regions = Vec::new();
        for (&region, r) in &self.recoveries {
            if r.recent.is_empty() {
                continue;
            }
            let Some((usual, n)) = self.usual(region) else {
                continue;
            };
            before += n;
            for d in &r.recent {
                ratios.push(d / usual);
                recent.push(*d);
                usual_of_recent.push(usual);
            }
            let this_month = median(r.recent.clone()).unwrap_or(0.0);
            regions.push((region, this_month, usual, r.recent.len(), n));
        }
        let Some(ratio) = median(ratios) else {
            let this_month: usize = self.recoveries.values().map(|r| r.recent.len()).sum();
            let text = if this_month == 0 {
                let before: usize = self.recoveries.values().map(|r| r.usual.len()).sum();
                format!(
                    "Not enough recoveries yet to compare: this month 0, before {before}; a recovery this month (back to 1 or below after soreness of {RECOVERY_MIN_PEAK} or more) is needed."
                )
            } else {
                let before: usize = self
                    .recoveries
                    .values()
                    .filter(|r| !r.recent.is_empty())
                    .map(|r| r.usual.len())
                    .sum();
                format!(
                    "Not enough recoveries yet to compare: this month {this_month}, before {before}; at least {MIN_USUAL} earlier recoveries of a region are needed."
                )
            };
            return vec![statement(
                "recovery".to_owned(),
                Topic::Recovery,
                Tone::NotEnough,
                text,
                link,
            )];
        };
        let pace = Pace::of(ratio);
        let this_month = median(recent.clone()).unwrap_or(0.0);
        let usual = median(usual_of_recent).unwrap_or(0.0);
        let text = format!(
            "This month you were back to 1 or below in a median {} days against your usual {} — {} ({} this month, {before} before).",
            days(this_month),
            days(usual),
            pace.words(),
            plural(recent.len(), "recovery", "recoveries"),
        );
        let mut out = vec![with_bars(
            statement(
                "recovery".to_owned(),
                Topic::Recovery,
                pace.tone(),
                text,
                link,
            ),
            vec![
                bar("This month", this_month / 24.0),
                bar("Usual", usual / 24.0),
            ],
        )];

        // Regions that changed, the biggest change first.
        let mut changed: Vec<_> = regions
            .into_iter()
            .filter(|(_, m, u, _, _)| *u > 0.0 && Pace::of(m / u) != Pace::Same)
            .collect();
        changed.sort_by(|a, b| {
            let change = |x: &(usize, f64, f64, usize, usize)| (x.1 / x.2).ln().abs();
            change(b).total_cmp(&change(a)).then(a.0.cmp(&b.0))
        });
        for (region, m, u, n_recent, n_usual) in changed.into_iter().take(MAX_REGION_RECOVERIES) {
            let pace = Pace::of(m / u);
            let r = &self.regions[region];
            let text = format!(
                "{}: back to 1 or below in a median {} days this month against your usual {} — {} ({} this month, {n_usual} before).",
                r.name,
                days(m),
                days(u),
                pace.words(),
                plural(n_recent, "recovery", "recoveries"),
            );
            out.push(with_bars(
                statement(
                    format!("recovery:{}", r.id),
                    Topic::Recovery,
                    pace.tone(),
                    text,
                    self.region_link(region),
                ),
                vec![bar("This month", m / 24.0), bar("Usual", u / 24.0)],
            ));
        }
        out
    }

    /// Per coarse region-side over the range: the highest daily value, the mean and number
    /// of days at 1 or more, and the days at [`OFTEN_LEVEL`] or more.
    fn range_stats(&self) -> Vec<RangeStat> {
        self.rolled
            .iter()
            .map(|(&(region, side), days)| {
                let values = || days.iter().map(|d| d.1);
                let sore: Vec<f64> = values().filter(|v| *v >= 1).map(f64::from).collect();
                RangeStat {
                    region,
                    side,
                    peak: values().max().unwrap_or(0),
                    mean: mean(&sore).unwrap_or(0.0),
                    sore_days: sore.len(),
                    often_days: values().filter(|v| *v >= OFTEN_LEVEL).count(),
                }
            })
            .collect()
    }

    fn sorest(&self) -> Vec<Statement> {
        let mut stats = self.range_stats();
        stats.retain(|s| s.peak >= SOREST_MIN);
        stats.sort_by(|a, b| {
            (b.peak.cmp(&a.peak))
                .then(b.mean.total_cmp(&a.mean))
                .then((a.region, a.side).cmp(&(b.region, b.side)))
        });
        if stats.is_empty() {
            return vec![statement(
                "sorest".to_owned(),
                Topic::Sorest,
                Tone::Neutral,
                format!(
                    "No region reached {SOREST_MIN}/10 between {} and {}.",
                    self.from, self.to
                ),
                self.link(ChartKind::Calendar, None, Vec::new(), self.from, self.to),
            )];
        }
        stats
            .into_iter()
            .take(TOP)
            .map(|stat| {
                let RangeStat {
                    region,
                    side,
                    peak,
                    mean,
                    sore_days,
                    ..
                } = stat;
                let r = &self.regions[region];
                with_bars(
                    statement(
                        format!("sorest:{}:{side}", r.id),
                        Topic::Sorest,
                        Tone::Neutral,
                        format!(
                            "Sorest: {}, up to {peak}/10 (mean {mean:.1} on {}).",
                            named(r, side),
                            plural(sore_days, "day", "days"),
                        ),
                        self.link(
                            ChartKind::Series,
                            Some(&r.id),
                            vec![side],
                            self.from,
                            self.to,
                        ),
                    ),
                    vec![bar("Highest", f64::from(peak)), bar("Mean", mean)],
                )
            })
            .collect()
    }

    fn often(&self) -> Vec<Statement> {
        let mut stats = self.range_stats();
        stats.retain(|s| s.often_days >= OFTEN_MIN_DAYS);
        stats.sort_by(|a, b| {
            (b.often_days.cmp(&a.often_days))
                .then(b.peak.cmp(&a.peak))
                .then((a.region, a.side).cmp(&(b.region, b.side)))
        });
        stats.truncate(TOP);
        let bars: Vec<Bar> = stats
            .iter()
            .map(|s| bar(&self.regions[s.region].label(s.side), s.often_days as f64))
            .collect();
        stats
            .iter()
            .map(
                |&RangeStat {
                     region,
                     side,
                     often_days: days,
                     ..
                 }| {
                    let r = &self.regions[region];
                    with_bars(
                        statement(
                            format!("often:{}:{side}", r.id),
                            Topic::Often,
                            Tone::Neutral,
                            format!(
                            "Often sore: {}, at {OFTEN_LEVEL}/10 or more on {} between {} and {}.",
                            named(r, side),
                            plural(days, "day", "days"),
                            self.from,
                            self.to
                        ),
                            self.link(
                                ChartKind::Series,
                                Some(&r.id),
                                vec![side],
                                self.from,
                                self.to,
                            ),
                        ),
                        bars.clone(),
                    )
                },
            )
            .collect()
    }

    /// Recoveries this month that took much longer than the region's usual.
    fn long(&self) -> Vec<Statement> {
        // Per coarse region-side, the longest.
        let mut longest: BTreeMap<(usize, Side), Long> = BTreeMap::new();
        for (i, track) in self.tracks.iter().enumerate() {
            let Some((usual, _)) = self.usual(track.coarse) else {
                continue;
            };
            let limit = (usual * LONG_FACTOR).max(usual + LONG_EXTRA_HOURS);
            for b in &self.bouts[i] {
                if b.peak < RECOVERY_MIN_PEAK {
                    continue;
                }
                let (end, open) = match b.end {
                    Some((end, EpisodeEdge::Resolved))
                        if end >= self.recent_start && end < self.end =>
                    {
                        (end, false)
                    }
                    None if b.start < self.end => {
                        // Counted up to now while the latest entry is fresh; a silence is
                        // not evidence of soreness, so otherwise up to the latest entry.
                        let Some(&(last, _)) = b.points.last() else {
                            continue;
                        };
                        if hours(last, self.now) <= OPEN_FRESH_HOURS {
                            (self.now.max(b.start), true)
                        } else {
                            (last, true)
                        }
                    }
                    _ => continue,
                };
                let took = hours(b.start, end);
                if took > limit {
                    let key = (track.coarse, track.coarse_side);
                    if longest.get(&key).is_none_or(|l| took > l.hours) {
                        let long = Long {
                            hours: took,
                            track: i,
                            start: b.start,
                            end,
                            open,
                        };
                        longest.insert(key, long);
                    }
                }
            }
        }
        longest
            .into_iter()
            .map(|((coarse, side), long)| {
                let Long {
                    hours: took,
                    track: i,
                    start,
                    end,
                    open,
                } = long;
                let (usual, n) = self.usual(coarse).unwrap_or((0.0, 0));
                let r = &self.regions[coarse];
                let what = if open {
                    format!(
                        "still sore after {} days (since {})",
                        days(took),
                        start.date()
                    )
                } else {
                    format!(
                        "back to 1 or below only after {} days (on {})",
                        days(took),
                        end.date()
                    )
                };
                let track = &self.tracks[i];
                with_bars(
                    statement(
                        format!("long:{}:{side}", r.id),
                        Topic::Unusual,
                        Tone::Attention,
                        format!(
                            "{}: {what}, against your usual {} days for the {} ({} before).",
                            capitalized(&named(r, side)),
                            days(usual),
                            in_sentence(&r.name),
                            plural(n, "recovery", "recoveries"),
                        ),
                        self.link(
                            ChartKind::Series,
                            Some(&self.regions[track.region].id),
                            vec![track.side],
                            start.date() - Duration::days(1),
                            end.date() + Duration::days(1),
                        ),
                    ),
                    vec![bar("This time", took / 24.0), bar("Usual", usual / 24.0)],
                )
            })
            .collect()
    }

    /// Left/right gaps that held through the recent window.
    fn gap(&self) -> Vec<Statement> {
        let mut out = Vec::new();
        for (region, r) in self.regions.iter().enumerate() {
            if !r.sided || r.parent.is_some() {
                continue;
            }
            let (Some(left), Some(right)) = (
                self.rolled.get(&(region, Side::Left)),
                self.rolled.get(&(region, Side::Right)),
            ) else {
                continue;
            };
            let pairs: Vec<(f64, f64)> = left
                .iter()
                .filter(|(day, _)| *day >= self.recent_from)
                .filter_map(|(day, l)| on(right, *day).map(|r| (f64::from(*l), f64::from(r))))
                .collect();
            let n = pairs.len();
            if n < GAP_MIN_DAYS {
                continue;
            }
            let gap = pairs.iter().map(|(l, r)| (l - r).abs()).sum::<f64>() / n as f64;
            let left_higher = pairs.iter().filter(|(l, r)| l > r).count();
            let right_higher = pairs.iter().filter(|(l, r)| r > l).count();
            let (higher, lower, times) = if left_higher >= right_higher {
                ("left", "right", left_higher)
            } else {
                ("right", "left", right_higher)
            };
            if gap < GAP_MIN_MEAN || (times as f64) < GAP_SAME_SIDE_SHARE * n as f64 {
                continue;
            }
            let left_mean = pairs.iter().map(|p| p.0).sum::<f64>() / n as f64;
            let right_mean = pairs.iter().map(|p| p.1).sum::<f64>() / n as f64;
            out.push(with_bars(
                statement(
                    format!("gap:{}", r.id),
                    Topic::Unusual,
                    Tone::Attention,
                    format!(
                        "{}: the {higher} side was sorer than the {lower} on {times} of the {n} days this month with both logged, by {gap:.1} on average.",
                        r.name
                    ),
                    self.link(
                        ChartKind::Compare,
                        Some(&r.id),
                        vec![Side::Left, Side::Right],
                        self.recent_from,
                        self.to,
                    ),
                ),
                vec![bar("Left", left_mean), bar("Right", right_mean)],
            ));
        }
        out
    }

    /// Soreness this month that no logged workout came before.
    fn no_workout(&self) -> Vec<Statement> {
        if self.recent_workouts < LOGS_WORKOUTS_MIN {
            return Vec::new();
        }
        let within = Duration::hours(UNEXPLAINED_WITHIN_HOURS);
        let before = Duration::days(NO_WORKOUT_DAYS);
        // Per coarse region-side, the latest: (start, value, track).
        let mut latest: BTreeMap<(usize, Side), (NaiveDateTime, u8, usize)> = BTreeMap::new();
        for (i, track) in self.tracks.iter().enumerate() {
            let key = (track.coarse, track.coarse_side);
            let workouts = self
                .coarse_workouts
                .get(&key)
                .map_or(&[][..], Vec::as_slice);
            for b in &self.bouts[i] {
                if b.started_by != EpisodeEdge::Soreness
                    || b.start < self.recent_start
                    || b.start >= self.end
                {
                    continue;
                }
                let value = b
                    .points
                    .iter()
                    .take_while(|(t, _)| *t - b.start <= within)
                    .map(|(_, v)| *v)
                    .max()
                    .unwrap_or(0);
                if value < UNEXPLAINED_MIN {
                    continue;
                }
                let from = workouts.partition_point(|w| *w < b.start - before);
                if workouts.get(from).is_some_and(|w| *w <= b.start) {
                    continue;
                }
                if latest.get(&key).is_none_or(|l| b.start > l.0) {
                    latest.insert(key, (b.start, value, i));
                }
            }
        }
        latest
            .into_iter()
            .map(|((coarse, side), (start, value, i))| {
                let r = &self.regions[coarse];
                let track = &self.tracks[i];
                statement(
                    format!("no-workout:{}:{side}", r.id),
                    Topic::Unusual,
                    Tone::Attention,
                    format!(
                        "{}: soreness {value}/10 on {} with no workout logged for the {} in the {NO_WORKOUT_DAYS} days before.",
                        capitalized(&named(r, side)),
                        start.date(),
                        in_sentence(&r.name),
                    ),
                    self.link(
                        ChartKind::Series,
                        Some(&self.regions[track.region].id),
                        vec![track.side],
                        start.date() - before,
                        start.date() + Duration::days(3),
                    ),
                )
            })
            .collect()
    }

    fn helps(&self, name: &dyn Fn(&str, &str) -> String) -> Vec<Statement> {
        // Days on which each region-side had any treatment.
        let treated: HashSet<(usize, NaiveDate)> = self
            .used
            .iter()
            .filter_map(|u| u.track.map(|t| (t, u.at.date())))
            .collect();
        // Per technique or point: its case days and the region-sides it was used on.
        let mut what: BTreeMap<(&str, &str), Uses> = BTreeMap::new();
        for u in &self.used {
            let e = what.entry((u.kind, u.id.as_str())).or_default();
            if let Some(t) = u.track {
                e.cases.insert((t, u.at.date()));
                e.sides.insert(t);
            }
        }
        // The day's value (1 or more) and the change to the next day's, from a day's index.
        let change_at = |track: usize, i: usize| -> Option<(u8, f64)> {
            let days = &self.daily[track];
            let (day, d0) = *days.get(i)?;
            let (next, d1) = *days.get(i + 1)?;
            (d0 >= 1 && Some(next) == day.succ_opt()).then(|| (d0, f64::from(d1) - f64::from(d0)))
        };
        let change = |track: usize, day: NaiveDate| -> Option<(u8, f64)> {
            let i = self.daily[track].binary_search_by_key(&day, |d| d.0).ok()?;
            change_at(track, i)
        };
        let link = self.link(ChartKind::Effects, None, Vec::new(), self.from, self.to);
        let min = MIN_CASES as usize;
        let mut judged = Vec::new();
        let mut waiting = Vec::new();
        let treated = &treated;
        for ((kind, id), Uses { cases, sides }) in what {
            let name = name(kind, id);
            let with: Vec<(u8, f64)> = cases.iter().filter_map(|(t, d)| change(*t, *d)).collect();
            let levels: BTreeSet<u8> = with.iter().map(|c| c.0).collect();
            let without: Vec<f64> = sides
                .iter()
                .flat_map(|t| {
                    self.daily[*t]
                        .iter()
                        .enumerate()
                        .filter(move |(_, (day, _))| !treated.contains(&(*t, *day)))
                        .filter_map(move |(i, _)| change_at(*t, i))
                })
                .filter(|(d0, _)| levels.iter().any(|l| l.abs_diff(*d0) <= COMPARABLE_WITHIN))
                .map(|c| c.1)
                .collect();
            let id = format!("helps:{kind}:{id}");
            if with.len() < min || without.len() < min {
                let text = if with.len() < min {
                    format!(
                        "{name}: not enough data yet ({} of {min} cases with soreness logged the day after).",
                        with.len()
                    )
                } else {
                    format!(
                        "{name}: not enough data yet ({}, but {} of {min} comparable days without it).",
                        plural(with.len(), "case", "cases"),
                        without.len()
                    )
                };
                waiting.push((
                    with.len(),
                    statement(id, Topic::Helps, Tone::NotEnough, text, link.clone()),
                ));
                continue;
            }
            let w: Vec<f64> = with.iter().map(|c| c.1).collect();
            let with_mean = mean(&w).unwrap_or(0.0);
            let without_mean = mean(&without).unwrap_or(0.0);
            let difference = with_mean - without_mean;
            let observed = format!(
                "on {} after you used it, soreness the next day changed by {} on average; on {} without it, by {}",
                plural(w.len(), "day", "days"),
                signed(with_mean),
                plural(without.len(), "comparable day", "comparable days"),
                signed(without_mean),
            );
            let (tone, text) = if difference <= -HELPS_DIFFERENCE {
                (
                    Tone::Good,
                    format!("{name} seems to help: {observed}. An observation from your log, not proof."),
                )
            } else if difference >= HELPS_DIFFERENCE {
                (
                    Tone::Attention,
                    format!("{name} was followed by more soreness than comparable days: {observed}. An observation from your log, not proof."),
                )
            } else {
                (
                    Tone::Neutral,
                    format!("{name}: no clear difference — {observed}."),
                )
            };
            judged.push((
                difference.abs(),
                with_bars(
                    statement(id, Topic::Helps, tone, text, link.clone()),
                    vec![bar("With", with_mean), bar("Without", without_mean)],
                ),
            ));
        }
        judged.sort_by(|a, b| b.0.total_cmp(&a.0));
        waiting.sort_by_key(|w| std::cmp::Reverse(w.0));
        judged
            .into_iter()
            .map(|j| j.1)
            .chain(waiting.into_iter().map(|w| w.1))
            .take(MAX_HELPS)
            .collect()
    }
}

impl Database {
    /// The Trends overview in words for a date range (see the module documentation).
    pub fn insights(&self, from: &str, to: &str, now: NaiveDateTime) -> Result<Insights> {
        let (f, t, lo, hi) = bounds(from, to)?;
        let recent_from = (t - Duration::days(RECENT_DAYS - 1)).max(f);
        let ctx = self.insight_ctx(f, t, recent_from, &lo, &hi, now)?;

        let name = |kind: &str, id: &str| {
            let found = if kind == "technique" {
                self.technique_name(id)
            } else {
                self.point_name(id)
            };
            found.unwrap_or_else(|_| id.to_owned())
        };
        let mut statements = ctx.recovery();
        statements.extend(ctx.long());
        statements.extend(ctx.gap());
        statements.extend(ctx.no_workout());
        statements.extend(ctx.sorest());
        statements.extend(ctx.often());
        statements.extend(ctx.helps(&name));
        Ok(Insights {
            from: from.to_owned(),
            to: to.to_owned(),
            recent_from: recent_from.to_string(),
            min_cases: MIN_CASES,
            statements,
        })
    }

    /// Reads the whole log once (entries and workouts) and the range's treatments, and
    /// derives what the statements need.
    fn insight_ctx(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        recent_from: NaiveDate,
        lo: &str,
        hi: &str,
        now: NaiveDateTime,
    ) -> Result<Ctx> {
        let regions = self.regions()?;
        let index: HashMap<&[u8], usize, BuildHasherDefault<Fnv>> = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_bytes(), i))
            .collect();
        let mut tracks: Vec<Track> = Vec::new();
        // Each region's tracks by side (left, right, center).
        let mut slots: Vec<[Option<usize>; 3]> = vec![[None; 3]; regions.len()];
        // The track of a region-side, made on first sight when `make`; `None` for an unknown
        // region.
        let mut track = |tracks: &mut Vec<Track>, region: &[u8], side: &[u8], make: bool| {
            let region = *index.get(region)?;
            let side = side_of(side)?;
            let slot = &mut slots[region][side as usize];
            if let Some(i) = *slot {
                return Some(i);
            }
            if !make {
                return None;
            }
            let (coarse, coarse_side) = roll_up(&regions, &regions[region].id, side)?;
            let coarse = *index.get(coarse.id.as_bytes())?;
            tracks.push(Track {
                region,
                side,
                coarse,
                coarse_side,
                entries: Vec::new(),
                workouts: Vec::new(),
            });
            *slot = Some(tracks.len() - 1);
            Some(tracks.len() - 1)
        };

        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT region_id, side, at, created_at, intensity FROM soreness_entries
                 WHERE deleted_at IS NULL",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let Some(i) = track(&mut tracks, bytes(r, 0), bytes(r, 1), true) else {
                    continue;
                };
                let Some(at) = stored_time(bytes(r, 2)) else {
                    continue;
                };
                tracks[i]
                    .entries
                    .push((at, time_order(bytes(r, 3)), r.get(4)?));
            }
        }
        let mut coarse_workouts: HashMap<(usize, Side), Vec<NaiveDateTime>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT x.region_id, x.side, w.at FROM workout_regions x
                 JOIN workouts w ON w.id = x.workout_id WHERE w.deleted_at IS NULL",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (region, side) = (bytes(r, 0), bytes(r, 1));
                let Some(at) = stored_time(bytes(r, 2)) else {
                    continue;
                };
                if let Some(i) = track(&mut tracks, region, side, false) {
                    tracks[i].workouts.push(at);
                }
                let coarse = std::str::from_utf8(region)
                    .ok()
                    .zip(side_of(side))
                    .and_then(|(region, side)| roll_up(&regions, region, side));
                if let Some((coarse, coarse_side)) = coarse {
                    if let Some(c) = index.get(coarse.id.as_bytes()) {
                        coarse_workouts
                            .entry((*c, coarse_side))
                            .or_default()
                            .push(at);
                    }
                }
            }
        }
        for list in coarse_workouts.values_mut() {
            list.sort_unstable();
        }
        let since = format_time(midnight(to - Duration::days(LOGS_WORKOUTS_DAYS - 1)));
        let recent_workouts: u32 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM workouts WHERE deleted_at IS NULL AND at >= ?1 AND at < ?2",
            )?
            .query_row(params![since, hi], |r| r.get(0))?;

        let mut used = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT at, region_id, side, technique_id, point_id FROM treatments
                 WHERE deleted_at IS NULL AND at >= ?1 AND at < ?2",
            )?;
            let mut rows = stmt.query([lo, hi])?;
            while let Some(r) = rows.next()? {
                let (kind, id) = match (r.get::<_, Option<String>>(3)?, r.get(4)?) {
                    (Some(t), _) => ("technique", t),
                    (None, Some(p)) => ("point", p),
                    (None, None) => continue,
                };
                let Some(at) = stored_time(bytes(r, 0)) else {
                    continue;
                };
                used.push(Used {
                    at,
                    track: track(&mut tracks, bytes(r, 1), bytes(r, 2), false),
                    kind,
                    id,
                });
            }
        }

        let start = midnight(from);
        let end = midnight(to.succ_opt().unwrap_or(to));
        let recent_start = midnight(recent_from);
        let mut bouts_of = Vec::with_capacity(tracks.len());
        let mut daily = Vec::with_capacity(tracks.len());
        let mut recoveries: BTreeMap<usize, RegionRecoveries> = BTreeMap::new();
        for track in &mut tracks {
            // Mostly in order already: entries are written as they happen.
            if !track.entries.is_sorted_by_key(|e| (e.0, e.1)) {
                track.entries.sort_by_key(|e| (e.0, e.1));
            }
            track.workouts.sort_unstable();
            let entries: Vec<(NaiveDateTime, u8)> =
                track.entries.iter().map(|e| (e.0, e.2)).collect();
            let bouts = bouts(&track.workouts, &entries, now);
            for b in &bouts {
                if let Some((ended, EpisodeEdge::Resolved)) = b.end {
                    if b.peak < RECOVERY_MIN_PEAK || ended >= end {
                        continue;
                    }
                    let r = recoveries.entry(track.coarse).or_default();
                    let took = hours(b.start, ended);
                    if ended < recent_start {
                        r.usual.push(took);
                    } else {
                        r.recent.push(took);
                    }
                }
            }
            bouts_of.push(bouts);

            // The day's latest entry is the day's value.
            let first = entries.partition_point(|e| e.0 < start);
            let mut days: Vec<(NaiveDate, u8)> = Vec::new();
            for (at, v) in entries[first..].iter().take_while(|e| e.0 < end) {
                match days.last_mut() {
                    Some(last) if last.0 == at.date() => last.1 = *v,
                    _ => days.push((at.date(), *v)),
                }
            }
            daily.push(days);
        }
        let usual = recoveries
            .iter()
            .filter(|(_, r)| r.usual.len() >= MIN_USUAL)
            .filter_map(|(region, r)| {
                median(r.usual.clone()).map(|m| (*region, (m, r.usual.len())))
            })
            // A usual time of zero (entries logged at one moment) is nothing to compare with.
            .filter(|(_, (m, _))| *m > 0.0)
            .collect();

        // Each coarse region-side's days: the highest of its parts' values.
        let mut rolled: BTreeMap<(usize, Side), Vec<(NaiveDate, u8)>> = BTreeMap::new();
        for (track, days) in tracks.iter().zip(&daily) {
            if !days.is_empty() {
                rolled
                    .entry((track.coarse, track.coarse_side))
                    .or_default()
                    .extend_from_slice(days);
            }
        }
        for days in rolled.values_mut() {
            if !days.is_sorted_by_key(|d| d.0) {
                days.sort_by_key(|d| d.0);
            }
            days.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 = kept.1.max(later.1);
                }
                same
            });
        }

        Ok(Ctx {
            regions,
            tracks,
            bouts: bouts_of,
            coarse_workouts,
            recent_workouts,
            used,
            daily,
            rolled,
            recoveries,
            usual,
            from,
            to,
            recent_from,
            recent_start,
            end,
            now,
        })
    }
}
