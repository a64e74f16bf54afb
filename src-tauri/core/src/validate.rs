//! Checks for everything the log accepts. Each failure names the field and the problem;
//! nothing is written until every check has passed.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::catalogue::SYMPTOMS;
use crate::error::{Error, Result};

/// The longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// The longest activity name accepted, in characters.
pub const MAX_ACTIVITY_CHARS: usize = 120;
/// How far ahead of the clock a time may be (clock drift between devices).
const FUTURE_TOLERANCE_MINUTES: i64 = 5;

pub const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// An integer within `min..=max`, from whatever number the UI sent.
pub fn whole_number(field: &str, value: f64, min: i64, max: i64) -> Result<i64> {
    if !value.is_finite() {
        return Err(Error::invalid(field, "it must be a number."));
    }
    if value.fract() != 0.0 {
        return Err(Error::invalid(
            field,
            format!("{value} is not a whole number; use {min} to {max}."),
        ));
    }
    if value < min as f64 || value > max as f64 {
        return Err(Error::invalid(
            field,
            format!("{value} is outside {min} to {max}."),
        ));
    }
    Ok(value as i64)
}

/// Soreness intensity, 0 (none) to 10 (worst).
pub fn intensity(field: &str, value: f64) -> Result<u8> {
    whole_number(field, value, 0, 10).map(|v| v as u8)
}

/// The earliest and latest years SoreMap accepts anywhere: every date it keeps lies here, so
/// no date arithmetic can overflow.
pub const MIN_YEAR: i32 = 1970;
pub const MAX_YEAR: i32 = 9999;

/// A local date and time (`YYYY-MM-DDTHH:MM` or with seconds), not in the future.
pub fn time(value: Option<&str>, now: NaiveDateTime) -> Result<NaiveDateTime> {
    time_ahead(value, now, Duration::minutes(FUTURE_TOLERANCE_MINUTES))
}

/// As `time`, allowing times up to `ahead` after `now` (another device's clock or time zone).
pub fn time_ahead(
    value: Option<&str>,
    now: NaiveDateTime,
    ahead: Duration,
) -> Result<NaiveDateTime> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(now);
    };
    let parsed = NaiveDateTime::parse_from_str(text, TIME_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .map_err(|_| {
            Error::invalid(
                "date and time",
                format!(
                    "{:?} is not a date and time; use YYYY-MM-DDTHH:MM.",
                    shorten(text)
                ),
            )
        })?;
    in_range(parsed.date())?;
    let latest = now.checked_add_signed(ahead).unwrap_or(now);
    if parsed > latest {
        return Err(Error::invalid(
            "date and time",
            format!("{} is in the future.", parsed.format("%Y-%m-%d %H:%M")),
        ));
    }
    Ok(parsed)
}

/// A calendar date, `YYYY-MM-DD`, within the years SoreMap keeps.
pub fn date(text: &str) -> Result<NaiveDate> {
    let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            "date",
            format!("{:?} is not a date; use YYYY-MM-DD.", shorten(text)),
        )
    })?;
    in_range(parsed)?;
    Ok(parsed)
}

fn in_range(date: NaiveDate) -> Result<()> {
    if date.year() < MIN_YEAR {
        return Err(Error::invalid(
            "date",
            format!("{date} is before {MIN_YEAR}."),
        ));
    }
    if date.year() > MAX_YEAR {
        return Err(Error::invalid(
            "date",
            format!("{date} is after the year {MAX_YEAR}."),
        ));
    }
    Ok(())
}

/// A stored time as SoreMap writes it, read back from the database.
pub fn stored(text: &str) -> Result<NaiveDateTime> {
    let parsed = NaiveDateTime::parse_from_str(text, TIME_FORMAT).map_err(|_| {
        Error::invalid(
            "stored time",
            format!("{:?} is not a time SoreMap writes.", shorten(text)),
        )
    })?;
    in_range(parsed.date())?;
    Ok(parsed)
}

pub fn format_time(t: NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

pub fn note(value: &str) -> Result<String> {
    let count = value.chars().count();
    if count > MAX_NOTE_CHARS {
        return Err(Error::invalid(
            "note",
            format!("it is {count} characters long; the most is {MAX_NOTE_CHARS}."),
        ));
    }
    Ok(value.to_owned())
}

/// Symptom ids, checked against the catalogue's list, without duplicates.
pub fn symptoms(values: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        if !SYMPTOMS.iter().any(|s| s.id == value) {
            return Err(Error::invalid(
                "symptoms",
                format!("{:?} is not a symptom SoreMap knows.", shorten(value)),
            ));
        }
        if !out.contains(value) {
            out.push(value.clone());
        }
    }
    Ok(out)
}

pub fn activity(value: &str) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(
            "activity",
            "say what you did (e.g. running).",
        ));
    }
    let count = trimmed.chars().count();
    if count > MAX_ACTIVITY_CHARS {
        return Err(Error::invalid(
            "activity",
            format!("it is {count} characters long; the most is {MAX_ACTIVITY_CHARS}."),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Long user text quoted in an error is cut short.
fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn now() -> NaiveDateTime {
        NaiveDateTime::parse_from_str("2026-11-22T12:00:00", TIME_FORMAT).unwrap()
    }

    #[test]
    fn intensity_names_the_problem() {
        assert_eq!(intensity("intensity", 7.0).unwrap(), 7);
        let e = intensity("intensity", 11.0).unwrap_err().to_string();
        assert_eq!(e, "Invalid intensity: 11 is outside 0 to 10.");
        let e = intensity("intensity", 7.5).unwrap_err().to_string();
        assert_eq!(
            e,
            "Invalid intensity: 7.5 is not a whole number; use 0 to 10."
        );
        assert!(intensity("intensity", f64::NAN).is_err());
        assert!(intensity("intensity", -1.0).is_err());
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(time(None, now()).unwrap(), now());
        assert_eq!(
            format_time(time(Some("2026-11-20T08:30"), now()).unwrap()),
            "2026-11-20T08:30:00"
        );
        let e = time(Some("2026-11-23T08:00"), now())
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "Invalid date and time: 2026-11-23 08:00 is in the future."
        );
        let e = time(Some("2026-13-01T08:00"), now())
            .unwrap_err()
            .to_string();
        assert!(e.contains("is not a date and time"), "{e}");
        assert!(time(Some("yesterday"), now()).is_err());
        assert!(time(Some("1960-01-01T00:00"), now()).is_err());
        let e = date("+262142-12-31").unwrap_err().to_string();
        assert!(e.contains("after the year 9999"), "{e}");
        assert!(date("-0001-01-01").is_err());
        assert!(time(Some("+262142-12-31T23:59"), now()).is_err());
        assert_eq!(date(" 2026-11-22 ").unwrap().to_string(), "2026-11-22");
        assert!(time_ahead(Some("2026-11-23T01:00"), now(), Duration::hours(14)).is_ok());
        assert!(time_ahead(Some("2026-11-23T03:00"), now(), Duration::hours(14)).is_err());
    }

    #[test]
    fn notes_kinds_and_symptoms() {
        assert!(note(&"x".repeat(MAX_NOTE_CHARS)).is_ok());
        let e = note(&"x".repeat(MAX_NOTE_CHARS + 1))
            .unwrap_err()
            .to_string();
        assert!(e.contains("20001 characters"), "{e}");
        assert_eq!(
            "doms".parse::<crate::model::SorenessKind>().unwrap(),
            crate::model::SorenessKind::Doms
        );
        assert!("DOMS"
            .parse::<crate::model::SorenessKind>()
            .unwrap_err()
            .to_string()
            .contains("not a kind"));
        assert_eq!(
            symptoms(&["weakness".into(), "weakness".into()]).unwrap(),
            vec!["weakness"]
        );
        let e = symptoms(&["itchy".into()]).unwrap_err().to_string();
        assert!(e.contains("\"itchy\" is not a symptom"), "{e}");
        assert!(activity("   ").is_err());
    }

    proptest! {
        #[test]
        fn intensity_accepts_exactly_whole_numbers_0_to_10(v in proptest::num::f64::ANY) {
            let ok = v.is_finite() && v.fract() == 0.0 && (0.0..=10.0).contains(&v);
            prop_assert_eq!(intensity("intensity", v).is_ok(), ok);
        }

        #[test]
        fn any_text_as_a_date_is_an_answer_not_a_panic(s in "\\PC{0,40}") {
            let _ = time(Some(&s), now());
            let _ = date(&s);
            let _ = stored(&s);
        }

        #[test]
        fn any_signed_year_is_an_answer_not_a_panic(y in -300_000i32..300_000, m in 0u32..14, d in 0u32..33) {
            let text = format!("{y:+}-{m:02}-{d:02}");
            if let Ok(day) = date(&text) {
                prop_assert!((MIN_YEAR..=MAX_YEAR).contains(&day.year()));
            }
            let _ = time(Some(&format!("{text}T12:00")), now());
        }

        #[test]
        fn past_times_round_trip(minutes in 0i64..(60 * 24 * 365 * 30)) {
            let t = now() - Duration::minutes(minutes);
            let text = t.format("%Y-%m-%dT%H:%M").to_string();
            prop_assert_eq!(time(Some(&text), now()).unwrap(), t);
        }

        #[test]
        fn future_times_are_refused(minutes in 6i64..1_000_000) {
            let t = now() + Duration::minutes(minutes);
            let text = t.format("%Y-%m-%dT%H:%M").to_string();
            prop_assert!(time(Some(&text), now()).is_err());
        }

        #[test]
        fn unknown_kinds_are_refused(s in "\\PC{0,20}") {
            let known = ["doms", "acute", "pain", "stiffness"].contains(&s.as_str());
            prop_assert_eq!(s.parse::<crate::model::SorenessKind>().is_ok(), known);
        }

        #[test]
        fn note_length_limit_is_exact(n in 0usize..(MAX_NOTE_CHARS + 50)) {
            let text = "é".repeat(n);
            prop_assert_eq!(note(&text).is_ok(), n <= MAX_NOTE_CHARS);
        }
    }
}
