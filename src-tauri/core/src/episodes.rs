//! Recovery episodes, derived from the log, and their place on the DOMS timeline.
//!
//! Per region-side, an episode (a bout) starts at a workout that worked it or at the first
//! soreness above 0, and ends when soreness is back at 1 or below (after having been above it,
//! or once 72 hours have passed since a workout that caused none), after `GAP_DAYS` days
//! without an entry, or when a new workout comes after its peak: ordinary training twice a
//! week is a row of bouts, not one long episode. Nothing here is stored: episodes are
//! recomputed from the entries every time, so an edited or deleted entry can never leave a
//! stale episode behind.
//!
//! Timeline warnings ("still rising", "not improving", "beyond 7 days") need evidence: entries
//! after the usual peak that rise or stay level. Missing entries are never evidence.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::db::{side_of, Database};
use crate::error::Result;
use crate::log::text;
use crate::model::{
    Episode, EpisodeEdge, EpisodePoint, EpisodeView, Forecast, ForecastBasis, Region, Side,
    SorenessKind, Timeline, Tissue, Verdict,
};
use crate::safety;
use crate::validate::{format_time, TIME_FORMAT};

/// Days without an entry after which an open episode is closed.
pub const GAP_DAYS: i64 = 10;
/// Days of recent events read to tell whether a region-side's latest bout is still open.
const RECENT_DAYS: i64 = 3 * GAP_DAYS;
/// Past episodes needed before the forecast uses the person's own recoveries.
pub const PERSONAL_MIN: usize = 3;
/// A workout this soon after the start of an episode belongs to it (two sessions in a day).
pub const SAME_BOUT_HOURS: i64 = 12;
/// Hours after a workout by which DOMS has usually peaked (the end of the peak window).
pub const PEAK_OVER_HOURS: f64 = 72.0;
/// Soreness still there this long after the workout has not settled.
pub const SETTLED_BY_HOURS: f64 = 168.0;
/// Hours after its start within which a bout with no soreness above 1 is not yet over.
const PEAK_WINDOW_HOURS: i64 = 72;

/// A stored time; `1970-01-01T00:00:00` for one that is not a time.
pub(crate) fn parse(t: &str) -> NaiveDateTime {
    written(t).unwrap_or_else(|| NaiveDateTime::parse_from_str(t, TIME_FORMAT).unwrap_or_default())
}

/// A time in the form SoreMap writes (`YYYY-MM-DDTHH:MM:SS`, a real date, no leap second),
/// read without chrono's format parser: a region-side's whole history is read at times.
/// Such times order as their text does. `None` for anything else.
fn written(t: &str) -> Option<NaiveDateTime> {
    let b = t.as_bytes();
    let n = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if b.len() != 19 || !separators.iter().all(|(i, c)| b[*i] == *c) {
        return None;
    }
    NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(5, 2)?, n(8, 2)?)?.and_hms_opt(
        n(11, 2)?,
        n(14, 2)?,
        n(17, 2)?,
    )
}

fn hours(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    (to - from).num_seconds() as f64 / 3600.0
}

#[derive(Clone, Copy)]
enum Event {
    Workout,
    Entry { intensity: u8 },
}

/// An episode as derived, with its times as times: what `derive` writes out as an `Episode`,
/// and what summaries over the whole log read without formatting every point.
pub(crate) struct Bout {
    pub(crate) start: NaiveDateTime,
    pub(crate) started_by: EpisodeEdge,
    pub(crate) peak: u8,
    pub(crate) peak_at: NaiveDateTime,
    /// The latest entry or workout in it.
    pub(crate) last: NaiveDateTime,
    pub(crate) points: Vec<(NaiveDateTime, u8)>,
    pub(crate) workouts: Vec<NaiveDateTime>,
    /// When and how it ended; `None` while it is still going.
    pub(crate) end: Option<(NaiveDateTime, EpisodeEdge)>,
}

impl Bout {
    fn start_at_workout(at: NaiveDateTime) -> Self {
        Bout {
            start: at,
            started_by: EpisodeEdge::Workout,
            peak: 0,
            peak_at: at,
            last: at,
            points: Vec::new(),
            workouts: vec![at],
            end: None,
        }
    }

    fn ended(mut self, at: NaiveDateTime, edge: EpisodeEdge) -> Self {
        self.end = Some((at, edge));
        self
    }

    /// Whether a workout at `at` starts the next bout: the soreness so far has peaked (it
    /// is falling, or its peak is a day old) or no soreness came of the last workout.
    fn peaked_by(&self, at: NaiveDateTime) -> bool {
        if at - self.start < Duration::hours(SAME_BOUT_HOURS) {
            return false;
        }
        if self.peak <= 1 {
            return true;
        }
        let last = self.points.last().map(|(_, i)| *i).unwrap_or(0);
        last < self.peak || at - self.peak_at >= Duration::hours(24)
    }

    fn finish(self, region: &str, side: Side, label: &str) -> Episode {
        let start = self.start;
        let end = self.end;
        Episode {
            region: region.to_owned(),
            side,
            label: label.to_owned(),
            start: format_time(start),
            started_by: self.started_by,
            peak: self.peak,
            peak_at: format_time(self.peak_at),
            hours_to_peak: hours(start, self.peak_at),
            end: end.map(|(t, _)| format_time(t)),
            duration_hours: end.map(|(t, _)| hours(start, t)),
            ended_by: end.map(|(_, e)| e).unwrap_or(EpisodeEdge::Open),
            points: self
                .points
                .iter()
                .map(|(t, i)| EpisodePoint {
                    at: format_time(*t),
                    hours: hours(start, *t),
                    intensity: *i,
                })
                .collect(),
            workouts: self.workouts.iter().map(|t| hours(start, *t)).collect(),
        }
    }
}

/// Derives the episodes of one region-side from its workouts and entries.
pub fn derive(
    region: &str,
    side: Side,
    label: &str,
    workouts: &[NaiveDateTime],
    entries: &[(NaiveDateTime, u8)],
    now: NaiveDateTime,
) -> Vec<Episode> {
    bouts(workouts, entries, now)
        .into_iter()
        .map(|b| b.finish(region, side, label))
        .collect()
}

/// The bouts of one region-side, oldest first, as `derive` finds them.
pub(crate) fn bouts(
    workouts: &[NaiveDateTime],
    entries: &[(NaiveDateTime, u8)],
    now: NaiveDateTime,
) -> Vec<Bout> {
    run(&events(workouts, entries), now)
}

/// A region-side's workouts and entries as one list in the order they are taken in.
fn events(
    workouts: &[NaiveDateTime],
    entries: &[(NaiveDateTime, u8)],
) -> Vec<(NaiveDateTime, Event)> {
    let mut events: Vec<(NaiveDateTime, Event)> = workouts
        .iter()
        .map(|t| (*t, Event::Workout))
        .chain(
            entries
                .iter()
                .map(|(t, i)| (*t, Event::Entry { intensity: *i })),
        )
        .collect();
    // At the same moment, a workout comes before the soreness it caused.
    events.sort_by_key(|(t, e)| (*t, matches!(e, Event::Entry { .. })));
    events
}

/// The bouts found in `events`, starting with none open.
fn run(events: &[(NaiveDateTime, Event)], now: NaiveDateTime) -> Vec<Bout> {
    let gap = Duration::days(GAP_DAYS);
    let mut episodes = Vec::new();
    let mut open: Option<Bout> = None;
    for &(at, event) in events {
        if let Some(b) = open.take() {
            if at - b.last > gap {
                let end = b.last;
                episodes.push(b.ended(end, EpisodeEdge::NoEntries));
            } else {
                open = Some(b);
            }
        }
        match (event, open.as_mut()) {
            (Event::Workout, None) => open = Some(Bout::start_at_workout(at)),
            (Event::Workout, Some(b)) if b.peaked_by(at) => {
                if let Some(b) = open.take() {
                    episodes.push(b.ended(at, EpisodeEdge::NextBout));
                }
                open = Some(Bout::start_at_workout(at));
            }
            (Event::Workout, Some(b)) => {
                b.workouts.push(at);
                b.last = at;
            }
            (Event::Entry { intensity }, None) => {
                if intensity > 0 {
                    open = Some(Bout {
                        start: at,
                        started_by: EpisodeEdge::Soreness,
                        peak: intensity,
                        peak_at: at,
                        last: at,
                        points: vec![(at, intensity)],
                        workouts: Vec::new(),
                        end: None,
                    });
                }
            }
            (Event::Entry { intensity }, Some(b)) => {
                b.points.push((at, intensity));
                b.last = at;
                if intensity > b.peak {
                    b.peak = intensity;
                    b.peak_at = at;
                }
                // Back at 1 or below after real soreness ends it; so does a low reading once
                // the peak window after a workout has passed without any.
                let past_peak_window = (at - b.start) >= Duration::hours(PEAK_WINDOW_HOURS);
                if intensity <= 1 && (b.peak > 1 || past_peak_window) {
                    if let Some(b) = open.take() {
                        episodes.push(b.ended(at, EpisodeEdge::Resolved));
                    }
                }
            }
        }
    }
    if let Some(b) = open {
        if now - b.last > gap {
            let end = b.last;
            episodes.push(b.ended(end, EpisodeEdge::NoEntries));
        } else {
            episodes.push(b);
        }
    }
    episodes
}

/// Where in `events`, the latest events of a region-side (all of them from some time on), no
/// bout can be open whatever came before them: `run` over the events from there finds the
/// same bouts as over the whole history would, after those that ended before. `None` when
/// the events show no such place. It is one of these, the latest:
///
/// - an event more than `GAP_DAYS` after the one before it (that gap ended any bout);
/// - right after an entry of at most 1 that follows an entry of 2 or more within `GAP_DAYS`
///   (the bout the 2 was in was resolved by it);
/// - right after entries of 0, and nothing else, that reach `PEAK_WINDOW_HOURS` after the
///   event before them (a bout open then started no later, and a 0 past its peak window
///   resolves it; a 0 never starts one).
fn fresh_start(events: &[(NaiveDateTime, Event)]) -> Option<usize> {
    let gap = Duration::days(GAP_DAYS);
    let window = Duration::hours(PEAK_WINDOW_HOURS);
    let zero = |e: &Event| matches!(e, Event::Entry { intensity: 0 });
    let mut found = None;
    // The event before the current run of zero entries (or the run's first entry).
    let mut before_zeros = 0;
    for k in 1..events.len() {
        let (t, event) = events[k];
        let (before, previous) = events[k - 1];
        if t - before > gap {
            found = Some(k);
        }
        if let (Event::Entry { intensity: a }, Event::Entry { intensity: b }) = (previous, event) {
            if a >= 2 && b <= 1 && t - before <= gap {
                found = Some(k + 1);
            }
        }
        if zero(&event) {
            if !zero(&previous) {
                before_zeros = k - 1;
            }
            if t - events[before_zeros].0 >= window {
                found = Some(k + 1);
            }
        }
    }
    found
}

/// Whether the latest bout of a region-side is still open, from its latest events (as for
/// `fresh_start`); `None` when they cannot tell.
fn ends_open(events: &[(NaiveDateTime, Event)], now: NaiveDateTime) -> Option<bool> {
    let from = fresh_start(events)?;
    Some(
        run(&events[from..], now)
            .last()
            .is_some_and(|b| b.end.is_none()),
    )
}

/// A region-side as stored: region id and side.
type Key = (String, String);

/// What a forecast reads of one past recovery.
struct Recovery {
    hours_to_peak: f64,
    duration_hours: Option<f64>,
}

/// The median, or `None` for no values.
pub(crate) fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// When soreness should be back at 1 or below, and from what.
pub fn forecast(
    episode: &Episode,
    past: &[Episode],
    timeline: &Timeline,
    region_name: &str,
) -> Forecast {
    let resolved: Vec<Recovery> = past
        .iter()
        .filter(|p| p.ended_by == EpisodeEdge::Resolved && p.peak > 1)
        .map(|p| Recovery {
            hours_to_peak: p.hours_to_peak,
            duration_hours: p.duration_hours,
        })
        .collect();
    forecast_from(episode, &resolved, timeline, region_name)
}

/// The past recoveries among `past` that a forecast for a bout starting at `start` reads:
/// those resolved from soreness above 1 that started before it, as `forecast` picks them.
fn recoveries(past: &[Bout], start: NaiveDateTime) -> Vec<Recovery> {
    past.iter()
        .filter(|b| b.start < start && b.peak > 1)
        .filter_map(|b| match b.end {
            Some((end, EpisodeEdge::Resolved)) => Some(Recovery {
                hours_to_peak: hours(b.start, b.peak_at),
                duration_hours: Some(hours(b.start, end)),
            }),
            _ => None,
        })
        .collect()
}

/// `forecast` from the past recoveries it reads.
fn forecast_from(
    episode: &Episode,
    resolved: &[Recovery],
    timeline: &Timeline,
    region_name: &str,
) -> Forecast {
    let start = parse(&episode.start);
    let (basis, peak_hours, resolve_hours, explanation) = if resolved.len() >= PERSONAL_MIN {
        let peak = median(resolved.iter().map(|p| p.hours_to_peak).collect()).unwrap_or(0.0);
        let resolve =
            median(resolved.iter().filter_map(|p| p.duration_hours).collect()).unwrap_or(0.0);
        (
            ForecastBasis::Personal,
            peak,
            resolve,
            format!(
                "From your own {} past recoveries of the {}: sorest after about {:.0} hours, back to 1 or below after about {:.1} days (medians).",
                resolved.len(),
                region_name.to_lowercase(),
                peak,
                resolve / 24.0
            ),
        )
    } else {
        let [peak_from, peak_to] = timeline.typical_peak_hours;
        let [_, gone_by] = timeline.typically_gone_hours;
        (
            ForecastBasis::General,
            f64::from(peak_from + peak_to) / 2.0,
            f64::from(gone_by),
            format!(
                "From the typical DOMS time course (you have {} past recoveries of this region; {} are needed for a personal forecast): sorest {peak_from}-{peak_to} hours after it starts, normally gone by {} days.",
                resolved.len(),
                PERSONAL_MIN,
                gone_by / 24
            ),
        )
    };
    Forecast {
        basis,
        past_episodes: resolved.len() as u32,
        peak_hours,
        resolve_hours,
        resolve_by: format_time(start + Duration::seconds((resolve_hours * 3600.0) as i64)),
        explanation,
    }
}

/// Hours from the latest workout of the episode at or before `hours` (or from its start).
fn since_workout(episode: &Episode, hours: f64) -> (f64, f64) {
    let reference = episode
        .workouts
        .iter()
        .copied()
        .filter(|w| *w <= hours)
        .fold(0.0_f64, f64::max);
    (reference, hours - reference)
}

/// Timeline patterns that are not ordinary DOMS, each backed by entries: two entries after
/// the usual peak (with no workout between them) that rise ("worsening") or stay level for a
/// day or more ("not-improving"), or soreness still logged a week after the workout
/// ("beyond-7-days"). One entry and then silence shows none of them.
pub fn conditions_of(episode: &Episode) -> Vec<&'static str> {
    let late: Vec<(f64, f64, u8)> = episode
        .points
        .iter()
        .filter_map(|p| {
            let (reference, after) = since_workout(episode, p.hours);
            (after >= PEAK_OVER_HOURS).then_some((reference, p.hours, p.intensity))
        })
        .collect();
    let pairs = || {
        late.iter().enumerate().flat_map(|(i, a)| {
            late[i + 1..]
                .iter()
                .filter(move |b| b.0 == a.0)
                .map(move |b| (a, b))
        })
    };
    let mut out = Vec::new();
    if pairs().any(|(a, b)| b.2 > a.2 && b.2 >= 4) {
        out.push("worsening");
    }
    if pairs().any(|(a, b)| a.2 >= 3 && b.2 >= a.2 && b.1 - a.1 >= 24.0) {
        out.push("not-improving");
    }
    if episode.points.iter().any(|p| {
        let (_, after) = since_workout(episode, p.hours);
        after > SETTLED_BY_HOURS && p.intensity >= 2
    }) {
        out.push("beyond-7-days");
    }
    out
}

impl Database {
    /// Every episode of one region-side, oldest first.
    pub fn episodes_for(
        &self,
        region: &str,
        side: &str,
        now: NaiveDateTime,
    ) -> Result<Vec<Episode>> {
        let (region, side) = self.region_side(region, side)?;
        Ok(derive(
            &region.id,
            side,
            &region.label(side),
            &self.workouts_for(&region.id, side)?,
            &self.intensities_for(&region.id, side)?,
            now,
        ))
    }

    /// Every bout of one region-side, oldest first, from its whole history.
    fn bouts_for(&self, region: &str, side: Side, now: NaiveDateTime) -> Result<Vec<Bout>> {
        Ok(bouts(
            &self.workouts_for(region, side)?,
            &self.intensities_for(region, side)?,
            now,
        ))
    }

    /// The latest episode of one region-side on the DOMS timeline, if there is one.
    pub fn episode_view(
        &self,
        region: &str,
        side: &str,
        now: NaiveDateTime,
    ) -> Result<Option<EpisodeView>> {
        let (r, s) = self.region_side(region, side)?;
        self.latest_view(&r, s, now, false)
    }

    /// The latest episode of one region-side on the DOMS timeline, if there is one (and, with
    /// `open_only`, if it is still open). The forecast reads the whole history of the region
    /// on every side, but only the latest bout is written out as an episode.
    fn latest_view(
        &self,
        region: &Region,
        side: Side,
        now: NaiveDateTime,
        open_only: bool,
    ) -> Result<Option<EpisodeView>> {
        let mut past = self.bouts_for(&region.id, side, now)?;
        let Some(latest) = past.pop() else {
            return Ok(None);
        };
        if open_only && latest.end.is_some() {
            return Ok(None);
        }
        // Past recoveries of the region on either side count towards a personal forecast.
        for other in region.sides().iter().filter(|o| **o != side) {
            past.extend(self.bouts_for(&region.id, *other, now)?);
        }
        // Bouts start at stored times, which order as their text does: this picks the past
        // episodes that start before it, as comparing their written starts would.
        let resolved = recoveries(&past, latest.start);
        let episode = latest.finish(&region.id, side, &region.label(side));
        self.view(episode, &resolved, now).map(Some)
    }

    fn view(
        &self,
        episode: Episode,
        resolved: &[Recovery],
        now: NaiveDateTime,
    ) -> Result<EpisodeView> {
        let timeline = self.timeline()?;
        let region = self.region(&episode.region)?;
        let start = parse(&episode.start);
        let end = episode.end.as_deref().map(parse);
        let hours_now = hours(start, end.unwrap_or(now).max(start));
        let forecast = forecast_from(&episode, resolved, &timeline, &region.name);

        let mine = self.region_entries_between(
            &episode.region,
            episode.side,
            &episode.start,
            &format_time(end.unwrap_or(now) + Duration::seconds(1)),
        )?;
        let mut symptoms: Vec<String> = mine.iter().flat_map(|e| e.symptoms.clone()).collect();
        symptoms.sort();
        symptoms.dedup();
        let mut conditions = self.profile()?;
        conditions.extend(conditions_of(&episode).iter().map(|c| (*c).to_owned()));
        let peak_hours = hours(start, parse(&episode.peak_at));
        let facts = safety::Facts {
            region: &episode.region,
            parent: region.parent.as_deref(),
            symptoms: &symptoms,
            conditions: &conditions,
            intensity: episode.peak,
            hours_since_workout: (!episode.workouts.is_empty())
                .then(|| since_workout(&episode, peak_hours).1),
            from_exercise: mine
                .iter()
                .any(|e| matches!(e.kind, SorenessKind::Doms | SorenessKind::Acute)),
        };
        let raised = safety::raise(&self.flags()?, &facts);
        let scope = format!(
            "episode:{}:{}:{}",
            episode.region, episode.side, episode.start
        );
        let flags = self.keyed(raised, &scope)?;

        let mut reasons: Vec<String> = flags
            .iter()
            .filter(|f| f.flag.severity != crate::model::Severity::Caution)
            .map(|f| format!("{} — {}", f.flag.title, f.reason))
            .collect();
        if mine.iter().any(|e| e.kind == SorenessKind::Pain) {
            reasons.push("You logged it as pain, not muscle soreness.".to_owned());
        }
        let not_judged = (region.tissue == Tissue::TendonJoint).then(|| {
            format!(
                "The {} is mostly tendon or joint, not muscle: pain there after training is seldom DOMS, so SoreMap does not compare it with the DOMS time course. If it does not settle, or it hurts at rest, see a doctor or physical therapist.",
                region.name.to_lowercase()
            )
        });
        let phase = (episode.ended_by == EpisodeEdge::Open && not_judged.is_none()).then(|| {
            timeline
                .phases
                .iter()
                .find(|p| {
                    hours_now >= f64::from(p.start_hours) && hours_now < f64::from(p.end_hours)
                })
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "Beyond the usual week".to_owned())
        });
        Ok(EpisodeView {
            verdict: Verdict {
                fits_doms: reasons.is_empty() && not_judged.is_none(),
                reasons,
                not_judged,
            },
            episode,
            hours_now,
            phase,
            forecast,
            flags,
        })
    }

    /// Open episodes across the body, most recent first.
    ///
    /// Every region-side with an entry or a workout in the last `GAP_DAYS` days may have one.
    /// Whether its latest bout is still open is told from its events of the last
    /// `RECENT_DAYS` days where they can tell (see `fresh_start`): only the region-sides
    /// whose bout is open (or whose recent events cannot tell) have their whole history read,
    /// for the episode's forecast.
    pub fn open_episodes(&self, now: NaiveDateTime) -> Result<Vec<EpisodeView>> {
        let recent = self.recent_events(&format_time(now - Duration::days(RECENT_DAYS)))?;
        let since = format_time(now - Duration::days(GAP_DAYS + 1));
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT region_id, side FROM soreness_entries WHERE deleted_at IS NULL AND at >= ?1
             UNION
             SELECT DISTINCT x.region_id, x.side FROM workout_regions x JOIN workouts w ON w.id = x.workout_id
             WHERE w.deleted_at IS NULL AND w.at >= ?1",
        )?;
        let pairs: Vec<(String, String)> = stmt
            .query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut views = Vec::new();
        for (region, side) in pairs {
            let Ok(r) = self.region(&region) else {
                continue;
            };
            let s = side_of(&r, &side)?;
            let ended = recent
                .get(&(region, side))
                .and_then(|events| ends_open(events, now))
                == Some(false);
            if ended {
                continue;
            }
            if let Some(view) = self.latest_view(&r, s, now, true)? {
                views.push(view);
            }
        }
        views.sort_by(|a, b| b.episode.start.cmp(&a.episode.start));
        Ok(views)
    }

    /// Every region-side's live workouts and entries from `since` on, as `bouts` takes them in,
    /// in two reads. A region-side with a time not in the form SoreMap writes is left out, so
    /// its whole history is read instead.
    fn recent_events(&self, since: &str) -> Result<HashMap<Key, Vec<(NaiveDateTime, Event)>>> {
        let mut workouts: HashMap<Key, Vec<NaiveDateTime>> = HashMap::new();
        let mut entries: HashMap<Key, Vec<(NaiveDateTime, u8)>> = HashMap::new();
        let mut unwritten: Vec<Key> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT x.region_id, x.side, w.at FROM workouts w JOIN workout_regions x ON x.workout_id = w.id
                 WHERE w.deleted_at IS NULL AND w.at >= ?1 ORDER BY w.at",
            )?;
            let mut rows = stmt.query([since])?;
            while let Some(r) = rows.next()? {
                let key = (r.get(0)?, r.get(1)?);
                match written(text(r, 2)?) {
                    Some(at) => workouts.entry(key).or_default().push(at),
                    None => unwritten.push(key),
                }
            }
        }
        {
            // In the order `intensities_for` reads one region-side's entries.
            let mut stmt = self.conn.prepare_cached(
                "SELECT region_id, side, at, intensity FROM soreness_entries
                 WHERE deleted_at IS NULL AND at >= ?1 ORDER BY at, created_at, rowid",
            )?;
            let mut rows = stmt.query([since])?;
            while let Some(r) = rows.next()? {
                let key = (r.get(0)?, r.get(1)?);
                match written(text(r, 2)?) {
                    Some(at) => entries.entry(key).or_default().push((at, r.get(3)?)),
                    None => unwritten.push(key),
                }
            }
        }
        let mut out: HashMap<Key, Vec<(NaiveDateTime, Event)>> = HashMap::new();
        for (key, list) in entries {
            let worked = workouts.remove(&key).unwrap_or_default();
            out.insert(key, events(&worked, &list));
        }
        for (key, worked) in workouts {
            out.insert(key, events(&worked, &[]));
        }
        for key in unwritten {
            out.remove(&key);
        }
        Ok(out)
    }
}
