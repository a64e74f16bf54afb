//! Trends over a real log.

use chrono::NaiveDateTime;
use soremap_core::model::{RegionSideInput, SorenessInput, TreatmentInput};
use soremap_core::synthetic::generate;
use soremap_core::Database;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}
const NOW: &str = "2026-11-22T12:00";

fn log(db: &mut Database, region: &str, side: &str, v: f64, at: &str) {
    db.log_soreness(
        &SorenessInput {
            targets: vec![RegionSideInput {
                region: region.into(),
                side: side.into(),
            }],
            intensity: v,
            kind: "doms".into(),
            symptoms: vec![],
            note: String::new(),
            at: Some(at.into()),
        },
        t(NOW),
    )
    .unwrap();
}

#[test]
fn overview_answers_how_am_i_recovering_and_what_helps() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    for (day, l, r) in [(10, 6.0, 3.0), (11, 5.0, 2.0), (12, 1.0, 0.0)] {
        log(&mut db, "calf", "left", l, &format!("2026-11-{day}T08:00"));
        log(&mut db, "calf", "right", r, &format!("2026-11-{day}T08:00"));
    }
    // A later entry the same day wins for the daily figures.
    log(&mut db, "calf", "left", 4.0, "2026-11-11T20:00");
    db.log_treatment(
        &TreatmentInput {
            at: Some("2026-11-10T19:00".into()),
            region: "calf".into(),
            side: "left".into(),
            technique: Some("foam-rolling".into()),
            point: None,
            duration_sec: 120.0,
            before: Some(6.0),
            after: Some(5.0),
            note: String::new(),
        },
        t(NOW),
    )
    .unwrap();

    let o = db.trends("2026-11-01", "2026-11-22", t(NOW)).unwrap();
    assert_eq!(o.calendar.len(), 3);
    assert_eq!(o.calendar[1].date, "2026-11-11");
    assert_eq!(
        o.calendar[1].max, 4,
        "the day's latest left-calf value is 4"
    );
    assert_eq!(o.calendar[1].mean, 3.0);

    let calf = o.asymmetry.iter().find(|a| a.region == "calf").unwrap();
    assert_eq!(calf.days, 3);
    assert!((calf.left_mean - 11.0 / 3.0).abs() < 1e-9);
    assert!((calf.right_mean - 5.0 / 3.0).abs() < 1e-9);

    assert_eq!(o.episodes.len(), 2);
    let medians = o.medians.iter().find(|m| m.region == "calf").unwrap();
    assert_eq!(medians.episodes, 2);
    assert_eq!(medians.median_duration_hours, Some(48.0));

    let effect = &o.effects[0];
    assert_eq!(effect.what, "Foam rolling");
    assert_eq!(
        (effect.mean_before, effect.mean_after),
        (Some(6.0), Some(5.0))
    );
    assert_eq!(
        effect.mean_next_day_change,
        Some(-2.0),
        "6 on the day, 4 the next"
    );

    assert_eq!(o.weeks.len(), 1);
    assert_eq!(o.weeks[0].period, "2026-W46");
    assert_eq!(o.weeks[0].days_logged, 3);
    assert_eq!(o.months[0].period, "2026-11");
    assert_eq!(o.months[0].treatments, 1);

    let series = db
        .trend("calf", "left", "2026-11-01", "2026-11-22", t(NOW))
        .unwrap();
    assert_eq!(series.values, vec![6, 5, 4, 1]);
    assert_eq!(series.episodes.len(), 1);
    assert_eq!(series.treatments.len(), 1);

    assert!(db
        .trends("2026-11-22", "2026-11-01", t(NOW))
        .unwrap_err()
        .to_string()
        .contains("before"));
    assert!(db
        .trend("calf", "up", "2026-11-01", "2026-11-22", t(NOW))
        .is_err());
}

#[test]
fn a_synthetic_year_has_the_expected_size_and_a_usable_trend() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    let made = generate(&mut db, 365, 20, t(NOW), 3).unwrap();
    assert_eq!(made.entries, 365 * 20);
    let series = db
        .trend("calf", "left", "2025-11-22", "2026-11-22", t(NOW))
        .unwrap();
    assert_eq!(series.times.len(), series.values.len());
    assert!(series.times.windows(2).all(|w| w[0] <= w[1]));
    let o = db.trends("2025-11-22", "2026-11-22", t(NOW)).unwrap();
    assert!(o.calendar.len() >= 360);
    assert!(!o.weeks.is_empty() && o.months.len() >= 12);
}

#[test]
fn small_multiples_bin_each_region_side_and_the_calendar_covers_any_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    log(&mut db, "calf", "left", 6.0, "2026-11-10T08:00");
    log(&mut db, "calf", "left", 2.0, "2026-11-10T20:00");
    log(&mut db, "calf", "left", 3.0, "2026-11-12T08:00");
    log(&mut db, "soleus", "right", 5.0, "2026-11-11T08:00");
    log(&mut db, "abdomen", "center", 4.0, "2025-03-02T08:00");

    // 22 days: a bin per day, the day's latest value, gaps where nothing was logged.
    let o = db.trends("2026-11-01", "2026-11-22", t(NOW)).unwrap();
    assert_eq!(o.sides.len(), 2, "{:?}", o.sides);
    let calf = &o.sides[0];
    assert_eq!((calf.region.as_str(), calf.side.as_str()), ("calf", "left"));
    assert_eq!(calf.step_days, 1);
    assert_eq!(calf.values.len(), 22);
    assert_eq!(calf.values[9], Some(2), "the day's latest entry");
    assert_eq!(calf.values[10], None);
    assert_eq!(calf.values[11], Some(3));
    assert_eq!(
        (calf.peak, calf.days, calf.last.as_str()),
        (3, 2, "2026-11-12")
    );
    // A muscle is drawn as itself, in its region's place in body order.
    assert_eq!(o.sides[1].region, "soleus");
    assert_eq!(o.sides[1].coarse, "calf");

    // Ten years: never more than the bin limit, each bin the highest of its days.
    let o = db.trends("2016-11-22", "2026-11-22", t(NOW)).unwrap();
    assert!(o
        .sides
        .iter()
        .all(|s| s.values.len() as i64 <= soremap_core::trends::SPARK_BINS));
    assert!(o.sides.iter().all(|s| s.step_days > 1));
    let back = o.sides.iter().find(|s| s.region == "abdomen").unwrap();
    assert_eq!(
        back.values.iter().flatten().copied().collect::<Vec<_>>(),
        vec![4]
    );

    // The year view reads any year, rolled up like the rest of Trends.
    let year = db.calendar("2025-01-01", "2025-12-31").unwrap();
    assert_eq!(year.len(), 1);
    assert_eq!((year[0].date.as_str(), year[0].max), ("2025-03-02", 4));
    let year = db.calendar("2026-01-01", "2026-12-31").unwrap();
    assert_eq!(year.len(), 3);
    assert_eq!(year[1].max, 5, "the soleus counts toward the calf");
    assert!(db.calendar("2026-12-31", "2026-01-01").is_err());
}
