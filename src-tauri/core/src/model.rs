//! The shapes SoreMap's data takes, shared by the catalogue files, the database and the UI.
//!
//! Each type derives `TS`, so `cargo test` writes its TypeScript twin into `ui/src/bindings/`;
//! the test command fails when the committed bindings drift from these definitions.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Error;

/// Which side of the person's own body. Regions on the midline only have `Center`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Side {
    Left,
    Right,
    Center,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Center => "center",
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Side {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "left" => Ok(Side::Left),
            "right" => Ok(Side::Right),
            "center" => Ok(Side::Center),
            other => Err(Error::UnknownSide(other.to_owned())),
        }
    }
}

/// The two drawings of the body map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum View {
    Front,
    Back,
}

/// A cited document. Catalogue entries refer to sources by `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub citation: String,
}

/// A body region as drawn on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Region {
    /// Plain English kebab-case, the same id the body map's shapes carry.
    pub id: String,
    pub name: String,
    /// True when the region has a left and a right; false for the midline (`center`).
    pub sided: bool,
    pub views: Vec<View>,
    pub summary: String,
}

impl Region {
    pub fn sides(&self) -> &'static [Side] {
        if self.sided {
            &[Side::Left, Side::Right]
        } else {
            &[Side::Center]
        }
    }

    /// "Left calf", "Neck": how the region-side is named to the person.
    pub fn label(&self, side: Side) -> String {
        match side {
            Side::Center => self.name.clone(),
            Side::Left | Side::Right => {
                let side = if side == Side::Left { "Left" } else { "Right" };
                format!("{side} {}", self.name.to_lowercase())
            }
        }
    }
}

/// What a source says a point or technique helps with, kept as that source's claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Claim {
    pub text: String,
    pub source: String,
}

/// A source's own description of a point. `interpreted` marks a match to a standard point
/// that the source itself does not state (it names no code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SourceNote {
    pub source: String,
    pub text: String,
    #[serde(default)]
    pub interpreted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// Where a point sits on the body map drawing, given for the person's left side (or the
/// midline); the UI mirrors it for the right.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Marker {
    pub view: View,
    pub x: f64,
    pub y: f64,
}

/// An acupressure point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Point {
    /// The WHO code where the point has one (`BL40`), otherwise a descriptive id.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pinyin: Option<String>,
    /// English names; texts differ, so a point may carry several.
    pub names: Vec<String>,
    /// The region the point lies in.
    pub located_in: String,
    /// The regions it is used for (may differ: BL40 lies behind the knee, helps the low back).
    pub used_for: Vec<String>,
    /// Standard location, paraphrased.
    pub location: String,
    /// Plain-language way to find it: landmarks and finger widths.
    pub how_to_find: String,
    /// Pressure, motion, duration, sides.
    pub how_to_apply: String,
    pub claims: Vec<Claim>,
    pub cautions: Vec<String>,
    /// The sources caution against pressing this point in pregnancy.
    #[serde(default)]
    pub pregnancy_caution: bool,
    #[serde(default)]
    pub source_notes: Vec<SourceNote>,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub marker: Option<Marker>,
}

/// A massage or self-care technique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Technique {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub steps: Vec<String>,
    pub duration: String,
    pub pressure: String,
    pub regions: Vec<String>,
    pub cautions: Vec<String>,
    #[serde(default)]
    pub pregnancy_caution: bool,
    pub sources: Vec<String>,
}

/// Everything the region panel shows for one region-side.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RegionDetail {
    pub region: Region,
    pub side: Side,
    /// "Left calf": the person's own side.
    pub label: String,
    /// Points that lie in this region.
    pub points_on: Vec<Point>,
    /// Points elsewhere that the sources use for this region.
    pub points_for: Vec<Point>,
    pub techniques: Vec<Technique>,
    /// Muscles the sources name in this region.
    pub muscles: Vec<Muscle>,
    /// The general DOMS time course.
    pub timeline: Timeline,
    /// Red flags and contraindications that concern this region, most serious first.
    pub flags: Vec<SafetyFlag>,
    /// Whether the pregnancy setting is on (points and techniques then carry warnings).
    pub pregnancy: bool,
    /// Every source cited by what is shown, for the panel's reference list.
    pub sources: Vec<Source>,
}

/// Where the app keeps its data and which catalogue it runs, for the About panel and tests.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub catalogue_version: String,
    pub schema_version: i64,
}

/// A muscle or area the sources name, with what they say about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Muscle {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub other_names: Vec<String>,
    pub regions: Vec<String>,
    pub description: String,
    #[serde(default)]
    pub techniques: Vec<String>,
    pub sources: Vec<String>,
}

/// One phase of the DOMS time course, in hours after the workout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TimelinePhase {
    pub id: String,
    pub name: String,
    pub start_hours: u32,
    pub end_hours: u32,
    pub felt: String,
    pub suggestions: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TimelineNote {
    pub text: String,
    pub sources: Vec<String>,
}

/// The general DOMS time course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Timeline {
    pub typical_peak_hours: [u32; 2],
    pub typically_gone_hours: [u32; 2],
    pub phases: Vec<TimelinePhase>,
    #[serde(default)]
    pub notes: Vec<TimelineNote>,
}

/// How strongly a safety flag tells the person to act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Severity {
    /// Seek care now.
    Urgent,
    /// See a doctor or physical therapist.
    Professional,
    /// Change what you do: do not press there, ask first.
    Caution,
}

/// A red flag or contraindication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SafetyFlag {
    pub id: String,
    pub severity: Severity,
    pub title: String,
    /// The words shown to the person.
    pub advice: String,
    /// Symptom ids from the log that trigger it.
    #[serde(default)]
    pub symptoms: Vec<String>,
    /// Soreness at or above this (0-10) is part of the trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub min_intensity: Option<u8>,
    /// Situations that trigger it (a condition the person has, or a timeline pattern).
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Regions it concerns; empty means every region.
    #[serde(default)]
    pub regions: Vec<String>,
    pub sources: Vec<String>,
}

impl SafetyFlag {
    pub fn concerns(&self, region: &str) -> bool {
        self.regions.is_empty() || self.regions.iter().any(|r| r == region)
    }
}

/// The person's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// When on, points and techniques the sources caution against in pregnancy carry a warning.
    pub pregnancy: bool,
}

/// What kind of catalogue entry a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SearchKind {
    Region,
    Point,
    Technique,
    Muscle,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchResult {
    pub kind: SearchKind,
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// The region to open for this result.
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchResults {
    pub query: String,
    pub results: Vec<SearchResult>,
    /// A hint for the person when there is nothing to show (empty query, no match).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
}
