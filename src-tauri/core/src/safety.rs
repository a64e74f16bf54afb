//! Raising the catalogue's red flags from what the log shows.
//!
//! The rules are data (`data/safety.toml`): a flag is raised by one of its symptoms, one of its
//! conditions, or soreness at or above its `min_intensity`. This module only matches them and
//! says why, in words.

use crate::catalogue::SYMPTOMS;
use crate::model::SafetyFlag;

pub struct Raised {
    pub flag: SafetyFlag,
    pub reason: String,
}

fn symptom_name(id: &str) -> &str {
    SYMPTOMS
        .iter()
        .find(|(s, _)| *s == id)
        .map(|(_, name)| *name)
        .unwrap_or(id)
}

/// A timeline pattern in words.
pub fn condition_reason(condition: &str) -> &'static str {
    match condition {
        "worsening" => "soreness was still rising more than 72 hours after it started",
        "not-improving" => "soreness has not improved after 3-4 days",
        "beyond-7-days" => "soreness has lasted beyond 7 days",
        _ => "a condition you reported",
    }
}

/// The flags raised for `region` by these symptoms, timeline conditions and peak intensity,
/// most serious first (the order of `flags`).
pub fn raise(
    flags: &[SafetyFlag],
    region: &str,
    symptoms: &[String],
    conditions: &[&str],
    intensity: u8,
) -> Vec<Raised> {
    let mut out = Vec::new();
    for flag in flags.iter().filter(|f| f.concerns(region)) {
        let mut why = Vec::new();
        let ticked: Vec<&str> = flag
            .symptoms
            .iter()
            .filter(|s| symptoms.contains(s))
            .map(|s| symptom_name(s))
            .collect();
        if !ticked.is_empty() {
            why.push(format!("you noted {}", ticked.join(", ").to_lowercase()));
        }
        for c in flag
            .conditions
            .iter()
            .filter(|c| conditions.contains(&c.as_str()))
        {
            why.push(condition_reason(c).to_owned());
        }
        if let Some(min) = flag.min_intensity {
            if intensity >= min {
                why.push(format!("soreness reached {intensity}/10"));
            }
        }
        if !why.is_empty() {
            let mut reason = why.join("; ");
            if let Some(first) = reason.get(..1) {
                reason = first.to_uppercase() + &reason[1..];
            }
            out.push(Raised {
                flag: flag.clone(),
                reason: format!("{reason}."),
            });
        }
    }
    out
}
