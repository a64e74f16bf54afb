//! The personal log on real SQLite files: entries, workouts, treatments, episodes and flags.

use chrono::{Duration, NaiveDateTime};
use soremap_core::model::{
    EpisodeEdge, ForecastBasis, RegionSideInput, Severity, SorenessInput, TreatmentInput,
    WorkoutInput,
};
use soremap_core::{Database, ErrorKind};

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn db() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in_dir(dir.path()).unwrap();
    (dir, db)
}

fn target(region: &str, side: &str) -> RegionSideInput {
    RegionSideInput {
        region: region.into(),
        side: side.into(),
    }
}

fn sore(region: &str, side: &str, intensity: f64, at: &str) -> SorenessInput {
    SorenessInput {
        targets: vec![target(region, side)],
        intensity,
        kind: "doms".into(),
        symptoms: vec![],
        note: String::new(),
        at: Some(at.into()),
    }
}

fn rows(db: &Database) -> usize {
    db.entries_between("0000", "9999").unwrap().len()
}

const NOW: &str = "2026-11-22T12:00";

#[test]
fn logs_several_region_sides_at_once_and_the_day_keeps_the_latest() {
    let (_d, mut db) = db();
    let mut input = sore("calf", "left", 4.0, "2026-11-22T08:00");
    input.targets.push(target("calf", "right"));
    input.targets.push(target("calf", "left")); // duplicate: once only
    let created = db.log_soreness(&input, t(NOW)).unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0].label, "Left calf");
    db.log_soreness(&sore("calf", "left", 6.0, "2026-11-22T11:00"), t(NOW))
        .unwrap();
    let day = db.day("2026-11-22", t(NOW)).unwrap();
    assert_eq!(day.entries.len(), 3);
    let left = day
        .cells
        .iter()
        .find(|c| c.side.as_str() == "left")
        .unwrap();
    assert_eq!(left.intensity, 6, "the day's latest entry wins");
    assert_eq!(day.cells.len(), 2);
}

#[test]
fn bad_input_is_refused_by_name_and_writes_nothing() {
    let (_d, mut db) = db();
    let now = t(NOW);
    let cases: Vec<(SorenessInput, ErrorKind, &str)> = vec![
        (
            sore("calf", "left", 11.0, NOW),
            ErrorKind::InvalidArgument,
            "11 is outside 0 to 10",
        ),
        (
            sore("calf", "left", 7.5, NOW),
            ErrorKind::InvalidArgument,
            "not a whole number",
        ),
        (
            sore("calf-lft", "left", 3.0, NOW),
            ErrorKind::UnknownRegion,
            "calf-lft",
        ),
        (
            sore("calf", "middle", 3.0, NOW),
            ErrorKind::UnknownSide,
            "middle",
        ),
        (
            sore("abdomen", "left", 3.0, NOW),
            ErrorKind::SideNotApplicable,
            "abdomen has no left side",
        ),
        (
            sore("calf", "left", 3.0, "2026-11-23T09:00"),
            ErrorKind::InvalidArgument,
            "in the future",
        ),
        (
            sore("calf", "left", 3.0, "22/11/2026"),
            ErrorKind::InvalidArgument,
            "not a date and time",
        ),
        (
            SorenessInput {
                note: "x".repeat(20_001),
                ..sore("calf", "left", 3.0, NOW)
            },
            ErrorKind::InvalidArgument,
            "the most is 20000",
        ),
        (
            SorenessInput {
                symptoms: vec!["itchy".into()],
                ..sore("calf", "left", 3.0, NOW)
            },
            ErrorKind::InvalidArgument,
            "\"itchy\" is not a symptom",
        ),
        (
            SorenessInput {
                kind: "ache".into(),
                ..sore("calf", "left", 3.0, NOW)
            },
            ErrorKind::InvalidArgument,
            "not a kind of soreness",
        ),
        (
            SorenessInput {
                targets: vec![],
                ..sore("calf", "left", 3.0, NOW)
            },
            ErrorKind::InvalidArgument,
            "at least one region",
        ),
    ];
    for (input, kind, words) in cases {
        // A valid target next to the bad one: still nothing is written.
        let mut input = input;
        input.targets.insert(0, target("shin", "left"));
        if input.targets.len() == 1 && words == "at least one region" {
            input.targets.clear();
        }
        let err = db.log_soreness(&input, now).unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.to_string().contains(words), "{err}");
        assert_eq!(rows(&db), 0, "{words}: something was written");
    }
}

#[test]
fn edit_delete_and_undo() {
    let (_d, mut db) = db();
    let now = t(NOW);
    let entry = db
        .log_soreness(&sore("quadriceps", "right", 5.0, "2026-11-22T09:00"), now)
        .unwrap()
        .remove(0);
    let mut change = sore("quadriceps", "right", 3.0, "2026-11-22T09:30");
    change.note = "<img src=x onerror=alert(1)>".into();
    let edited = db.update_soreness(&entry.id, &change, now).unwrap();
    assert_eq!(edited.intensity, 3);
    assert_eq!(edited.note, "<img src=x onerror=alert(1)>");

    let err = db
        .update_soreness(&entry.id, &sore("quadriceps", "right", 12.0, NOW), now)
        .unwrap_err();
    assert!(err.to_string().contains("12"));
    assert_eq!(
        db.entry(&entry.id).unwrap().intensity,
        3,
        "failed edit changed nothing"
    );

    db.delete_soreness(&entry.id, now).unwrap();
    assert_eq!(rows(&db), 0);
    assert!(db.entry(&entry.id).is_err());
    let restored = db.restore_soreness(&entry.id).unwrap();
    assert_eq!(restored.intensity, 3);
    assert_eq!(rows(&db), 1);
    assert!(
        db.restore_soreness(&entry.id).is_err(),
        "nothing left to undo"
    );
    assert!(db.delete_soreness("nope", now).is_err());
}

#[test]
fn same_as_yesterday_copies_the_latest_values() {
    let (_d, mut db) = db();
    let now = t(NOW);
    assert!(db.same_as_yesterday(now).is_err());
    db.log_soreness(&sore("glutes", "left", 5.0, "2026-11-21T08:00"), now)
        .unwrap();
    db.log_soreness(&sore("glutes", "left", 6.0, "2026-11-21T20:00"), now)
        .unwrap();
    db.log_soreness(&sore("neck", "center", 2.0, "2026-11-21T09:00"), now)
        .unwrap();
    let copied = db.same_as_yesterday(now).unwrap();
    assert_eq!(copied.len(), 2);
    let today = db.day("2026-11-22", now).unwrap();
    let glutes = today.cells.iter().find(|c| c.region == "glutes").unwrap();
    assert_eq!(glutes.intensity, 6);
}

#[test]
fn a_workout_starts_an_episode_that_resolves_on_the_doms_curve() {
    let (_d, mut db) = db();
    let now = t("2026-11-10T12:00");
    let workout = db
        .log_workout(
            &WorkoutInput {
                at: Some("2026-11-01T08:00".into()),
                activity: "Hill sprints".into(),
                effort: 8.0,
                duration_min: 45.0,
                note: String::new(),
                targets: vec![target("calf", "left"), target("calf", "right")],
            },
            now,
        )
        .unwrap();
    assert_eq!(workout.regions.len(), 2);
    for (day, v) in [(2, 5.0), (3, 7.0), (4, 4.0), (6, 1.0)] {
        db.log_soreness(
            &sore("calf", "left", v, &format!("2026-11-0{day}T08:00")),
            now,
        )
        .unwrap();
    }
    let episodes = db.episodes_for("calf", "left", now).unwrap();
    assert_eq!(episodes.len(), 1);
    let e = &episodes[0];
    assert_eq!(e.started_by, EpisodeEdge::Workout);
    assert_eq!(e.start, "2026-11-01T08:00:00");
    assert_eq!((e.peak, e.hours_to_peak), (7, 48.0));
    assert_eq!(e.ended_by, EpisodeEdge::Resolved);
    assert_eq!(e.duration_hours, Some(120.0));

    // The right calf was worked but never logged: its episode is open on the workout alone.
    let right = db.episode_view("calf", "right", now).unwrap().unwrap();
    assert_eq!(right.episode.ended_by, EpisodeEdge::Open);
    assert_eq!(right.forecast.basis, ForecastBasis::General);
}

#[test]
fn forecast_turns_personal_after_three_recoveries() {
    let (_d, mut db) = db();
    let now = t("2026-11-22T12:00");
    for start in ["2026-09-01", "2026-09-20", "2026-10-10"] {
        let d = NaiveDateTime::parse_from_str(&format!("{start}T08:00"), "%Y-%m-%dT%H:%M").unwrap();
        for (h, v) in [(0, 3.0), (24, 6.0), (72, 2.0), (96, 0.0)] {
            let at = (d + Duration::hours(h))
                .format("%Y-%m-%dT%H:%M")
                .to_string();
            db.log_soreness(&sore("hamstrings", "left", v, &at), now)
                .unwrap();
        }
    }
    let fresh = db.log_soreness(&sore("hamstrings", "right", 4.0, "2026-11-21T08:00"), now);
    assert!(fresh.is_ok());
    let view = db
        .episode_view("hamstrings", "right", now)
        .unwrap()
        .unwrap();
    assert_eq!(view.forecast.basis, ForecastBasis::Personal);
    assert_eq!(view.forecast.past_episodes, 3);
    assert_eq!(view.forecast.peak_hours, 24.0);
    assert_eq!(view.forecast.resolve_hours, 96.0);
    assert_eq!(view.forecast.resolve_by, "2026-11-25T08:00:00");
    assert!(view
        .forecast
        .explanation
        .contains("your own 3 past recoveries"));
    assert!(view.verdict.fits_doms, "{:?}", view.verdict);
    assert_eq!(view.phase.as_deref(), Some("Peak"));
}

#[test]
fn dark_urine_with_severe_soreness_is_urgent() {
    let (_d, mut db) = db();
    let now = t(NOW);
    let mut input = sore("quadriceps", "left", 9.0, "2026-11-22T10:00");
    input.symptoms = vec!["dark-urine".into(), "weakness".into()];
    let entry = db.log_soreness(&input, now).unwrap().remove(0);
    let first = &entry.flags[0];
    assert_eq!(first.flag.id, "rhabdomyolysis");
    assert_eq!(first.flag.severity, Severity::Urgent);
    assert!(first.reason.contains("dark"), "{}", first.reason);
    assert!(entry.flags.iter().any(|f| f.flag.id == "severe-pain"));
    assert!(entry.flags.iter().any(|f| f.flag.id == "nerve-compression"));

    let view = db.episode_view("quadriceps", "left", now).unwrap().unwrap();
    assert!(!view.verdict.fits_doms);
    assert!(
        view.verdict.reasons[0].contains("rhabdomyolysis"),
        "{:?}",
        view.verdict
    );

    // Acknowledged, still shown.
    db.acknowledge_flag(&first.key, now).unwrap();
    let again = db.entry(&entry.id).unwrap();
    assert!(again.flags[0].acknowledged);
    assert_eq!(again.flags.len(), entry.flags.len());
    assert!(db.acknowledge_flag("", now).is_err());
}

#[test]
fn timeline_patterns_raise_flags() {
    let (_d, mut db) = db();
    let now = t("2026-11-10T12:00");
    // Still rising after 72 hours, then not improving, then beyond a week.
    for (day, v) in [(1, 3.0), (2, 4.0), (4, 4.0), (5, 6.0), (9, 6.0)] {
        db.log_soreness(
            &sore("lower-back", "left", v, &format!("2026-11-0{day}T08:00")),
            now,
        )
        .unwrap();
    }
    let view = db.episode_view("lower-back", "left", now).unwrap().unwrap();
    let reasons: Vec<_> = view.flags.iter().map(|f| f.reason.as_str()).collect();
    let all = reasons.join(" | ");
    assert!(all.contains("went up again"), "{all}");
    assert!(all.contains("stayed at the same level"), "{all}");
    assert!(all.contains("more than 7 days"), "{all}");
    assert!(!view.verdict.fits_doms);
    // Advice-only flags (no trigger) are shown in the panel, never raised by the log.
    assert!(!view
        .flags
        .iter()
        .any(|f| f.flag.id == "back-pain-after-workout"));
}

#[test]
fn an_episode_closes_after_days_without_entries() {
    let (_d, mut db) = db();
    let now = t("2026-11-22T12:00");
    db.log_soreness(&sore("shin", "left", 4.0, "2026-11-01T08:00"), now)
        .unwrap();
    let episodes = db.episodes_for("shin", "left", now).unwrap();
    assert_eq!(episodes[0].ended_by, EpisodeEdge::NoEntries);
    assert!(db.open_episodes(now).unwrap().is_empty());
    db.log_soreness(&sore("shin", "left", 4.0, "2026-11-21T08:00"), now)
        .unwrap();
    assert_eq!(db.open_episodes(now).unwrap().len(), 1);
}

#[test]
fn treatments_name_one_technique_or_point() {
    let (_d, mut db) = db();
    let now = t(NOW);
    let base = TreatmentInput {
        at: Some("2026-11-22T10:00".into()),
        region: "back-of-knee".into(),
        side: "left".into(),
        technique: None,
        point: Some("BL40".into()),
        duration_sec: 120.0,
        before: Some(6.0),
        after: Some(4.0),
        note: String::new(),
    };
    let saved = db.log_treatment(&base, now).unwrap();
    assert_eq!(saved.what, "BL40 Weizhong");
    assert_eq!((saved.before, saved.after), (Some(6), Some(4)));

    let both = TreatmentInput {
        technique: Some("effleurage".into()),
        ..base.clone()
    };
    assert!(db
        .log_treatment(&both, now)
        .unwrap_err()
        .to_string()
        .contains("either one"));
    let unknown = TreatmentInput {
        point: Some("ZZ99".into()),
        ..base.clone()
    };
    assert!(db
        .log_treatment(&unknown, now)
        .unwrap_err()
        .to_string()
        .contains("ZZ99"));
    let bad_after = TreatmentInput {
        after: Some(-2.0),
        ..base.clone()
    };
    assert!(db
        .log_treatment(&bad_after, now)
        .unwrap_err()
        .to_string()
        .contains("soreness after"));
    assert_eq!(db.day("2026-11-22", now).unwrap().treatments.len(), 1);
}

#[test]
fn the_log_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let now = t(NOW);
    {
        let mut db = Database::open_in_dir(dir.path()).unwrap();
        db.log_soreness(&sore("triceps", "right", 5.0, "2026-11-22T07:00"), now)
            .unwrap();
        db.set_pregnancy(true).unwrap();
    }
    let db = Database::open_in_dir(dir.path()).unwrap();
    let day = db.day("2026-11-22", now).unwrap();
    assert_eq!(day.entries.len(), 1);
    assert_eq!(day.entries[0].label, "Right triceps");
    assert!(db.settings().unwrap().pregnancy);
    assert!(db
        .day("22.11.2026", now)
        .unwrap_err()
        .to_string()
        .contains("not a date"));
}

#[test]
fn a_low_reading_soon_after_a_workout_does_not_end_its_episode() {
    let (_d, mut db) = db();
    let now = t("2026-11-10T12:00");
    db.log_workout(
        &WorkoutInput {
            at: Some("2026-11-01T08:00".into()),
            activity: "Squats".into(),
            effort: 9.0,
            duration_min: 60.0,
            note: String::new(),
            targets: vec![target("quadriceps", "left"), target("quadriceps", "right")],
        },
        now,
    )
    .unwrap();
    // Left: 1 the same evening (DOMS not there yet), then real soreness.
    for (at, v) in [
        ("2026-11-01T20:00", 1.0),
        ("2026-11-02T20:00", 6.0),
        ("2026-11-04T20:00", 1.0),
    ] {
        db.log_soreness(&sore("quadriceps", "left", v, at), now)
            .unwrap();
    }
    let left = db.episodes_for("quadriceps", "left", now).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!((left[0].peak, left[0].ended_by), (6, EpisodeEdge::Resolved));
    // Right: nothing more than 1, ever: resolved once the peak window has passed.
    for (at, v) in [("2026-11-02T08:00", 1.0), ("2026-11-04T09:00", 0.0)] {
        db.log_soreness(&sore("quadriceps", "right", v, at), now)
            .unwrap();
    }
    let right = db.episodes_for("quadriceps", "right", now).unwrap();
    assert_eq!(right.len(), 1);
    assert_eq!(right[0].ended_by, EpisodeEdge::Resolved);
    assert_eq!(right[0].end.as_deref(), Some("2026-11-04T09:00:00"));
}
