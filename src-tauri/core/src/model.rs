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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
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

/// Stored as its name; any other text in the database is an error, never a silent default.
impl rusqlite::types::ToSql for Side {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for Side {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: Error| rusqlite::types::FromSqlError::Other(e.to_string().into()))
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
    /// What the region mostly is. Delayed onset muscle soreness is a muscle's: pain in a
    /// tendon or joint after training is seldom DOMS, so it is never judged against it.
    #[serde(default)]
    pub tissue: Tissue,
    /// The coarse region a fine (muscle-level) region lies in; coarse regions have none.
    /// Entries on a fine region count toward its parent in Today and Trends (see `roll_up`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub parent: Option<String>,
}

/// What a region mostly is, for judging its soreness against the DOMS time course.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Tissue {
    #[default]
    Muscle,
    TendonJoint,
}

impl Region {
    pub fn sides(&self) -> &'static [Side] {
        if self.sided {
            &[Side::Left, Side::Right]
        } else {
            &[Side::Center]
        }
    }

    /// Whether this is a coarse region (no parent).
    pub fn is_coarse(&self) -> bool {
        self.parent.is_none()
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
    /// Where the point sits on an enlarged inset (hand or foot), where points lie too close
    /// together to tell apart on the whole figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub inset: Option<InsetMarker>,
}

/// The enlarged drawings of the hand and foot, each of the person's left side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Inset {
    Hand,
    FootTop,
    Sole,
}

/// A point's place on an inset, in the inset's own box, for the person's left side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct InsetMarker {
    pub inset: Inset,
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
    /// Health-profile conditions (`pregnancy`, `blood-thinners`, …) under which this point
    /// needs care; the flag for each condition says what to do and cites why.
    #[serde(default)]
    pub caution_for: Vec<String>,
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
    /// Health-profile conditions under which this technique needs care (see `Point`).
    #[serde(default)]
    pub caution_for: Vec<String>,
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
    /// Whether the pregnancy setting is on.
    pub pregnancy: bool,
    /// The health-profile conditions the person has marked.
    pub profile: Vec<String>,
    /// What those conditions mean for this region, its points and its techniques, with why.
    pub personal: Vec<PersonalCaution>,
    /// Every source cited by what is shown, for the panel's reference list.
    pub sources: Vec<Source>,
}

/// What a point, technique or the region itself is, for a personal caution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CautionTarget {
    Region,
    Point,
    Technique,
}

/// A caution that applies to this person: a condition from their health profile meets a
/// point, a technique or the region. `why` says so in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PersonalCaution {
    pub target: CautionTarget,
    /// The point's or technique's id; the region's id for the region.
    pub id: String,
    pub condition: String,
    pub why: String,
    pub flag: SafetyFlag,
}

/// Where the app keeps its data and which catalogue it runs, for the About panel and tests.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub catalogue_version: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The app's log file, when the app writes one (the shell fills it in).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_file: Option<String>,
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

/// When a flag is raised: a rule over what the log and the health profile show. Rules nest, so
/// a flag can need several things at once (`all`), one of several (`any`) or a threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rule {
    /// This symptom was ticked.
    Symptom(String),
    /// At least one of these symptoms was ticked.
    AnySymptom(Vec<String>),
    /// A health-profile condition the person marked, or a pattern the timeline shows.
    Condition(String),
    /// Soreness at or above this (0-10).
    IntensityAtLeast(u8),
    /// Within this many hours of a workout that worked the region-side, or logged as soreness
    /// from exercise (DOMS, or during the exercise).
    ExerciseWithinHours(u32),
    /// The soreness is in one of these regions.
    Region(Vec<String>),
    All(Vec<Rule>),
    Any(Vec<Rule>),
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
    /// What to do now, step by step, in plain words.
    #[serde(default)]
    pub do_now: Vec<String>,
    /// When the log raises it; without a rule it is advice shown in the region panel only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub when: Option<Rule>,
    /// Regions it concerns; empty means every region.
    #[serde(default)]
    pub regions: Vec<String>,
    pub sources: Vec<String>,
}

impl SafetyFlag {
    pub fn concerns(&self, region: &str) -> bool {
        self.regions.is_empty() || self.regions.iter().any(|r| r == region)
    }

    /// Whether the flag concerns this region: a flag on a coarse region concerns its fine
    /// regions too (a calf flag concerns the soleus).
    pub fn concerns_region(&self, region: &Region) -> bool {
        self.concerns(&region.id) || region.parent.as_deref().is_some_and(|p| self.concerns(p))
    }
}

/// The side a fine region-side has on its coarse parent: a sided fine region under a midline
/// parent (one side of the neck) counts toward the midline; otherwise the side is kept.
pub fn coarse_side(parent_sided: bool, side: Side) -> Side {
    if parent_sided {
        side
    } else {
        Side::Center
    }
}

/// The coarse region-side that `region` on `side` counts toward, looked up in `regions`.
/// A coarse region is its own; `None` when the region is unknown.
pub fn roll_up<'a>(regions: &'a [Region], region: &str, side: Side) -> Option<(&'a Region, Side)> {
    let r = regions.iter().find(|r| r.id == region)?;
    match &r.parent {
        None => Some((r, side)),
        Some(p) => {
            let parent = regions.iter().find(|x| &x.id == p)?;
            Some((parent, coarse_side(parent.sided, side)))
        }
    }
}

impl Rule {
    /// Every condition the rule names, nested ones included.
    pub fn conditions(&self) -> Vec<&str> {
        match self {
            Rule::Condition(c) => vec![c.as_str()],
            Rule::All(rules) | Rule::Any(rules) => {
                rules.iter().flat_map(Rule::conditions).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// One condition of the health profile, as the settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HealthItem {
    pub id: String,
    pub name: String,
    pub on: bool,
}

/// The person's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// Pregnant (also in `health`; kept on its own for exports that carry only this).
    pub pregnancy: bool,
    /// The health profile: conditions that change which points and techniques are safe and
    /// which flags the log raises.
    #[serde(default)]
    pub health: Vec<HealthItem>,
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

/// What kind of soreness an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SorenessKind {
    /// Delayed onset muscle soreness.
    Doms,
    /// Soreness during the exercise itself.
    Acute,
    Pain,
    Stiffness,
}

impl SorenessKind {
    pub const ALL: [SorenessKind; 4] = [
        SorenessKind::Doms,
        SorenessKind::Acute,
        SorenessKind::Pain,
        SorenessKind::Stiffness,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SorenessKind::Doms => "doms",
            SorenessKind::Acute => "acute",
            SorenessKind::Pain => "pain",
            SorenessKind::Stiffness => "stiffness",
        }
    }
}

impl FromStr for SorenessKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        SorenessKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!(
                        "{:?} is not a kind of soreness; use doms, acute, pain or stiffness.",
                        crate::error::short(s)
                    ),
                )
            })
    }
}

impl rusqlite::types::ToSql for SorenessKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for SorenessKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: Error| rusqlite::types::FromSqlError::Other(e.to_string().into()))
    }
}

/// A region on one side, as the UI sends it (checked by the core).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegionSideInput {
    pub region: String,
    pub side: String,
}

/// A checked region-side.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
#[ts(export)]
pub struct RegionSide {
    pub region: String,
    pub side: Side,
    /// "Left calf".
    pub label: String,
}

/// A soreness log entry as the UI sends it. Numbers arrive as numbers of any kind and are
/// checked by the core, so "7.5" gets an error that says so rather than a parse failure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SorenessInput {
    pub targets: Vec<RegionSideInput>,
    pub intensity: f64,
    pub kind: String,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// Local date and time, `YYYY-MM-DDTHH:MM`; now when absent.
    #[serde(default)]
    #[ts(optional)]
    pub at: Option<String>,
}

/// A red flag raised by the log, with why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RaisedFlag {
    /// Stable key, used to acknowledge it.
    pub key: String,
    pub flag: SafetyFlag,
    pub reason: String,
    pub acknowledged: bool,
    /// The flag's sources, for citing them by title.
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SorenessEntry {
    pub id: String,
    pub at: String,
    pub region: String,
    pub side: Side,
    pub label: String,
    pub intensity: u8,
    pub kind: SorenessKind,
    pub symptoms: Vec<String>,
    pub note: String,
    pub flags: Vec<RaisedFlag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkoutInput {
    #[serde(default)]
    #[ts(optional)]
    pub at: Option<String>,
    pub activity: String,
    pub effort: f64,
    pub duration_min: f64,
    #[serde(default)]
    pub note: String,
    pub targets: Vec<RegionSideInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Workout {
    pub id: String,
    pub at: String,
    pub activity: String,
    pub effort: u8,
    pub duration_min: u32,
    pub note: String,
    pub regions: Vec<RegionSide>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TreatmentInput {
    #[serde(default)]
    #[ts(optional)]
    pub at: Option<String>,
    pub region: String,
    pub side: String,
    /// A technique id, or …
    #[serde(default)]
    #[ts(optional)]
    pub technique: Option<String>,
    /// … a point id (exactly one of the two).
    #[serde(default)]
    #[ts(optional)]
    pub point: Option<String>,
    pub duration_sec: f64,
    #[serde(default)]
    #[ts(optional)]
    pub before: Option<f64>,
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<f64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Treatment {
    pub id: String,
    pub at: String,
    pub region: String,
    pub side: Side,
    pub label: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technique: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    /// The technique's or point's name.
    pub what: String,
    pub duration_sec: u32,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<u8>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<u8>,
    pub note: String,
}

/// One region-side's soreness on a day: the day's latest entry.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DayCell {
    pub region: String,
    pub side: Side,
    pub intensity: u8,
    pub at: String,
}

/// One coarse region-side's soreness on a day, with the entries on its fine regions rolled
/// up into it: what the Today view shows per region when the map is read at the coarse level.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoarseCell {
    /// The coarse region's id.
    pub region: String,
    /// The coarse side (one side of the neck counts toward the midline neck).
    pub side: Side,
    /// "Left calf".
    pub label: String,
    /// The highest of the day's latest values of the coarse region-side and of each fine
    /// region-side under it.
    pub intensity: u8,
    /// The latest of those entries' times.
    pub at: String,
    /// The cells that counted toward it (the coarse region's own and its fine regions'),
    /// highest first, as logged.
    pub parts: Vec<DayCell>,
}

/// How an episode began or ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EpisodeEdge {
    Workout,
    Soreness,
    /// Soreness back at 1 or below.
    Resolved,
    /// No entry for the documented number of days.
    NoEntries,
    /// A new workout after the peak started the next bout.
    NextBout,
    /// Still going.
    Open,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EpisodePoint {
    pub at: String,
    /// Hours since the episode's start.
    pub hours: f64,
    pub intensity: u8,
}

/// A recovery episode, derived from the log (never entered by hand).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Episode {
    pub region: String,
    pub side: Side,
    pub label: String,
    pub start: String,
    pub started_by: EpisodeEdge,
    pub peak: u8,
    pub peak_at: String,
    pub hours_to_peak: f64,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_hours: Option<f64>,
    pub ended_by: EpisodeEdge,
    pub points: Vec<EpisodePoint>,
    /// Hours (since the start) of the workouts that worked this region-side during it.
    pub workouts: Vec<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ForecastBasis {
    /// The person's own past episodes for this region (at least three).
    Personal,
    /// The general DOMS time course.
    General,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Forecast {
    pub basis: ForecastBasis,
    pub past_episodes: u32,
    /// Expected hours from start to peak and to soreness at 1 or below.
    pub peak_hours: f64,
    pub resolve_hours: f64,
    /// When soreness should be back at 1 or below (local date and time).
    pub resolve_by: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Verdict {
    pub fits_doms: bool,
    /// Why it does not look like ordinary DOMS (empty when it does).
    pub reasons: Vec<String>,
    /// Set when the region is not judged against DOMS at all (a tendon or joint), saying why.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_judged: Option<String>,
}

/// An episode on the DOMS timeline, with a forecast, a verdict and its red flags.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EpisodeView {
    pub episode: Episode,
    /// Hours from the start to now ("you are here").
    pub hours_now: f64,
    /// The DOMS phase now, for an open episode.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    pub forecast: Forecast,
    pub verdict: Verdict,
    pub flags: Vec<RaisedFlag>,
}

/// The Today view: the map's colours, the day's log, and the open episodes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DayView {
    pub date: String,
    /// Each logged region-side's latest soreness, fine and coarse as logged (the map paints
    /// these on their own shapes).
    pub cells: Vec<DayCell>,
    /// The same day rolled up to the coarse regions: fine entries count toward their parent.
    pub coarse: Vec<CoarseCell>,
    pub entries: Vec<SorenessEntry>,
    pub workouts: Vec<Workout>,
    pub treatments: Vec<Treatment>,
    pub open_episodes: Vec<EpisodeView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SymptomOption {
    pub id: String,
    pub name: String,
    /// An ordinary sign of DOMS (mild swelling, stiffness, some loss of strength), not a
    /// warning sign.
    pub ordinary: bool,
}

/// What the log form offers, from the core's own lists.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LogOptions {
    pub symptoms: Vec<SymptomOption>,
    pub max_note_chars: u32,
}
