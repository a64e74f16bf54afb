//! Raising the catalogue's red flags from what the log and the health profile show.
//!
//! The rules are data (`data/safety.toml`): each flag's `when` combines symptoms, conditions,
//! thresholds and regions with `all` and `any`. This module only evaluates them against the
//! facts of one entry or one episode and says why, in words. It never invents a rule of its
//! own: a flag without `when` is advice for the region panel and is never raised by the log.

use chrono::NaiveDateTime;
use rusqlite::OptionalExtension;

use crate::catalogue::{profile_condition, symptom};
use crate::db::Database;
use crate::error::Result;
use crate::model::{Rule, SafetyFlag, SorenessEntry, SorenessKind};
use crate::validate::TIME_FORMAT;

/// What is known about one entry or one episode when flags are raised.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    pub region: &'a str,
    /// The region's coarse parent, for a fine region: rules and flags on the parent (calf)
    /// hold for its fine regions (soleus) too.
    pub parent: Option<&'a str>,
    /// Symptom ids ticked.
    pub symptoms: &'a [String],
    /// Health-profile conditions the person marked and timeline patterns the log shows.
    pub conditions: &'a [String],
    /// The soreness (the entry's, or the episode's peak).
    pub intensity: u8,
    /// Hours from the latest workout that worked the region-side to the soreness, if any.
    pub hours_since_workout: Option<f64>,
    /// Logged as soreness from exercise (DOMS, or during the exercise).
    pub from_exercise: bool,
}

pub struct Raised {
    pub flag: SafetyFlag,
    pub reason: String,
}

fn symptom_name(id: &str) -> String {
    symptom(id)
        .map(|s| s.name.to_lowercase())
        .unwrap_or_else(|| id.replace('-', " "))
}

/// A timeline pattern or health condition in words.
pub fn condition_reason(condition: &str) -> String {
    match condition {
        "worsening" => "your entries after the usual 72-hour peak went up again, with no workout logged in between".to_owned(),
        "not-improving" => "your entries after the usual 72-hour peak stayed at the same level for a day or more".to_owned(),
        "beyond-7-days" => "you still logged soreness more than 7 days after it started".to_owned(),
        other => match profile_condition(other) {
            Some(p) => format!("your health profile says: {}", p.name.to_lowercase()),
            None => format!("the condition {other:?}"),
        },
    }
}

/// Whether `rule` holds for `facts`; when it does, the reasons it holds, in words.
pub fn evaluate(rule: &Rule, facts: &Facts<'_>) -> Option<Vec<String>> {
    let has = |s: &String| facts.symptoms.contains(s);
    match rule {
        Rule::Symptom(s) => has(s).then(|| vec![format!("you noted {}", symptom_name(s))]),
        Rule::AnySymptom(list) => {
            let ticked: Vec<String> = list
                .iter()
                .filter(|s| has(s))
                .map(|s| symptom_name(s))
                .collect();
            (!ticked.is_empty()).then(|| vec![format!("you noted {}", ticked.join(", "))])
        }
        Rule::Condition(c) => facts
            .conditions
            .contains(c)
            .then(|| vec![condition_reason(c)]),
        Rule::IntensityAtLeast(n) => (facts.intensity >= *n)
            .then(|| vec![format!("soreness reached {}/10", facts.intensity)]),
        Rule::ExerciseWithinHours(h) => {
            match facts
                .hours_since_workout
                .filter(|x| *x >= 0.0 && *x <= f64::from(*h))
            {
                Some(x) => Some(vec![format!(
                    "it came {} after a workout that worked it",
                    span(x)
                )]),
                None => facts
                    .from_exercise
                    .then(|| vec!["you logged it as soreness from exercise".to_owned()]),
            }
        }
        Rule::Region(list) => list
            .iter()
            .any(|r| r == facts.region || Some(r.as_str()) == facts.parent)
            .then(Vec::new),
        Rule::All(rules) => {
            let mut why = Vec::new();
            for r in rules {
                why.extend(evaluate(r, facts)?);
            }
            Some(why)
        }
        Rule::Any(rules) => {
            let mut why = Vec::new();
            let mut any = false;
            for r in rules {
                if let Some(w) = evaluate(r, facts) {
                    any = true;
                    why.extend(w);
                }
            }
            any.then_some(why)
        }
    }
}

fn span(hours: f64) -> String {
    if hours < 48.0 {
        format!("{:.0} hours", hours.max(0.0))
    } else {
        format!("{:.0} days", hours / 24.0)
    }
}

/// "you noted x; soreness reached 9/10" → "You noted x; soreness reached 9/10."
fn sentence(mut why: Vec<String>) -> String {
    let mut seen = Vec::new();
    why.retain(|w| {
        let new = !seen.contains(w);
        seen.push(w.clone());
        new
    });
    let text = why.join("; ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The flags raised for these facts, most serious first (the order of `flags`).
pub fn raise(flags: &[SafetyFlag], facts: &Facts<'_>) -> Vec<Raised> {
    flags
        .iter()
        .filter(|f| f.concerns(facts.region) || facts.parent.is_some_and(|p| f.concerns(p)))
        .filter_map(|flag| {
            let why = evaluate(flag.when.as_ref()?, facts)?;
            let reason = if why.is_empty() {
                "It concerns this region.".to_owned()
            } else {
                sentence(why)
            };
            Some(Raised {
                flag: flag.clone(),
                reason,
            })
        })
        .collect()
}

impl Database {
    /// The flags one entry raises from what it records: its symptoms, its intensity and how
    /// soon after a workout that worked the region-side it came. Health-profile conditions
    /// and timeline patterns are raised once per episode instead (see `episodes`).
    pub(crate) fn entry_flags(
        &self,
        flags: &[SafetyFlag],
        entry: &SorenessEntry,
    ) -> Result<Vec<Raised>> {
        let workout: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT max(w.at) FROM workout_regions x JOIN workouts w ON w.id = x.workout_id
                 WHERE w.deleted_at IS NULL AND x.region_id = ?1 AND x.side = ?2 AND w.at <= ?3",
            )?
            .query_row([&entry.region, entry.side.as_str(), &entry.at], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten();
        let parse = |t: &str| NaiveDateTime::parse_from_str(t, TIME_FORMAT).ok();
        let hours_since_workout = match (workout.as_deref().and_then(parse), parse(&entry.at)) {
            (Some(w), Some(at)) => Some((at - w).num_minutes() as f64 / 60.0),
            _ => None,
        };
        let parent = self.region(&entry.region)?.parent;
        Ok(raise(
            flags,
            &Facts {
                region: &entry.region,
                parent: parent.as_deref(),
                symptoms: &entry.symptoms,
                conditions: &[],
                intensity: entry.intensity,
                hours_since_workout,
                from_exercise: matches!(entry.kind, SorenessKind::Doms | SorenessKind::Acute),
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn rule(toml_text: &str) -> Rule {
        #[derive(serde::Deserialize)]
        struct W {
            when: Rule,
        }
        toml::from_str::<W>(toml_text).expect("rule parses").when
    }

    fn s(list: &[&str]) -> Vec<String> {
        list.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn leaves_match_and_say_why() {
        let symptoms = s(&["dark-urine"]);
        let facts = Facts {
            region: "calf",
            symptoms: &symptoms,
            intensity: 5,
            ..Facts::default()
        };
        let why = evaluate(&rule(r#"when = { symptom = "dark-urine" }"#), &facts).unwrap();
        assert_eq!(why, ["you noted dark (tea- or cola-coloured) urine"]);
        assert!(evaluate(&rule(r#"when = { symptom = "fever-chills" }"#), &facts).is_none());
        assert!(evaluate(&rule("when = { intensity_at_least = 5 }"), &facts).is_some());
        assert!(evaluate(&rule("when = { intensity_at_least = 6 }"), &facts).is_none());
        assert!(evaluate(&rule(r#"when = { region = ["calf", "shin"] }"#), &facts).is_some());
        assert!(evaluate(&rule(r#"when = { region = ["shin"] }"#), &facts).is_none());
        // A rule on a coarse region holds for its fine regions.
        let soleus = Facts {
            region: "soleus",
            parent: Some("calf"),
            ..facts.clone()
        };
        assert!(evaluate(&rule(r#"when = { region = ["calf"] }"#), &soleus).is_some());
        assert!(evaluate(&rule(r#"when = { region = ["shin"] }"#), &soleus).is_none());
    }

    #[test]
    fn all_needs_every_part_and_any_needs_one() {
        let r = rule(
            r#"when = { all = [
                { intensity_at_least = 8 },
                { exercise_within_hours = 168 },
                { any_symptom = ["weakness", "unable-to-finish", "swelling"] },
            ] }"#,
        );
        let weak = s(&["weakness"]);
        let mut facts = Facts {
            region: "quadriceps",
            symptoms: &weak,
            intensity: 9,
            hours_since_workout: Some(20.0),
            ..Facts::default()
        };
        let why = evaluate(&r, &facts).unwrap();
        assert_eq!(why.len(), 3, "{why:?}");
        facts.intensity = 7;
        assert!(evaluate(&r, &facts).is_none(), "below the threshold");
        facts.intensity = 9;
        facts.hours_since_workout = Some(400.0);
        assert!(evaluate(&r, &facts).is_none(), "too long after exercise");
        facts.from_exercise = true;
        assert!(
            evaluate(&r, &facts).is_some(),
            "logged as exercise soreness"
        );
        let none: Vec<String> = Vec::new();
        facts.symptoms = &none;
        assert!(evaluate(&r, &facts).is_none(), "no warning sign");
    }

    #[test]
    fn conditions_name_the_profile_or_the_pattern() {
        let c = s(&["blood-thinners", "worsening"]);
        let facts = Facts {
            region: "calf",
            conditions: &c,
            ..Facts::default()
        };
        let why = evaluate(
            &rule(r#"when = { any = [{ condition = "blood-thinners" }, { condition = "worsening" }] }"#),
            &facts,
        )
        .unwrap();
        assert!(
            why[0].contains("health profile says: taking blood thinners"),
            "{why:?}"
        );
        assert!(why[1].contains("went up again"), "{why:?}");
        assert!(evaluate(&rule(r#"when = { condition = "pregnancy" }"#), &facts).is_none());
    }

    #[test]
    fn raise_keeps_order_skips_ruleless_flags_and_other_regions() {
        let flag = |id: &str, severity, when: Option<Rule>, regions: &[&str]| SafetyFlag {
            id: id.into(),
            severity,
            title: id.into(),
            advice: "a".into(),
            do_now: vec![],
            when,
            regions: s(regions),
            sources: s(&["x"]),
        };
        let flags = vec![
            flag(
                "a",
                Severity::Urgent,
                Some(rule(r#"when = { symptom = "dark-urine" }"#)),
                &[],
            ),
            flag("b", Severity::Caution, None, &[]),
            flag(
                "c",
                Severity::Caution,
                Some(rule("when = { intensity_at_least = 1 }")),
                &["shin"],
            ),
            flag(
                "d",
                Severity::Caution,
                Some(rule("when = { intensity_at_least = 1 }")),
                &[],
            ),
        ];
        let symptoms = s(&["dark-urine"]);
        let facts = Facts {
            region: "calf",
            symptoms: &symptoms,
            intensity: 3,
            ..Facts::default()
        };
        let raised = raise(&flags, &facts);
        let ids: Vec<&str> = raised.iter().map(|r| r.flag.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        assert_eq!(
            raised[0].reason,
            "You noted dark (tea- or cola-coloured) urine."
        );
        assert_eq!(raised[1].reason, "Soreness reached 3/10.");
    }
}
