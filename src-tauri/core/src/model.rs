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
