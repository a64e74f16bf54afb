//! Tonight's routine: a short, guided sequence of self-care for the regions that are sore today.
//!
//! For each sore region-side (sorest first, a few at most) it proposes one gentle technique and
//! one point, in that order: a warm-up stroke before pressure. It leaves out, and says why,
//! a region whose log raised a warning sign (no massage or pressure until it is checked) and
//! any point or technique the person's health profile rules out. Every step runs on both
//! sides of a sided region and once on a midline one, so the times shown are what it takes.

use serde::Serialize;
use ts_rs::TS;

use chrono::NaiveDateTime;

use crate::db::Database;
use crate::error::Result;
use crate::model::{CautionTarget, Severity, Side};

/// Regions a routine covers at most, so that it stays short.
pub const MAX_REGIONS: usize = 4;
/// The longest hold per side a step proposes.
const MAX_STEP_SECONDS: u32 = 120;
/// A point's hold per side when its text gives none.
const POINT_SECONDS: u32 = 60;

/// Techniques that suit a short routine done alone at home, gentlest first. Others (the mat,
/// a partner's elbow, a substitute session, EMS, stretching, which the evidence finds does not
/// ease DOMS) are left to the region panel.
const ROUTINE_TECHNIQUES: &[&str] = &[
    "effleurage",
    "trapezius-grasp",
    "foam-rolling",
    "tennis-ball-wall",
    "petrissage",
    "circular-thumb-pressure",
    "trigger-point-compression",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum StepKind {
    Technique,
    Point,
}

/// One step: a technique or a point on one region, on each of `sides`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RoutineStep {
    pub region: String,
    /// "Left calf": the sore region-side this step is for.
    pub label: String,
    pub kind: StepKind,
    pub id: String,
    pub name: String,
    /// How to do it, from the catalogue.
    pub how: String,
    pub seconds_per_side: u32,
    /// Both sides of a sided region, or `center` once.
    pub sides: Vec<Side>,
}

/// Something the routine left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RoutineSkip {
    /// The region-side ("Left calf") or the point or technique on it.
    pub what: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Routine {
    pub steps: Vec<RoutineStep>,
    pub skipped: Vec<RoutineSkip>,
    pub total_seconds: u32,
    /// Sore region-sides beyond the first few, left out to keep the routine short.
    pub more_regions: u32,
}

/// The first duration a catalogue text gives, in seconds ("1-2 minutes" → 60, "About 30
/// seconds" → 30), capped; `None` when it gives none.
pub fn seconds_in(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '–'))
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let first = pair[0]
            .split(['-', '–'])
            .next()
            .and_then(|n| n.parse::<u32>().ok());
        let Some(n) = first else { continue };
        let unit = pair[1];
        if unit.starts_with("second") {
            return Some(n.min(MAX_STEP_SECONDS));
        }
        if unit.starts_with("minute") {
            return Some((n * 60).min(MAX_STEP_SECONDS));
        }
    }
    None
}

impl Database {
    /// Tonight's routine for the regions sore on `now`'s day.
    pub fn routine(&self, now: NaiveDateTime) -> Result<Routine> {
        let mut cells: Vec<_> = self
            .cells(now.date())?
            .into_iter()
            .filter(|c| c.intensity >= 1)
            .collect();
        cells.sort_by(|a, b| b.intensity.cmp(&a.intensity).then(a.at.cmp(&b.at)));
        let more_regions = cells.len().saturating_sub(MAX_REGIONS) as u32;
        let mut routine = Routine {
            steps: Vec::new(),
            skipped: Vec::new(),
            total_seconds: 0,
            more_regions,
        };
        for cell in cells.into_iter().take(MAX_REGIONS) {
            let detail = self.region_detail(&cell.region, cell.side.as_str())?;
            let label = detail.label.clone();
            // A warning sign in the log: no massage or pressure there until it is checked.
            if let Some(view) = self.episode_view(&cell.region, cell.side.as_str(), now)? {
                if let Some(flag) = view
                    .flags
                    .iter()
                    .find(|f| f.flag.severity != Severity::Caution)
                {
                    routine.skipped.push(RoutineSkip {
                        what: label.clone(),
                        why: format!(
                            "{}: {} No massage or pressure there until it has been checked.",
                            flag.flag.title, flag.reason
                        ),
                    });
                    continue;
                }
            }
            let ruled_out = |target: CautionTarget, id: &str| {
                detail
                    .personal
                    .iter()
                    .find(|p| p.target == target && p.id == id)
                    .map(|p| p.why.clone())
            };
            if let Some(why) = ruled_out(CautionTarget::Region, &detail.region.id) {
                routine.skipped.push(RoutineSkip {
                    what: label.clone(),
                    why,
                });
                continue;
            }
            let sides = if detail.region.sided {
                vec![Side::Left, Side::Right]
            } else {
                vec![Side::Center]
            };
            let mut steps = Vec::new();
            let technique = ROUTINE_TECHNIQUES.iter().find_map(|wanted| {
                let t = detail.techniques.iter().find(|t| t.id == *wanted)?;
                match ruled_out(CautionTarget::Technique, &t.id) {
                    Some(why) => {
                        routine.skipped.push(RoutineSkip {
                            what: format!("{} on the {}", t.name, label.to_lowercase()),
                            why,
                        });
                        None
                    }
                    None => Some(t),
                }
            });
            if let Some(t) = technique {
                steps.push(RoutineStep {
                    region: detail.region.id.clone(),
                    label: label.clone(),
                    kind: StepKind::Technique,
                    id: t.id.clone(),
                    name: t.name.clone(),
                    how: t.steps.join(" "),
                    seconds_per_side: seconds_in(&t.duration).unwrap_or(60),
                    sides: sides.clone(),
                });
            }
            let point = detail
                .points_on
                .iter()
                .chain(detail.points_for.iter())
                .find(|p| match ruled_out(CautionTarget::Point, &p.id) {
                    Some(why) => {
                        routine.skipped.push(RoutineSkip {
                            what: format!("{} for the {}", point_name(p), label.to_lowercase()),
                            why,
                        });
                        false
                    }
                    None => true,
                });
            if let Some(p) = point {
                steps.push(RoutineStep {
                    region: detail.region.id.clone(),
                    label: label.clone(),
                    kind: StepKind::Point,
                    id: p.id.clone(),
                    name: point_name(p),
                    how: format!("{} {}", p.how_to_find, p.how_to_apply),
                    seconds_per_side: seconds_in(&p.how_to_apply).unwrap_or(POINT_SECONDS),
                    sides: sides.clone(),
                });
            }
            routine.steps.extend(steps);
        }
        routine.total_seconds = routine
            .steps
            .iter()
            .map(|s| s.seconds_per_side * s.sides.len() as u32)
            .sum();
        Ok(routine)
    }
}

fn point_name(p: &crate::model::Point) -> String {
    match (&p.code, &p.pinyin) {
        (Some(code), Some(pinyin)) => format!("{code} {pinyin}"),
        _ => p.names.first().cloned().unwrap_or_else(|| p.id.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::seconds_in;

    #[test]
    fn durations_are_read_from_catalogue_text() {
        assert_eq!(seconds_in("1-2 minutes per point and side."), Some(60));
        assert_eq!(seconds_in("About 30 seconds per spot."), Some(30));
        assert_eq!(
            seconds_in("SoreMap suggests 2-5 minutes per area; the source gives no time."),
            Some(120)
        );
        assert_eq!(
            seconds_in("10-20 minutes; start with a few minutes"),
            Some(120)
        );
        assert_eq!(seconds_in("Your usual session length."), None);
    }
}
