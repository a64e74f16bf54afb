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

use chrono::{Duration, NaiveDateTime};

use crate::db::Database;
use crate::error::Result;
use crate::model::{
    Episode, EpisodeEdge, EpisodePoint, EpisodeView, Forecast, ForecastBasis, Side, SorenessKind,
    Timeline, Tissue, Verdict,
};
use crate::safety;
use crate::validate::{format_time, TIME_FORMAT};

/// Days without an entry after which an open episode is closed.
pub const GAP_DAYS: i64 = 10;
/// Past episodes needed before the forecast uses the person's own recoveries.
pub const PERSONAL_MIN: usize = 3;
/// A workout this soon after the start of an episode belongs to it (two sessions in a day).
pub const SAME_BOUT_HOURS: i64 = 12;
/// Hours after a workout by which DOMS has usually peaked (the end of the peak window).
pub const PEAK_OVER_HOURS: f64 = 72.0;
/// Soreness still there this long after the workout has not settled.
pub const SETTLED_BY_HOURS: f64 = 168.0;

fn parse(t: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(t, TIME_FORMAT).unwrap_or_default()
}

fn hours(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    (to - from).num_seconds() as f64 / 3600.0
}

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

    let gap = Duration::days(GAP_DAYS);
    let mut episodes = Vec::new();
    let mut open: Option<Bout> = None;
    for (at, event) in events {
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
                let past_peak_window = (at - b.start) >= Duration::hours(72);
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
    let start = parse(&episode.start);
    let resolved: Vec<&Episode> = past
        .iter()
        .filter(|p| p.ended_by == EpisodeEdge::Resolved && p.peak > 1)
        .collect();
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
        let workouts: Vec<NaiveDateTime> = self
            .workout_times_for(&region.id, side)?
            .iter()
            .map(|t| parse(t))
            .collect();
        let entries: Vec<(NaiveDateTime, u8)> = self
            .intensities_for(&region.id, side)?
            .iter()
            .map(|(at, intensity)| (parse(at), *intensity))
            .collect();
        Ok(derive(
            &region.id,
            side,
            &region.label(side),
            &workouts,
            &entries,
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
        let mut episodes = self.episodes_for(region, side, now)?;
        let Some(episode) = episodes.pop() else {
            return Ok(None);
        };
        // Past recoveries of the region on either side count towards a personal forecast.
        let mut past = episodes;
        for other in r.sides().iter().filter(|o| **o != s) {
            past.extend(self.episodes_for(region, other.as_str(), now)?);
        }
        past.retain(|p| p.start < episode.start);
        self.view(episode, &past, now).map(Some)
    }

    fn view(&self, episode: Episode, past: &[Episode], now: NaiveDateTime) -> Result<EpisodeView> {
        let timeline = self.timeline()?;
        let region = self.region(&episode.region)?;
        let start = parse(&episode.start);
        let end = episode.end.as_deref().map(parse);
        let hours_now = hours(start, end.unwrap_or(now).max(start));
        let forecast = forecast(&episode, past, &timeline, &region.name);

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
    pub fn open_episodes(&self, now: NaiveDateTime) -> Result<Vec<EpisodeView>> {
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
            if self.region(&region).is_err() {
                continue;
            }
            if let Some(view) = self.episode_view(&region, &side, now)? {
                if view.episode.ended_by == EpisodeEdge::Open {
                    views.push(view);
                }
            }
        }
        views.sort_by(|a, b| b.episode.start.cmp(&a.episode.start));
        Ok(views)
    }
}
