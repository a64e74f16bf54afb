//! The Trends overview in words, over real logs in a real database.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use soremap_core::insights::{ChartKind, Insights, Statement, Tone, Topic};
use soremap_core::model::{RegionSideInput, Side, SorenessInput, TreatmentInput, WorkoutInput};
use soremap_core::synthetic::generate;
use soremap_core::Database;
use tempfile::TempDir;

const NOW: &str = "2026-11-22T12:00";
const FROM: &str = "2026-01-01";
const TO: &str = "2026-11-22";

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn now() -> NaiveDateTime {
    t(NOW)
}

fn day(s: &str) -> NaiveDateTime {
    t(&format!("{s}T00:00"))
}

fn text(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

fn open() -> (TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in_dir(dir.path()).unwrap();
    (dir, db)
}

fn targets(places: &[(&str, &str)]) -> Vec<RegionSideInput> {
    places
        .iter()
        .map(|(region, side)| RegionSideInput {
            region: (*region).into(),
            side: (*side).into(),
        })
        .collect()
}

/// Logs one soreness value for several region-sides at once.
fn sore_at(db: &mut Database, places: &[(&str, &str)], v: u8, at: NaiveDateTime) {
    db.log_soreness(
        &SorenessInput {
            targets: targets(places),
            intensity: f64::from(v),
            kind: "doms".into(),
            symptoms: vec![],
            note: String::new(),
            at: Some(text(at)),
        },
        now(),
    )
    .unwrap();
}

fn sore(db: &mut Database, region: &str, side: &str, v: u8, at: NaiveDateTime) {
    sore_at(db, &[(region, side)], v, at);
}

fn workout(db: &mut Database, places: &[(&str, &str)], at: NaiveDateTime) {
    db.log_workout(
        &WorkoutInput {
            at: Some(text(at)),
            activity: "Training".into(),
            effort: 7.0,
            duration_min: 60.0,
            note: String::new(),
            targets: targets(places),
        },
        now(),
    )
    .unwrap();
}

fn treat(db: &mut Database, region: &str, side: &str, what: &str, at: NaiveDateTime) {
    let point = what.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    db.log_treatment(
        &TreatmentInput {
            at: Some(text(at)),
            region: region.into(),
            side: side.into(),
            technique: (!point).then(|| what.into()),
            point: point.then(|| what.into()),
            duration_sec: 120.0,
            before: None,
            after: None,
            note: String::new(),
        },
        now(),
    )
    .unwrap();
}

/// A workout at `start`, soreness 4 a day later (or halfway for shorter ones) and back to 1
/// after `hours`: a recovery of `hours`.
fn bout(db: &mut Database, region: &str, side: &str, start: NaiveDateTime, hours: i64) {
    workout(db, &[(region, side)], start);
    let peak = if hours > 24 { 24 } else { hours / 2 };
    sore(db, region, side, 4, start + Duration::hours(peak));
    sore(db, region, side, 1, start + Duration::hours(hours));
}

fn insights(db: &Database) -> Insights {
    insights_for(db, FROM, TO)
}

fn insights_for(db: &Database, from: &str, to: &str) -> Insights {
    let found = db.insights(from, to, now()).unwrap();
    check_links(db, &found);
    found
}

fn find<'a>(i: &'a Insights, id: &str) -> Option<&'a Statement> {
    i.statements.iter().find(|s| s.id == id)
}

fn get<'a>(i: &'a Insights, id: &str) -> &'a Statement {
    find(i, id).unwrap_or_else(|| panic!("no statement {id} in {:#?}", ids(i)))
}

fn ids(i: &Insights) -> Vec<&str> {
    i.statements.iter().map(|s| s.id.as_str()).collect()
}

fn of(i: &Insights, topic: Topic) -> Vec<&Statement> {
    i.statements.iter().filter(|s| s.topic == topic).collect()
}

fn bars(s: &Statement) -> Vec<(String, f64)> {
    s.bars
        .iter()
        .map(|b| (b.label.clone(), (b.value * 100.0).round() / 100.0))
        .collect()
}

/// Every statement reads as a sentence and links to a real region within the range.
fn check_links(db: &Database, i: &Insights) {
    let from = NaiveDate::parse_from_str(&i.from, "%Y-%m-%d").unwrap();
    let to = NaiveDate::parse_from_str(&i.to, "%Y-%m-%d").unwrap();
    let recent = NaiveDate::parse_from_str(&i.recent_from, "%Y-%m-%d").unwrap();
    assert!(from <= recent && recent <= to);
    let mut seen = std::collections::HashSet::new();
    for s in &i.statements {
        assert!(seen.insert(s.id.clone()), "{} appears twice", s.id);
        assert!(!s.text.trim().is_empty(), "{} has no text", s.id);
        assert!(s.text.ends_with('.'), "{}: {}", s.id, s.text);
        if let Some(region) = &s.link.region {
            let r = db
                .region(region)
                .unwrap_or_else(|_| panic!("{}: no region {region}", s.id));
            for side in &s.link.sides {
                assert!(r.sides().contains(side), "{}: {region} has no {side}", s.id);
            }
        }
        let a = NaiveDate::parse_from_str(&s.link.from, "%Y-%m-%d").unwrap();
        let b = NaiveDate::parse_from_str(&s.link.to, "%Y-%m-%d").unwrap();
        assert!(
            from <= a && a <= b && b <= to,
            "{}: {a}..{b} is not within {from}..{to}",
            s.id
        );
        assert!(s
            .bars
            .iter()
            .all(|b| b.value.is_finite() && !b.label.is_empty()));
    }
}

// ---------------------------------------------------------------- recovery

/// Usual recoveries in September, recent ones in November (the recent window is 2026-10-24
/// to 2026-11-22).
fn recoveries(db: &mut Database, region: &str, usual: &[i64], recent: &[i64]) {
    let side = if region == "neck" { "center" } else { "left" };
    for (n, hours) in usual.iter().enumerate() {
        bout(
            db,
            region,
            side,
            day("2026-08-03") + Duration::days(7 * n as i64),
            *hours,
        );
    }
    for (n, hours) in recent.iter().enumerate() {
        bout(
            db,
            region,
            side,
            day("2026-10-26") + Duration::days(7 * n as i64),
            *hours,
        );
    }
}

#[test]
fn recovery_faster_than_usual() {
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[72, 72, 72], &[36, 36]);
    // A muscle's recoveries count toward its region.
    bout(&mut db, "soleus", "left", day("2026-09-20"), 72);
    let i = insights(&db);
    assert_eq!(i.recent_from, "2026-10-24");
    assert_eq!(i.min_cases, 5);
    let s = get(&i, "recovery");
    assert_eq!((s.topic, s.tone), (Topic::Recovery, Tone::Good));
    assert_eq!(
        s.text,
        "This month you were back to 1 or below in a median 1.5 days against your usual 3.0 — faster than usual (2 recoveries this month, 4 before)."
    );
    assert_eq!(
        bars(s),
        vec![("This month".into(), 1.5), ("Usual".into(), 3.0)]
    );
    assert_eq!(s.link.chart, ChartKind::Recoveries);
    assert_eq!(
        (s.link.from.as_str(), s.link.to.as_str()),
        ("2026-10-24", TO)
    );

    let calf = get(&i, "recovery:calf");
    assert_eq!(calf.tone, Tone::Good);
    assert!(calf.text.starts_with("Calf: back to 1 or below in a median 1.5 days this month against your usual 3.0 — faster than usual"), "{}", calf.text);
    assert_eq!(calf.link.chart, ChartKind::Compare);
    assert_eq!(calf.link.region.as_deref(), Some("calf"));
    assert_eq!(calf.link.sides, vec![Side::Left, Side::Right]);
    assert_eq!(calf.link.from, "2026-10-24");
    assert!(of(&i, Topic::Unusual).is_empty(), "{:?}", ids(&i));
}

#[test]
fn recovery_slower_than_usual() {
    let (_dir, mut db) = open();
    recoveries(&mut db, "neck", &[48, 48, 48, 60], &[96]);
    let i = insights(&db);
    let s = get(&i, "recovery");
    assert_eq!(s.tone, Tone::Attention);
    assert!(s.text.contains("in a median 4.0 days against your usual 2.0 — slower than usual (1 recovery this month, 4 before)"), "{}", s.text);
    let neck = get(&i, "recovery:neck");
    assert_eq!(neck.tone, Tone::Attention);
    // A midline region is charted as its one series.
    assert_eq!(neck.link.chart, ChartKind::Series);
    assert_eq!(neck.link.sides, vec![Side::Center]);
}

#[test]
fn recovery_about_the_same() {
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[72, 72, 72], &[78, 66, 80]);
    let i = insights(&db);
    let s = get(&i, "recovery");
    assert_eq!(s.tone, Tone::Neutral);
    assert!(
        s.text
            .contains("about the same as usual (3 recoveries this month, 3 before)"),
        "{}",
        s.text
    );
    assert!(find(&i, "recovery:calf").is_none(), "{:?}", ids(&i));
}

#[test]
fn per_region_recoveries_name_the_biggest_changes_first() {
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[100, 100, 100], &[40]); // 0.4
    recoveries(&mut db, "quadriceps", &[48, 48, 48], &[96]); // 2.0
    recoveries(&mut db, "hamstrings", &[100, 100, 100], &[130]); // 1.3
    recoveries(&mut db, "glutes", &[100, 100, 100], &[70]); // 0.7
    recoveries(&mut db, "biceps", &[100, 100, 100], &[100]); // the same
    let i = insights(&db);
    let regions: Vec<&str> = of(&i, Topic::Recovery)
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        regions,
        vec![
            "recovery",
            "recovery:calf",
            "recovery:quadriceps",
            "recovery:glutes"
        ]
    );
    assert_eq!(get(&i, "recovery:quadriceps").tone, Tone::Attention);
    assert_eq!(get(&i, "recovery:glutes").tone, Tone::Good);
}

#[test]
fn not_enough_recoveries_this_month() {
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[72, 72, 72, 72], &[]);
    // Soreness that never went above 1 is not a recovery.
    workout(
        &mut db,
        &[("calf", "left")],
        day("2026-11-02") + Duration::hours(18),
    );
    sore(
        &mut db,
        "calf",
        "left",
        1,
        day("2026-11-03") + Duration::hours(8),
    );
    let i = insights(&db);
    let s = get(&i, "recovery");
    assert_eq!(s.tone, Tone::NotEnough);
    assert!(
        s.text
            .starts_with("Not enough recoveries yet to compare: this month 0, before 4;"),
        "{}",
        s.text
    );
    assert!(s.bars.is_empty());
    assert_eq!(of(&i, Topic::Recovery).len(), 1);
}

#[test]
fn not_enough_earlier_recoveries() {
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[72, 72], &[200]);
    let i = insights(&db);
    let s = get(&i, "recovery");
    assert_eq!(s.tone, Tone::NotEnough);
    assert_eq!(
        s.text,
        "Not enough recoveries yet to compare: this month 1, before 2; at least 3 earlier recoveries of a region are needed."
    );
    // Nor is a long recovery judged against two.
    assert!(of(&i, Topic::Unusual).is_empty(), "{:?}", ids(&i));
}

// ---------------------------------------------------------------- sorest and often

#[test]
fn sorest_ranks_by_the_highest_day_then_the_mean() {
    let (_dir, mut db) = open();
    let d = |n: i64| day("2026-06-01") + Duration::days(n) + Duration::hours(8);
    // Left calf: 8, 4, 2 through the soleus and the calf itself.
    sore(&mut db, "soleus", "left", 8, d(0));
    sore(&mut db, "calf", "left", 4, d(1));
    sore(&mut db, "calf", "left", 2, d(2));
    // Right quadriceps: 8 and 1: a lower mean.
    sore(&mut db, "quadriceps", "right", 8, d(0));
    sore(&mut db, "quadriceps", "right", 1, d(1));
    // Neck: 5. Hamstrings: 3 (fourth). Biceps: 9 at first, 2 later that day.
    sore(&mut db, "neck", "center", 5, d(3));
    sore(&mut db, "hamstrings", "left", 3, d(3));
    sore(&mut db, "biceps", "left", 9, d(4));
    sore(&mut db, "biceps", "left", 2, d(4) + Duration::hours(10));
    // Outside the range.
    sore(
        &mut db,
        "chest",
        "left",
        10,
        day("2025-12-31") + Duration::hours(8),
    );
    let i = insights(&db);
    let sorest = of(&i, Topic::Sorest);
    let got: Vec<&str> = sorest.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        got,
        vec![
            "sorest:calf:left",
            "sorest:quadriceps:right",
            "sorest:neck:center"
        ]
    );
    assert_eq!(
        sorest[0].text,
        "Sorest: calf (left), up to 8/10 (mean 4.7 on 3 days)."
    );
    assert_eq!(
        sorest[2].text,
        "Sorest: neck, up to 5/10 (mean 5.0 on 1 day)."
    );
    assert_eq!(sorest[0].link.chart, ChartKind::Series);
    assert_eq!(sorest[0].link.region.as_deref(), Some("calf"));
    assert_eq!(sorest[0].link.sides, vec![Side::Left]);
    assert_eq!(
        (sorest[0].link.from.as_str(), sorest[0].link.to.as_str()),
        (FROM, TO)
    );
    assert!(sorest.iter().all(|s| s.tone == Tone::Neutral));
}

#[test]
fn nothing_sore_enough_is_said_once() {
    let (_dir, mut db) = open();
    for n in 0..4 {
        sore(
            &mut db,
            "calf",
            "left",
            2,
            day("2026-06-01") + Duration::days(n),
        );
    }
    let i = insights(&db);
    let sorest = of(&i, Topic::Sorest);
    assert_eq!(sorest.len(), 1);
    assert_eq!(sorest[0].id, "sorest");
    assert_eq!(sorest[0].tone, Tone::Neutral);
    assert_eq!(
        sorest[0].text,
        "No region reached 3/10 between 2026-01-01 and 2026-11-22."
    );
    assert_eq!(sorest[0].link.chart, ChartKind::Calendar);
    // Four days at 2: often sore.
    assert_eq!(
        ids(&i).iter().filter(|s| s.starts_with("often:")).count(),
        1
    );
}

#[test]
fn often_counts_days_at_2_or_more() {
    let (_dir, mut db) = open();
    let d = |n: i64| day("2026-03-01") + Duration::days(n) + Duration::hours(8);
    for n in 0..6 {
        sore(&mut db, "quadriceps", "right", 2, d(n));
    }
    for n in 0..4 {
        sore(&mut db, "gastrocnemius", "left", 3, d(n));
    }
    for n in 0..3 {
        sore(&mut db, "neck-side", "left", 5, d(n));
    }
    for n in 0..2 {
        sore(&mut db, "hamstrings", "left", 9, d(n));
    }
    for n in 0..8 {
        sore(&mut db, "glutes", "left", 1, d(n));
    }
    // Days before the range do not count.
    for n in 0..5 {
        sore(
            &mut db,
            "chest",
            "left",
            6,
            day("2025-12-01") + Duration::days(n),
        );
    }
    let i = insights(&db);
    let often = of(&i, Topic::Often);
    let got: Vec<&str> = often.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        got,
        vec![
            "often:quadriceps:right",
            "often:calf:left",
            "often:neck:center"
        ]
    );
    assert_eq!(
        often[0].text,
        "Often sore: quadriceps (right), at 2/10 or more on 6 days between 2026-01-01 and 2026-11-22."
    );
    let expected = vec![
        ("Right quadriceps".to_owned(), 6.0),
        ("Left calf".to_owned(), 4.0),
        ("Neck".to_owned(), 3.0),
    ];
    assert!(often.iter().all(|s| bars(s) == expected));
    assert_eq!(often[2].link.region.as_deref(), Some("neck"));
    assert_eq!(often[2].link.sides, vec![Side::Center]);
}

// ---------------------------------------------------------------- unusual: long

#[test]
fn a_long_recovery_is_pointed_out() {
    let (_dir, mut db) = open();
    // Usual 72 h: longer than max(108 h, 96 h) is unusual.
    recoveries(&mut db, "calf", &[72, 72, 72], &[152]);
    let i = insights(&db);
    let s = get(&i, "long:calf:left");
    assert_eq!((s.topic, s.tone), (Topic::Unusual, Tone::Attention));
    assert_eq!(
        s.text,
        "Calf (left): back to 1 or below only after 6.3 days (on 2026-11-01), against your usual 3.0 days for the calf (3 recoveries before)."
    );
    assert_eq!(s.link.chart, ChartKind::Series);
    assert_eq!(s.link.region.as_deref(), Some("calf"));
    assert_eq!(s.link.sides, vec![Side::Left]);
    assert_eq!(
        (s.link.from.as_str(), s.link.to.as_str()),
        ("2026-10-25", "2026-11-02")
    );
    assert_eq!(
        bars(s),
        vec![("This time".into(), 6.33), ("Usual".into(), 3.0)]
    );
}

#[test]
fn a_recovery_still_going_is_counted_up_to_now() {
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[48, 48, 48], &[]);
    // Started four days ago on the soleus, still 4 this morning: 100 hours > max(72, 72).
    let start = day("2026-11-18") + Duration::hours(8);
    workout(&mut db, &[("soleus", "right")], start);
    sore(&mut db, "soleus", "right", 6, start + Duration::hours(24));
    sore(
        &mut db,
        "soleus",
        "right",
        4,
        day("2026-11-22") + Duration::hours(8),
    );
    let i = insights(&db);
    let s = get(&i, "long:calf:right");
    assert!(
        s.text
            .starts_with("Calf (right): still sore after 4.2 days (since 2026-11-18)"),
        "{}",
        s.text
    );
    assert_eq!(s.link.region.as_deref(), Some("soleus"));
    assert_eq!(s.link.to, TO);
}

#[test]
fn near_misses_of_a_long_recovery_are_not() {
    // 100 h against a usual 72 h: longer, but not 1.5 times.
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[72, 72, 72], &[100]);
    assert!(find(&insights(&db), "long:calf:left").is_none());
    // 40 h against a usual 20 h: twice as long, but not a day longer.
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[20, 20, 20], &[40]);
    assert!(find(&insights(&db), "long:calf:left").is_none());
    // Still going a week after it started, but nothing was logged after its first day: the
    // silence since is not soreness.
    let (_dir, mut db) = open();
    recoveries(&mut db, "calf", &[48, 48, 48], &[]);
    let start = day("2026-11-15") + Duration::hours(8);
    workout(&mut db, &[("calf", "right")], start);
    sore(&mut db, "calf", "right", 6, start + Duration::hours(24));
    let i = insights(&db);
    assert!(of(&i, Topic::Unusual).is_empty(), "{:?}", ids(&i));
}

// ---------------------------------------------------------------- unusual: gap

/// Calf left and right on `days` days this month.
fn pairs(db: &mut Database, values: &[(u8, u8)]) {
    for (n, (l, r)) in values.iter().enumerate() {
        let at = day("2026-11-05") + Duration::days(n as i64) + Duration::hours(8);
        sore(db, "calf", "left", *l, at);
        sore(db, "calf", "right", *r, at);
    }
}

#[test]
fn a_persistent_left_right_gap_is_pointed_out() {
    let (_dir, mut db) = open();
    pairs(&mut db, &[(6, 3), (7, 4), (5, 2), (6, 3), (4, 4), (6, 3)]);
    let i = insights(&db);
    let s = get(&i, "gap:calf");
    assert_eq!((s.topic, s.tone), (Topic::Unusual, Tone::Attention));
    assert_eq!(
        s.text,
        "Calf: the left side was sorer than the right on 5 of the 6 days this month with both logged, by 2.5 on average."
    );
    assert_eq!(s.link.chart, ChartKind::Compare);
    assert_eq!(s.link.sides, vec![Side::Left, Side::Right]);
    assert_eq!(
        (s.link.from.as_str(), s.link.to.as_str()),
        ("2026-10-24", TO)
    );
    assert_eq!(bars(s), vec![("Left".into(), 5.67), ("Right".into(), 3.17)]);
}

#[test]
fn gaps_that_are_small_short_or_changing_are_not() {
    // A gap of 1.5 on average.
    let (_dir, mut db) = open();
    pairs(&mut db, &[(5, 4), (5, 3), (5, 4), (5, 3), (5, 4), (5, 3)]);
    assert!(find(&insights(&db), "gap:calf").is_none());
    // Only four days with both sides.
    let (_dir, mut db) = open();
    pairs(&mut db, &[(7, 3), (7, 3), (7, 3), (7, 3)]);
    assert!(find(&insights(&db), "gap:calf").is_none());
    // A big gap that does not stay on one side (4 of 6 days).
    let (_dir, mut db) = open();
    pairs(&mut db, &[(7, 3), (7, 3), (3, 7), (7, 3), (3, 7), (7, 3)]);
    assert!(find(&insights(&db), "gap:calf").is_none());
    // A big gap that was over before this month.
    let (_dir, mut db) = open();
    for n in 0..8 {
        let at = day("2026-09-01") + Duration::days(n) + Duration::hours(8);
        sore(&mut db, "calf", "left", 7, at);
        sore(&mut db, "calf", "right", 2, at);
    }
    assert!(find(&insights(&db), "gap:calf").is_none());
}

// ---------------------------------------------------------------- unusual: no workout

/// Three workouts in the last 60 days: this person logs workouts.
fn logs_workouts(db: &mut Database) {
    for n in 0..3 {
        workout(
            db,
            &[("quadriceps", "left")],
            day("2026-10-01") + Duration::days(7 * n) + Duration::hours(18),
        );
    }
}

#[test]
fn soreness_without_a_workout_is_pointed_out() {
    let (_dir, mut db) = open();
    logs_workouts(&mut db);
    // Logged on a muscle of the neck (one side of the neck counts toward the midline neck):
    // 2 in the morning, 5 in the evening.
    sore(
        &mut db,
        "neck-side",
        "left",
        2,
        day("2026-11-15") + Duration::hours(8),
    );
    sore(
        &mut db,
        "neck-side",
        "left",
        5,
        day("2026-11-15") + Duration::hours(20),
    );
    let i = insights(&db);
    let s = get(&i, "no-workout:neck:center");
    assert_eq!((s.topic, s.tone), (Topic::Unusual, Tone::Attention));
    assert_eq!(
        s.text,
        "Neck: soreness 5/10 on 2026-11-15 with no workout logged for the neck in the 4 days before."
    );
    assert_eq!(s.link.chart, ChartKind::Series);
    assert_eq!(s.link.region.as_deref(), Some("neck-side"));
    assert_eq!(s.link.sides, vec![Side::Left]);
    assert_eq!(
        (s.link.from.as_str(), s.link.to.as_str()),
        ("2026-11-11", "2026-11-18")
    );
    // A workout on a muscle of the calf five days before does not explain it either.
    let (_dir, mut db) = open();
    logs_workouts(&mut db);
    workout(
        &mut db,
        &[("gastrocnemius", "left")],
        day("2026-11-10") + Duration::hours(7),
    );
    sore(
        &mut db,
        "calf",
        "left",
        4,
        day("2026-11-15") + Duration::hours(8),
    );
    assert!(find(&insights(&db), "no-workout:calf:left").is_some());
}

#[test]
fn soreness_after_a_workout_or_mild_or_from_a_person_without_workouts_is_not() {
    // A workout on a muscle of the calf two days before soreness on the calf, and one on the
    // calf before soreness on a muscle of it.
    let (_dir, mut db) = open();
    logs_workouts(&mut db);
    workout(
        &mut db,
        &[("gastrocnemius", "left")],
        day("2026-11-13") + Duration::hours(18),
    );
    sore(
        &mut db,
        "calf",
        "left",
        6,
        day("2026-11-15") + Duration::hours(8),
    );
    workout(
        &mut db,
        &[("calf", "right")],
        day("2026-11-12") + Duration::hours(18),
    );
    sore(
        &mut db,
        "soleus",
        "right",
        6,
        day("2026-11-15") + Duration::hours(8),
    );
    // Mild: 2.
    sore(
        &mut db,
        "neck",
        "center",
        2,
        day("2026-11-15") + Duration::hours(8),
    );
    // The other side was not worked, but this is about the right side only.
    let i = insights(&db);
    assert!(of(&i, Topic::Unusual).is_empty(), "{:?}", ids(&i));

    // A person who logs no workouts (two are not enough).
    let (_dir, mut db) = open();
    workout(
        &mut db,
        &[("quadriceps", "left")],
        day("2026-10-01") + Duration::hours(18),
    );
    workout(
        &mut db,
        &[("quadriceps", "left")],
        day("2026-10-08") + Duration::hours(18),
    );
    sore(
        &mut db,
        "neck",
        "center",
        6,
        day("2026-11-15") + Duration::hours(8),
    );
    sore(
        &mut db,
        "calf",
        "left",
        7,
        day("2026-11-16") + Duration::hours(8),
    );
    let i = insights(&db);
    assert!(of(&i, Topic::Unusual).is_empty(), "{:?}", ids(&i));
}

// ---------------------------------------------------------------- a year of ordinary training

/// A year of training twice a week (Monday and Thursday evening) with ordinary DOMS: sore the
/// next two days, back to 1 before the next session; the sides a point apart at most.
fn ordinary_year(db: &mut Database) {
    let legs = [("quadriceps", "left"), ("calf", "left")];
    let rights = [("quadriceps", "right"), ("calf", "right")];
    let both = [legs[0], legs[1], rights[0], rights[1]];
    let first = day("2025-11-24"); // a Monday
    for week in 0..52 {
        let monday = first + Duration::days(7 * week);
        for (offset, gap_days) in [(0, 3), (3, 4)] {
            let start = monday + Duration::days(offset) + Duration::hours(18);
            if start >= now() {
                return;
            }
            workout(db, &both, start);
            let (a, b) = if (week + offset) % 2 == 0 {
                (4, 3)
            } else {
                (3, 4)
            };
            let peak = 4 + (week % 3) as u8;
            for (n, v) in [(1, 3), (2, peak)] {
                let at = monday + Duration::days(offset + n) + Duration::hours(8);
                if at < now() {
                    sore_at(db, &legs, v + a - 3, at);
                    sore_at(db, &rights, v + b - 3, at);
                }
            }
            if gap_days == 4 {
                let at = monday + Duration::days(offset + 3) + Duration::hours(8);
                if at < now() {
                    sore_at(db, &both, 2, at);
                }
            }
            let at = monday + Duration::days(offset + gap_days) + Duration::hours(8);
            if at < now() {
                sore_at(db, &both, 1, at);
            }
        }
    }
}

#[test]
fn a_year_of_ordinary_training_is_nothing_unusual() {
    let (_dir, mut db) = open();
    ordinary_year(&mut db);
    let i = insights_for(&db, "2025-11-22", TO);
    assert!(
        of(&i, Topic::Unusual).is_empty(),
        "{:#?}",
        of(&i, Topic::Unusual)
    );
    let recovery = get(&i, "recovery");
    assert_ne!(recovery.tone, Tone::NotEnough, "{}", recovery.text);
    assert_eq!(of(&i, Topic::Sorest).len(), 3);
    assert_eq!(of(&i, Topic::Often).len(), 3);
    // Every range within it says the same.
    for from in ["2026-11-01", "2026-10-23", "2026-06-01"] {
        let i = insights_for(&db, from, TO);
        assert!(of(&i, Topic::Unusual).is_empty(), "{from}: {:?}", ids(&i));
    }
}

// ---------------------------------------------------------------- what seems to help

/// Day pairs on one region-side, three days apart so that a pair's second day is never the
/// first of another: `with` are (day's value, next day's) after `what`, `without` the same
/// with no treatment. Returns the day after the last pair.
fn pairs_of(
    db: &mut Database,
    (region, side): (&str, &str),
    what: &str,
    with: &[(u8, u8)],
    without: &[(u8, u8)],
    start: NaiveDateTime,
) -> NaiveDateTime {
    let mut at = day(&start.date().to_string()) + Duration::hours(8);
    for (n, (d0, d1)) in with.iter().chain(without).enumerate() {
        sore(db, region, side, *d0, at);
        if n < with.len() {
            treat(db, region, side, what, at + Duration::hours(2));
        }
        sore(db, region, side, *d1, at + Duration::days(1));
        at += Duration::days(3);
    }
    at
}

#[test]
fn a_technique_that_seems_to_help() {
    let (_dir, mut db) = open();
    pairs_of(
        &mut db,
        ("calf", "left"),
        "petrissage",
        &[(5, 2); 6],
        &[(5, 4), (5, 4), (4, 3), (6, 5), (5, 4), (6, 5)],
        day("2026-06-01"),
    );
    let i = insights(&db);
    let s = get(&i, "helps:technique:petrissage");
    assert_eq!((s.topic, s.tone), (Topic::Helps, Tone::Good));
    assert_eq!(
        s.text,
        "Petrissage (kneading) seems to help: on 6 days after you used it, soreness the next day changed by \u{2212}3.0 on average; on 6 comparable days without it, by \u{2212}1.0. An observation from your log, not proof."
    );
    assert_eq!(
        bars(s),
        vec![("With".into(), -3.0), ("Without".into(), -1.0)]
    );
    assert_eq!(s.link.chart, ChartKind::Effects);
    assert_eq!(s.link.region, None);
    assert_eq!((s.link.from.as_str(), s.link.to.as_str()), (FROM, TO));
}

#[test]
fn a_technique_followed_by_more_soreness() {
    let (_dir, mut db) = open();
    pairs_of(
        &mut db,
        ("quadriceps", "right"),
        "BL40",
        &[(4, 5); 5],
        &[(4, 3); 5],
        day("2026-06-01"),
    );
    let i = insights(&db);
    let s = get(&i, "helps:point:BL40");
    assert_eq!(s.tone, Tone::Attention);
    assert!(
        s.text.starts_with("BL40 Weizhong was followed by more soreness than comparable days: on 5 days after you used it, soreness the next day changed by +1.0 on average; on 5 comparable days without it, by \u{2212}1.0."),
        "{}",
        s.text
    );
}

#[test]
fn a_technique_with_no_clear_difference() {
    let (_dir, mut db) = open();
    pairs_of(
        &mut db,
        ("hamstrings", "left"),
        "stretching",
        &[(5, 4), (5, 4), (5, 4), (5, 4), (5, 3)],
        &[(5, 4); 5],
        day("2026-06-01"),
    );
    let i = insights(&db);
    let s = get(&i, "helps:technique:stretching");
    assert_eq!(s.tone, Tone::Neutral);
    assert_eq!(
        s.text,
        "Gentle stretching: no clear difference — on 5 days after you used it, soreness the next day changed by \u{2212}1.2 on average; on 5 comparable days without it, by \u{2212}1.0."
    );
}

#[test]
fn not_enough_cases() {
    let (_dir, mut db) = open();
    let next = pairs_of(
        &mut db,
        ("calf", "left"),
        "petrissage",
        &[(5, 2); 4],
        &[(5, 4); 6],
        day("2026-06-01"),
    );
    // Used once more with nothing logged the day after: not a case.
    sore(&mut db, "calf", "left", 5, next);
    treat(
        &mut db,
        "calf",
        "left",
        "petrissage",
        next + Duration::hours(1),
    );
    // And once on a day with no soreness: not a case either.
    sore(&mut db, "calf", "left", 0, next + Duration::days(3));
    treat(
        &mut db,
        "calf",
        "left",
        "petrissage",
        next + Duration::days(3),
    );
    sore(&mut db, "calf", "left", 0, next + Duration::days(4));
    let i = insights(&db);
    let s = get(&i, "helps:technique:petrissage");
    assert_eq!(s.tone, Tone::NotEnough);
    assert_eq!(
        s.text,
        "Petrissage (kneading): not enough data yet (4 of 5 cases with soreness logged the day after)."
    );
    assert!(s.bars.is_empty());
}

#[test]
fn not_enough_comparable_days() {
    let (_dir, mut db) = open();
    // Three comparable days, and three more whose soreness is too far from the cases'.
    pairs_of(
        &mut db,
        ("calf", "left"),
        "petrissage",
        &[(4, 2); 6],
        &[(5, 4), (3, 2), (4, 4), (9, 6), (9, 7), (1, 1)],
        day("2026-06-01"),
    );
    // Another treatment's days are not days without one.
    pairs_of(
        &mut db,
        ("calf", "left"),
        "foam-rolling",
        &[(4, 4); 3],
        &[],
        day("2026-09-01"),
    );
    let i = insights(&db);
    let s = get(&i, "helps:technique:petrissage");
    assert_eq!(s.tone, Tone::NotEnough);
    assert_eq!(
        s.text,
        "Petrissage (kneading): not enough data yet (6 cases, but 3 of 5 comparable days without it)."
    );
}

#[test]
fn when_nothing_helps_nothing_is_said_to() {
    let (_dir, mut db) = open();
    let start = day("2026-03-01");
    let next = pairs_of(
        &mut db,
        ("calf", "left"),
        "petrissage",
        &[(5, 4); 6],
        &[(5, 4); 6],
        start,
    );
    let next = pairs_of(
        &mut db,
        ("calf", "right"),
        "BL57",
        &[(5, 5); 6],
        &[(5, 4), (5, 3), (5, 4), (5, 4), (5, 4)],
        next,
    );
    let next = pairs_of(
        &mut db,
        ("quadriceps", "left"),
        "foam-rolling",
        &[(6, 5), (6, 6), (6, 5), (6, 5), (6, 5)],
        &[(6, 5); 7],
        next,
    );
    pairs_of(
        &mut db,
        ("neck", "center"),
        "stretching",
        &[(3, 2); 2],
        &[(3, 2); 7],
        next,
    );
    let i = insights(&db);
    let helps = of(&i, Topic::Helps);
    assert_eq!(helps.len(), 4);
    assert!(helps.iter().all(|s| s.tone != Tone::Good), "{helps:#?}");
    // The judged ones first, the biggest difference first; then the ones waiting for data.
    let order: Vec<(&str, Tone)> = helps.iter().map(|s| (s.id.as_str(), s.tone)).collect();
    assert_eq!(
        order,
        vec![
            ("helps:point:BL57", Tone::Attention),
            ("helps:technique:foam-rolling", Tone::Neutral),
            ("helps:technique:petrissage", Tone::Neutral),
            ("helps:technique:stretching", Tone::NotEnough),
        ]
    );
}

// ---------------------------------------------------------------- every statement

#[test]
fn every_link_is_a_real_region_within_the_range() {
    let (_dir, mut db) = open();
    generate(&mut db, 400, 30, now(), 11).unwrap();
    logs_workouts(&mut db);
    pairs(&mut db, &[(6, 3), (7, 4), (5, 2), (6, 3), (4, 4), (6, 3)]);
    sore(
        &mut db,
        "neck-side",
        "left",
        5,
        day("2026-11-15") + Duration::hours(20),
    );
    for (from, to) in [
        ("2026-01-01", TO),
        ("2026-11-10", TO),
        ("2026-11-21", "2026-11-21"),
        ("2025-11-01", "2026-06-30"),
    ] {
        let i = insights_for(&db, from, to);
        assert!(!i.statements.is_empty());
        assert!(find(&i, "recovery").is_some());
        if from == "2026-11-10" {
            assert_eq!(
                i.recent_from, from,
                "the recent window is clipped to the range"
            );
        }
    }
    assert!(db.insights("2026-11-22", "2026-11-01", now()).is_err());
    assert!(db.insights("soon", "2026-11-01", now()).is_err());
}

/// The speed on 10-year logs: the benchmarks' (55 entries a day, 200,000+ entries) and one as
/// the `fill` example makes by default (12 a day). Run it in a release build:
/// `cargo test -p soremap-core --release --test insights -- --ignored --nocapture`.
#[test]
#[ignore]
fn ten_years_of_log() {
    for per_day in [12, 55] {
        let (_dir, mut db) = open();
        let made = generate(&mut db, 3652, per_day, now(), 7).unwrap();
        db.insights("2016-11-22", TO, now()).unwrap();
        for (from, to) in [("2026-10-24", TO), ("2025-11-23", TO), ("2016-11-22", TO)] {
            let mut times: Vec<_> = (0..7)
                .map(|_| {
                    let started = std::time::Instant::now();
                    let i = db.insights(from, to, now()).unwrap();
                    assert!(!i.statements.is_empty());
                    started.elapsed()
                })
                .collect();
            times.sort();
            eprintln!(
                "{} entries, {from}..{to}: median {:.1} ms, fastest {:.1} ms",
                made.entries,
                times[3].as_secs_f64() * 1000.0,
                times[0].as_secs_f64() * 1000.0,
            );
        }
    }
}
