//! The point catalogue: regions, points, techniques and their sources.
//!
//! The catalogue is reviewable data in `data/*.toml`, embedded in the binary at build time and
//! loaded into its own SQLite tables whenever its content changes (see `db`). This module
//! parses and checks it; it never touches user data.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Muscle, Point, Region, Rule, SafetyFlag, Source, Technique, Timeline};

/// The catalogue format this build reads. Bump it when a file's shape changes.
pub const FORMAT: u32 = 1;

const MANIFEST: &str = include_str!("../../../data/catalogue.toml");
const SOURCES: &str = include_str!("../../../data/sources.toml");
const REGIONS: &str = include_str!("../../../data/regions.toml");
const POINTS: &str = include_str!("../../../data/points.toml");
const TECHNIQUES: &str = include_str!("../../../data/techniques.toml");
const MUSCLES: &str = include_str!("../../../data/muscles.toml");
const TIMELINE: &str = include_str!("../../../data/timeline.toml");
const SAFETY: &str = include_str!("../../../data/safety.toml");

/// A symptom a soreness entry can tick. Safety rules name these ids.
#[derive(Debug, Clone, Copy)]
pub struct Symptom {
    pub id: &'static str,
    pub name: &'static str,
    /// An ordinary sign of DOMS (Hotfiel 2018: some swelling, stiffness, some loss of
    /// strength). No rule may raise a flag on these alone.
    pub ordinary: bool,
}

const fn ordinary(id: &'static str, name: &'static str) -> Symptom {
    Symptom {
        id,
        name,
        ordinary: true,
    }
}

const fn warning(id: &'static str, name: &'static str) -> Symptom {
    Symptom {
        id,
        name,
        ordinary: false,
    }
}

/// Symptoms a soreness entry can tick: first the ordinary signs of DOMS, then the warning
/// signs. Ids stay stable (entries store them); `swelling`, `weakness` and
/// `sudden-sharp-pain` always meant the marked kind.
pub const SYMPTOMS: &[Symptom] = &[
    ordinary("mild-swelling", "Mild swelling"),
    ordinary("stiffness", "Stiff, sore to stretch or press"),
    ordinary("strength-down", "Some loss of strength"),
    warning(
        "sudden-sharp-pain",
        "Just injured: a sudden sharp pain during exercise (a pull, tear or sprain)",
    ),
    warning("dark-urine", "Dark (tea- or cola-coloured) urine"),
    warning("fever-chills", "Fever or chills"),
    warning(
        "weakness",
        "Marked weakness: struggling to lift, stand or grip",
    ),
    warning("unable-to-finish", "Could not finish a usual workout"),
    warning("swelling", "Marked or one-sided swelling"),
    warning("warmth-redness", "Warm, red or darkened skin over it"),
    warning(
        "pain-at-rest",
        "Pain at rest, not only when moving or pressing",
    ),
    warning("numbness-tingling", "Numbness or tingling down a limb"),
    warning("weakness-both-legs", "Weakness in both legs"),
    warning(
        "saddle-numbness",
        "Numbness between the legs or around the buttocks (saddle area)",
    ),
    warning(
        "bladder-bowel-change",
        "New trouble controlling or passing urine or stools",
    ),
    warning(
        "chest-pain-breathless",
        "Chest pain (not a sore chest muscle) or sudden breathlessness",
    ),
    warning("weight-loss", "Unexplained weight loss"),
    warning("bruising", "Bruising"),
    warning("skin-problem", "Open wound or skin problem there"),
];

/// The symptom with this id.
pub fn symptom(id: &str) -> Option<&'static Symptom> {
    SYMPTOMS.iter().find(|s| s.id == id)
}

/// A condition the person can mark in their health profile, and the flag that says what it
/// means for points, techniques and the log.
#[derive(Debug, Clone, Copy)]
pub struct ProfileCondition {
    pub id: &'static str,
    pub name: &'static str,
    /// The safety flag for this condition.
    pub flag: &'static str,
}

/// The health profile. Each is stored as its own setting, `<id>` = `on`/`off` (pregnancy has
/// always been stored this way).
pub const PROFILE: &[ProfileCondition] = &[
    ProfileCondition {
        id: "pregnancy",
        name: "Pregnant",
        flag: "pregnancy",
    },
    ProfileCondition {
        id: "dvt",
        name: "Deep vein thrombosis (a blood clot), now or in the past",
        flag: "dvt-history",
    },
    ProfileCondition {
        id: "uncontrolled-hypertension",
        name: "Very high blood pressure that is not under control",
        flag: "uncontrolled-hypertension",
    },
    ProfileCondition {
        id: "blood-thinners",
        name: "Taking blood thinners, or a bleeding disorder",
        flag: "blood-thinners",
    },
    ProfileCondition {
        id: "osteoporosis",
        name: "Osteoporosis (fragile bones)",
        flag: "osteoporosis",
    },
    ProfileCondition {
        id: "chronic-back-pain",
        name: "Chronic back pain",
        flag: "chronic-back-pain",
    },
    ProfileCondition {
        id: "diabetic-neuropathy",
        name: "Diabetic neuropathy (less feeling in the feet)",
        flag: "diabetic-neuropathy",
    },
];

/// The profile condition with this id.
pub fn profile_condition(id: &str) -> Option<&'static ProfileCondition> {
    PROFILE.iter().find(|p| p.id == id)
}

/// Patterns the log's timeline detects, with evidence from entries (see `episodes`).
pub const TIMELINE_CONDITIONS: &[&str] = &["worsening", "not-improving", "beyond-7-days"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: u32,
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    source: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    region: Vec<Region>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PointsFile {
    point: Vec<Point>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TechniquesFile {
    technique: Vec<Technique>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MusclesFile {
    muscle: Vec<Muscle>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SafetyFile {
    flag: Vec<SafetyFlag>,
}

/// The files a catalogue is made of, as text.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueFiles<'a> {
    pub manifest: &'a str,
    pub sources: &'a str,
    pub regions: &'a str,
    pub points: &'a str,
    pub techniques: &'a str,
    pub muscles: &'a str,
    pub timeline: &'a str,
    pub safety: &'a str,
}

impl CatalogueFiles<'static> {
    /// The catalogue shipped inside this binary.
    pub fn embedded() -> Self {
        CatalogueFiles {
            manifest: MANIFEST,
            sources: SOURCES,
            regions: REGIONS,
            points: POINTS,
            techniques: TECHNIQUES,
            muscles: MUSCLES,
            timeline: TIMELINE,
            safety: SAFETY,
        }
    }
}

impl CatalogueFiles<'_> {
    /// A stable fingerprint of the content (FNV-1a, 64 bit), so any edit reloads the catalogue
    /// even when nobody bumped its version.
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            self.manifest,
            self.sources,
            self.regions,
            self.points,
            self.techniques,
            self.muscles,
            self.timeline,
            self.safety,
        ] {
            for byte in part.bytes().chain([0u8]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}

/// A parsed, checked catalogue.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub version: String,
    pub fingerprint: String,
    pub sources: Vec<Source>,
    pub regions: Vec<Region>,
    pub points: Vec<Point>,
    pub techniques: Vec<Technique>,
    pub muscles: Vec<Muscle>,
    pub timeline: Timeline,
    pub flags: Vec<SafetyFlag>,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Catalogue(format!("data/{file}: {e}")))
}

impl Catalogue {
    pub fn embedded() -> Result<Self> {
        Self::parse(CatalogueFiles::embedded())
    }

    /// Parses the files and checks them; any problem is an error naming it.
    pub fn parse(files: CatalogueFiles<'_>) -> Result<Self> {
        let manifest: Manifest = parse("catalogue.toml", files.manifest)?;
        if manifest.format != FORMAT {
            return Err(Error::Catalogue(format!(
                "data/catalogue.toml: format {} is not the format this build reads ({FORMAT})",
                manifest.format
            )));
        }
        let catalogue = Catalogue {
            version: manifest.version,
            fingerprint: files.fingerprint(),
            sources: parse::<SourcesFile>("sources.toml", files.sources)?.source,
            regions: parse::<RegionsFile>("regions.toml", files.regions)?.region,
            points: parse::<PointsFile>("points.toml", files.points)?.point,
            techniques: parse::<TechniquesFile>("techniques.toml", files.techniques)?.technique,
            muscles: parse::<MusclesFile>("muscles.toml", files.muscles)?.muscle,
            timeline: parse("timeline.toml", files.timeline)?,
            flags: parse::<SafetyFile>("safety.toml", files.safety)?.flag,
        };
        let problems = catalogue.problems();
        if problems.is_empty() {
            Ok(catalogue)
        } else {
            Err(Error::Catalogue(problems.join("; ")))
        }
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// Every broken reference, duplicate or missing field, in words.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let sources = unique_ids(
            "source",
            self.sources.iter().map(|s| s.id.as_str()),
            &mut problems,
        );
        let regions = unique_ids(
            "region",
            self.regions.iter().map(|r| r.id.as_str()),
            &mut problems,
        );
        unique_ids(
            "point",
            self.points.iter().map(|p| p.id.as_str()),
            &mut problems,
        );
        unique_ids(
            "technique",
            self.techniques.iter().map(|t| t.id.as_str()),
            &mut problems,
        );
        let mut codes = HashSet::new();

        for region in &self.regions {
            if !is_kebab(&region.id) {
                problems.push(format!("region id {:?} is not kebab-case", region.id));
            }
            if region.views.is_empty() {
                problems.push(format!("region {} appears in no view", region.id));
            }
            check_parent(self, region, &mut problems);
        }
        for point in &self.points {
            let what = format!("point {}", point.id);
            if let Some(code) = &point.code {
                if !codes.insert(code.clone()) {
                    problems.push(format!("{what}: duplicate code {code}"));
                }
                if normalize_code(code).as_deref() != Some(code.as_str()) {
                    problems.push(format!(
                        "{what}: code {code} is not in WHO form (e.g. BL40)"
                    ));
                }
            }
            for (field, text) in [
                ("location", &point.location),
                ("how_to_find", &point.how_to_find),
                ("how_to_apply", &point.how_to_apply),
            ] {
                if text.trim().is_empty() {
                    problems.push(format!("{what}: {field} is empty"));
                }
            }
            if point.cautions.is_empty() {
                problems.push(format!("{what}: no cautions"));
            }
            if point.sources.is_empty() {
                problems.push(format!("{what}: no sources"));
            }
            check_ref(&what, "region", &point.located_in, &regions, &mut problems);
            for r in &point.used_for {
                check_ref(&what, "region", r, &regions, &mut problems);
            }
            for s in point
                .sources
                .iter()
                .chain(point.claims.iter().map(|c| &c.source))
                .chain(point.source_notes.iter().map(|n| &n.source))
            {
                check_ref(&what, "source", s, &sources, &mut problems);
            }
        }
        for technique in &self.techniques {
            let what = format!("technique {}", technique.id);
            if technique.steps.is_empty() {
                problems.push(format!("{what}: no steps"));
            }
            if technique.sources.is_empty() {
                problems.push(format!("{what}: no sources"));
            }
            for r in &technique.regions {
                check_ref(&what, "region", r, &regions, &mut problems);
            }
            for s in &technique.sources {
                check_ref(&what, "source", s, &sources, &mut problems);
            }
        }
        let techniques: HashSet<String> = self.techniques.iter().map(|t| t.id.clone()).collect();
        unique_ids(
            "muscle",
            self.muscles.iter().map(|m| m.id.as_str()),
            &mut problems,
        );
        for muscle in &self.muscles {
            let what = format!("muscle {}", muscle.id);
            for r in &muscle.regions {
                check_ref(&what, "region", r, &regions, &mut problems);
            }
            for t in &muscle.techniques {
                check_ref(&what, "technique", t, &techniques, &mut problems);
            }
            for s in &muscle.sources {
                check_ref(&what, "source", s, &sources, &mut problems);
            }
        }
        let mut end = 0;
        for phase in &self.timeline.phases {
            let what = format!("timeline phase {}", phase.id);
            if phase.start_hours != end || phase.end_hours <= phase.start_hours {
                problems.push(format!(
                    "{what}: hours {}-{} do not follow on from {end}",
                    phase.start_hours, phase.end_hours
                ));
            }
            end = phase.end_hours;
            for s in &phase.sources {
                check_ref(&what, "source", s, &sources, &mut problems);
            }
        }
        for note in &self.timeline.notes {
            for s in &note.sources {
                check_ref("timeline note", "source", s, &sources, &mut problems);
            }
        }
        unique_ids(
            "safety flag",
            self.flags.iter().map(|f| f.id.as_str()),
            &mut problems,
        );
        for flag in &self.flags {
            let what = format!("safety flag {}", flag.id);
            if flag.sources.is_empty() {
                problems.push(format!("{what}: no sources"));
            }
            if flag.advice.trim().is_empty() {
                problems.push(format!("{what}: no advice"));
            }
            if let Some(rule) = &flag.when {
                check_rule(&what, rule, &regions, &mut problems);
                if only_ordinary(rule) {
                    problems.push(format!(
                        "{what}: raised by ordinary DOMS signs alone (mild swelling, stiffness, some loss of strength)"
                    ));
                }
            }
            for r in &flag.regions {
                check_ref(&what, "region", r, &regions, &mut problems);
            }
            for s in &flag.sources {
                check_ref(&what, "source", s, &sources, &mut problems);
            }
        }
        for p in PROFILE {
            match self.flags.iter().find(|f| f.id == p.flag) {
                None => problems.push(format!(
                    "health condition {}: no safety flag {}",
                    p.id, p.flag
                )),
                Some(f) => {
                    if !f
                        .when
                        .as_ref()
                        .is_some_and(|r| r.conditions().contains(&p.id))
                    {
                        problems.push(format!(
                            "health condition {}: flag {} is not raised by it",
                            p.id, p.flag
                        ));
                    }
                }
            }
        }
        for point in &self.points {
            for c in &point.caution_for {
                check_profile(&format!("point {}", point.id), c, &mut problems);
            }
        }
        for technique in &self.techniques {
            for c in &technique.caution_for {
                check_profile(&format!("technique {}", technique.id), c, &mut problems);
            }
        }
        problems
    }
}

fn unique_ids<'a>(
    kind: &str,
    ids: impl Iterator<Item = &'a str>,
    problems: &mut Vec<String>,
) -> HashSet<String> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            problems.push(format!("a {kind} has an empty id"));
        } else if !seen.insert(id.to_owned()) {
            problems.push(format!("duplicate {kind} id {id}"));
        }
    }
    seen
}

fn check_ref(
    what: &str,
    kind: &str,
    id: &str,
    known: &HashSet<String>,
    problems: &mut Vec<String>,
) {
    if !known.contains(id) {
        problems.push(format!("{what}: unknown {kind} {id:?}"));
    }
}

/// Regions come at two levels: a fine region names a coarse parent (one without a parent of
/// its own). A sided fine region may lie in a midline parent (one side of the neck); a midline
/// fine region may not lie in a sided parent, since its entries could not say which side.
fn check_parent(catalogue: &Catalogue, region: &Region, problems: &mut Vec<String>) {
    let Some(parent_id) = &region.parent else {
        return;
    };
    let what = format!("region {}", region.id);
    let Some(parent) = catalogue.region(parent_id) else {
        problems.push(format!("{what}: unknown parent {parent_id:?}"));
        return;
    };
    if parent.id == region.id {
        problems.push(format!("{what}: is its own parent"));
    } else if let Some(grand) = &parent.parent {
        problems.push(format!(
            "{what}: parent {} is itself a fine region (of {grand}); a parent must be coarse",
            parent.id
        ));
    }
    if !region.sided && parent.sided {
        problems.push(format!(
            "{what}: a midline region cannot lie in the sided region {}",
            parent.id
        ));
    }
}

fn check_profile(what: &str, id: &str, problems: &mut Vec<String>) {
    if profile_condition(id).is_none() {
        problems.push(format!("{what}: unknown health condition {id:?}"));
    }
}

/// Checks every id and threshold in a rule, and that no `all`/`any` is empty.
fn check_rule(what: &str, rule: &Rule, regions: &HashSet<String>, problems: &mut Vec<String>) {
    match rule {
        Rule::Symptom(s) => {
            if symptom(s).is_none() {
                problems.push(format!("{what}: unknown symptom {s:?}"));
            }
        }
        Rule::AnySymptom(list) => {
            if list.is_empty() {
                problems.push(format!("{what}: any_symptom lists no symptom"));
            }
            for s in list {
                if symptom(s).is_none() {
                    problems.push(format!("{what}: unknown symptom {s:?}"));
                }
            }
        }
        Rule::Condition(c) => {
            if profile_condition(c).is_none() && !TIMELINE_CONDITIONS.contains(&c.as_str()) {
                problems.push(format!("{what}: unknown condition {c:?}"));
            }
        }
        Rule::IntensityAtLeast(n) => {
            if *n == 0 || *n > 10 {
                problems.push(format!("{what}: intensity_at_least {n} is outside 1 to 10"));
            }
        }
        Rule::ExerciseWithinHours(h) => {
            if *h == 0 {
                problems.push(format!("{what}: exercise_within_hours must be above 0"));
            }
        }
        Rule::Region(list) => {
            if list.is_empty() {
                problems.push(format!("{what}: region lists no region"));
            }
            for r in list {
                check_ref(what, "region", r, regions, problems);
            }
        }
        Rule::All(rules) | Rule::Any(rules) => {
            if rules.is_empty() {
                problems.push(format!("{what}: an empty all/any"));
            }
            for r in rules {
                check_rule(what, r, regions, problems);
            }
        }
    }
}

/// Whether the rule can be met by ordinary DOMS signs alone, with nothing else: such a rule
/// would alarm people after ordinary training.
fn only_ordinary(rule: &Rule) -> bool {
    let is_ordinary = |s: &String| symptom(s).is_some_and(|s| s.ordinary);
    match rule {
        Rule::Symptom(s) => is_ordinary(s),
        Rule::AnySymptom(list) => list.iter().any(is_ordinary),
        Rule::Any(rules) => rules.iter().any(only_ordinary),
        Rule::All(rules) => {
            rules.iter().any(only_ordinary)
                && rules.iter().all(|r| {
                    only_ordinary(r) || matches!(r, Rule::Region(_) | Rule::ExerciseWithinHours(_))
                })
        }
        _ => false,
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

/// Reads a point code in any common spelling (`bl40`, `BL-40`, `bl 40`, `UB-40`) and returns
/// its WHO form (`BL40`), or `None` when the text is not a code.
pub fn normalize_code(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '_'))
        .collect::<String>()
        .to_ascii_uppercase();
    let split = compact.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = compact.split_at(split);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    let aliases: HashMap<&str, &str> = [("UB", "BL"), ("LIV", "LR"), ("REN", "CV"), ("DU", "GV")]
        .into_iter()
        .collect();
    let letters = aliases.get(letters).copied().unwrap_or(letters);
    const MERIDIANS: [&str; 14] = [
        "LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV",
    ];
    (number > 0 && MERIDIANS.contains(&letters)).then(|| format!("{letters}{number}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue_is_valid() {
        let catalogue = Catalogue::embedded().expect("the shipped catalogue parses and checks");
        assert!(!catalogue.regions.is_empty());
        assert!(!catalogue.points.is_empty());
        assert!(!catalogue.techniques.is_empty());
    }

    #[test]
    fn codes_are_read_in_any_common_form() {
        for text in ["BL40", "bl40", "BL-40", "bl 40", "UB-40", "Bl.40"] {
            assert_eq!(normalize_code(text).as_deref(), Some("BL40"), "{text}");
        }
        assert_eq!(normalize_code("liv3").as_deref(), Some("LR3"));
        for text in ["calf", "40", "XX40", "BL", "BL400", "BL0"] {
            assert_eq!(normalize_code(text), None, "{text}");
        }
    }

    #[test]
    fn broken_references_are_named() {
        let mut catalogue = Catalogue::embedded().unwrap();
        catalogue.points[0].located_in = "elbow-pit".into();
        catalogue.points[0].sources.push("nowhere".into());
        let dup = catalogue.regions[0].clone();
        catalogue.regions.push(dup);
        let problems = catalogue.problems().join("\n");
        assert!(
            problems.contains("unknown region \"elbow-pit\""),
            "{problems}"
        );
        assert!(
            problems.contains("unknown source \"nowhere\""),
            "{problems}"
        );
        assert!(problems.contains("duplicate region id"), "{problems}");
    }

    #[test]
    fn bad_rules_are_named() {
        use crate::model::Rule;
        let mut catalogue = Catalogue::embedded().unwrap();
        let flag = &mut catalogue.flags[0];
        flag.when = Some(Rule::Any(vec![
            Rule::Symptom("itchy".into()),
            Rule::Condition("moon-phase".into()),
            Rule::IntensityAtLeast(11),
            Rule::All(vec![]),
            Rule::Region(vec!["elbow-pit".into()]),
        ]));
        catalogue.flags[1].when = Some(Rule::AnySymptom(vec!["mild-swelling".into()]));
        catalogue.points[0].caution_for = vec!["gout".into()];
        let problems = catalogue.problems().join("\n");
        for words in [
            "unknown symptom \"itchy\"",
            "unknown condition \"moon-phase\"",
            "intensity_at_least 11",
            "an empty all/any",
            "unknown region \"elbow-pit\"",
            "raised by ordinary DOMS signs alone",
            "unknown health condition \"gout\"",
        ] {
            assert!(problems.contains(words), "{words}: {problems}");
        }
    }

    #[test]
    fn every_health_condition_has_its_flag() {
        let mut catalogue = Catalogue::embedded().unwrap();
        catalogue.flags.retain(|f| f.id != "osteoporosis");
        let problems = catalogue.problems().join("\n");
        assert!(
            problems.contains("health condition osteoporosis: no safety flag"),
            "{problems}"
        );
    }

    #[test]
    fn region_hierarchy_is_checked() {
        let mut catalogue = Catalogue::embedded().unwrap();
        let base = catalogue.region("soleus").unwrap().clone();
        let child = |id: &str, parent: &str, sided: bool| Region {
            id: id.into(),
            parent: Some(parent.into()),
            sided,
            ..base.clone()
        };
        catalogue.regions.extend([
            child("deep-calf", "elbow-pit", true),
            child("inner-soleus", "soleus", true),
            child("throat", "chest", false),
            child("front-neck", "neck", true),
            child("self-loop", "self-loop", true),
        ]);
        let problems = catalogue.problems().join("\n");
        for words in [
            "region deep-calf: unknown parent \"elbow-pit\"",
            "region inner-soleus: parent soleus is itself a fine region (of calf)",
            "region throat: a midline region cannot lie in the sided region chest",
            "region self-loop: is its own parent",
        ] {
            assert!(problems.contains(words), "{words}: {problems}");
        }
        // One side of the neck under the midline neck is allowed.
        assert!(!problems.contains("front-neck"), "{problems}");
        assert!(Catalogue::embedded().unwrap().problems().is_empty());
    }

    #[test]
    fn wrong_format_is_refused() {
        let files = CatalogueFiles {
            manifest: "format = 99\nversion = \"x\"",
            ..CatalogueFiles::embedded()
        };
        let err = Catalogue::parse(files).unwrap_err().to_string();
        assert!(err.contains("format 99"), "{err}");
    }

    #[test]
    fn fingerprint_changes_with_content() {
        let a = CatalogueFiles::embedded();
        let b = CatalogueFiles {
            regions: "[[region]]",
            ..a
        };
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint(), CatalogueFiles::embedded().fingerprint());
    }
}
