//! Tonight's routine on real SQLite files: what it proposes, in what order, and what it leaves
//! out and why.

use chrono::NaiveDateTime;
use soremap_core::model::{RegionSideInput, Side, SorenessInput};
use soremap_core::routine::StepKind;
use soremap_core::Database;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn db() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in_dir(dir.path()).unwrap();
    (dir, db)
}

fn sore(db: &mut Database, region: &str, side: &str, intensity: f64, symptoms: &[&str]) {
    let input = SorenessInput {
        targets: vec![RegionSideInput {
            region: region.into(),
            side: side.into(),
        }],
        intensity,
        kind: "doms".into(),
        symptoms: symptoms.iter().map(|s| (*s).to_owned()).collect(),
        note: String::new(),
        at: Some("2026-11-22T08:00".into()),
    };
    db.log_soreness(&input, t(NOW)).unwrap();
}

const NOW: &str = "2026-11-22T20:00";

#[test]
fn nothing_sore_means_no_routine() {
    let (_d, db) = db();
    let r = db.routine(t(NOW)).unwrap();
    assert!(r.steps.is_empty());
    assert_eq!(r.total_seconds, 0);
}

#[test]
fn sorest_first_a_technique_before_a_point_on_both_sides() {
    let (_d, mut db) = db();
    sore(&mut db, "calf", "left", 4.0, &[]);
    sore(&mut db, "lower-back", "right", 6.0, &[]);
    let r = db.routine(t(NOW)).unwrap();
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    let first = &r.steps[0];
    assert_eq!(first.label, "Right lower back", "sorest first");
    assert_eq!(
        first.kind,
        StepKind::Technique,
        "a gentle stroke before pressure"
    );
    let kinds: Vec<_> = r
        .steps
        .iter()
        .filter(|s| s.region == "calf")
        .map(|s| s.kind)
        .collect();
    assert_eq!(kinds, [StepKind::Technique, StepKind::Point]);
    for step in &r.steps {
        assert_eq!(step.sides, [Side::Left, Side::Right], "{step:?}");
        assert!((10..=120).contains(&step.seconds_per_side), "{step:?}");
    }
    let total: u32 = r.steps.iter().map(|s| s.seconds_per_side * 2).sum();
    assert_eq!(r.total_seconds, total);
}

#[test]
fn a_midline_region_runs_once() {
    let (_d, mut db) = db();
    sore(&mut db, "abdomen", "center", 3.0, &[]);
    let r = db.routine(t(NOW)).unwrap();
    assert!(!r.steps.is_empty());
    assert!(r.steps.iter().all(|s| s.sides == [Side::Center]));
}

#[test]
fn a_warning_sign_keeps_its_region_out_and_says_why() {
    let (_d, mut db) = db();
    sore(&mut db, "calf", "left", 5.0, &["fever-chills"]);
    sore(&mut db, "quadriceps", "right", 4.0, &[]);
    let r = db.routine(t(NOW)).unwrap();
    assert!(r.steps.iter().all(|s| s.region != "calf"), "{:?}", r.steps);
    let skip = r.skipped.iter().find(|s| s.what == "Left calf").unwrap();
    assert!(skip.why.contains("No massage or pressure"), "{}", skip.why);
    assert!(r.steps.iter().any(|s| s.region == "quadriceps"));
}

#[test]
fn the_health_profile_rules_out_what_it_cautions_and_says_why() {
    let (_d, mut db) = db();
    sore(&mut db, "lower-back", "left", 5.0, &[]);
    let before = db.routine(t(NOW)).unwrap();
    db.set_health("pregnancy", true).unwrap();
    let after = db.routine(t(NOW)).unwrap();
    assert!(
        after.steps.len() < before.steps.len() || !after.skipped.is_empty(),
        "{after:?}"
    );
    for skip in &after.skipped {
        assert!(!skip.why.is_empty());
    }
    for step in &after.steps {
        let detail = db.region_detail(&step.region, "left").unwrap();
        assert!(
            !detail.personal.iter().any(|p| p.id == step.id),
            "{} is cautioned for this person",
            step.id
        );
    }
}

#[test]
fn a_short_routine_covers_the_sorest_few() {
    let (_d, mut db) = db();
    for region in [
        "calf",
        "quadriceps",
        "hamstrings",
        "glutes",
        "shin",
        "forearm",
    ] {
        sore(&mut db, region, "left", 3.0, &[]);
    }
    let r = db.routine(t(NOW)).unwrap();
    let regions: std::collections::HashSet<_> = r.steps.iter().map(|s| &s.region).collect();
    assert!(regions.len() <= soremap_core::routine::MAX_REGIONS);
    assert_eq!(r.more_regions, 2);
}
