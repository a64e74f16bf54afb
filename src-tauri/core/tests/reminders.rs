//! Reminders on real SQLite files, with the clock passed in: the daily nudge and the DOMS
//! check-ins 24, 48 and 72 hours after a workout.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;
use soremap_core::model::{RegionSideInput, Side, SorenessInput, WorkoutInput};
use soremap_core::reminders::{Reminder, ReminderKind, ReminderSettings, MAX_PER_CALL};
use soremap_core::{Database, ErrorKind};

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn db() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in_dir(dir.path()).unwrap();
    (dir, db)
}

fn turn_on(db: &mut Database, daily: bool, daily_time: &str, checkins: bool) {
    db.set_reminder_settings(&ReminderSettings {
        daily,
        daily_time: daily_time.into(),
        checkins,
        ..ReminderSettings::default()
    })
    .unwrap();
}

fn targets(list: &[(&str, &str)]) -> Vec<RegionSideInput> {
    list.iter()
        .map(|(region, side)| RegionSideInput {
            region: (*region).into(),
            side: (*side).into(),
        })
        .collect()
}

/// Logs a workout at `at` on the region-sides; returns its id.
fn workout(db: &mut Database, at: &str, activity: &str, list: &[(&str, &str)]) -> String {
    db.log_workout(
        &WorkoutInput {
            at: Some(at.into()),
            activity: activity.into(),
            effort: 7.0,
            duration_min: 45.0,
            note: String::new(),
            targets: targets(list),
        },
        t(at),
    )
    .unwrap()
    .id
}

fn sore(db: &mut Database, at: &str, region: &str, side: &str) {
    db.log_soreness(
        &SorenessInput {
            targets: targets(&[(region, side)]),
            intensity: 4.0,
            kind: "doms".into(),
            symptoms: vec![],
            note: String::new(),
            at: Some(at.into()),
        },
        t(at),
    )
    .unwrap();
}

fn due(db: &Database, now: &str) -> Vec<Reminder> {
    db.due_reminders(t(now)).unwrap()
}

fn keys(reminders: &[Reminder]) -> Vec<&str> {
    reminders.iter().map(|r| r.key.as_str()).collect()
}

/// The reminder shown at `now`, sent: marked as the shell marks it.
fn send(db: &mut Database, reminders: &[Reminder], now: &str) {
    for r in reminders {
        db.mark_reminder_sent(&r.key, t(now)).unwrap();
    }
}

#[test]
fn defaults_are_all_off_and_nothing_is_due() {
    let (_d, mut db) = db();
    let settings = db.reminder_settings().unwrap();
    assert_eq!(settings, ReminderSettings::default());
    assert_eq!(
        serde_json::to_value(&settings).unwrap(),
        json!({"daily": false, "daily_time": "20:00", "checkins": false, "tray": false, "autostart": false})
    );
    workout(&mut db, "2026-11-23T10:00", "Running", &[("calf", "left")]);
    for now in ["2026-11-23T20:30", "2026-11-24T10:30", "2026-11-25T10:30"] {
        assert!(due(&db, now).is_empty(), "{now}");
    }
}

#[test]
fn settings_round_trip_and_a_bad_time_is_refused_writing_nothing() {
    let (_d, mut db) = db();
    let all_on = ReminderSettings {
        daily: true,
        daily_time: "07:30".into(),
        checkins: true,
        tray: true,
        autostart: true,
    };
    assert_eq!(db.set_reminder_settings(&all_on).unwrap(), all_on);
    assert_eq!(db.reminder_settings().unwrap(), all_on);
    assert_eq!(
        db.setting("reminders.daily").unwrap().as_deref(),
        Some("on")
    );
    assert_eq!(
        db.setting("reminders.daily_time").unwrap().as_deref(),
        Some("07:30")
    );

    for bad in ["25:00", "8pm", ""] {
        let e = db
            .set_reminder_settings(&ReminderSettings {
                daily_time: bad.into(),
                ..ReminderSettings::default()
            })
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
        let message = e.to_string();
        assert!(
            message.starts_with("Invalid daily reminder time:") && message.contains("HH:MM"),
            "{bad}: {message}"
        );
        assert_eq!(
            db.reminder_settings().unwrap(),
            all_on,
            "{bad} wrote nothing"
        );
    }
    let e = db
        .set_reminder_settings(&ReminderSettings {
            daily_time: "25:00".into(),
            ..all_on.clone()
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid daily reminder time: \"25:00\" is not a time of day; use HH:MM on the 24-hour \
         clock, e.g. 20:00."
    );

    let off = ReminderSettings::default();
    assert_eq!(db.set_reminder_settings(&off).unwrap(), off);
    assert_eq!(db.reminder_settings().unwrap(), off);
}

#[test]
fn the_daily_reminder_comes_after_its_time_once_a_day_unless_something_was_logged() {
    let (_d, mut db) = db();
    turn_on(&mut db, true, "20:00", false);
    assert!(
        due(&db, "2026-11-22T19:59").is_empty(),
        "never before its time"
    );

    let at_eight = due(&db, "2026-11-22T20:00");
    assert_eq!(keys(&at_eight), ["daily:2026-11-22"]);
    let daily = &at_eight[0];
    assert_eq!(daily.kind, ReminderKind::Daily);
    assert_eq!(daily.title, "Time to log your soreness");
    assert_eq!(daily.due, "2026-11-22T20:00:00");
    assert_eq!(
        serde_json::to_value(daily).unwrap(),
        json!({
            "key": "daily:2026-11-22",
            "kind": "daily",
            "title": "Time to log your soreness",
            "body": daily.body,
            "due": "2026-11-22T20:00:00",
        }),
        "a daily reminder has no region or side"
    );
    assert_eq!(
        keys(&due(&db, "2026-11-22T23:59")),
        ["daily:2026-11-22"],
        "due until midnight"
    );

    send(&mut db, &at_eight, "2026-11-22T20:01");
    db.mark_reminder_sent("daily:2026-11-22", t("2026-11-22T20:02"))
        .unwrap();
    assert!(due(&db, "2026-11-22T21:00").is_empty(), "not twice");
    assert!(due(&db, "2026-11-23T19:59").is_empty());
    assert_eq!(
        keys(&due(&db, "2026-11-23T20:00")),
        ["daily:2026-11-23"],
        "again the next day"
    );

    // Logged the day before does not count for today; logged today does.
    sore(&mut db, "2026-11-23T22:00", "neck", "center");
    assert_eq!(keys(&due(&db, "2026-11-24T20:30")), ["daily:2026-11-24"]);
    sore(&mut db, "2026-11-24T07:00", "soleus", "left");
    assert!(due(&db, "2026-11-24T20:30").is_empty());
}

#[test]
fn check_ins_at_24_48_and_72_hours_name_both_regions_in_one_reminder() {
    let (_d, mut db) = db();
    turn_on(&mut db, false, "20:00", true);
    let id = workout(
        &mut db,
        "2026-11-23T10:00",
        "Running",
        &[
            ("hamstrings", "left"),
            ("hamstrings", "right"),
            ("quadriceps", "left"),
            ("quadriceps", "right"),
        ],
    );
    assert!(due(&db, "2026-11-24T09:59").is_empty());

    let day1 = due(&db, "2026-11-24T10:00");
    assert_eq!(day1.len(), 1, "one reminder for the moment: {day1:?}");
    let r = &day1[0];
    assert_eq!(r.key, format!("checkin:{id}:quadriceps:left:24"));
    assert_eq!(r.kind, ReminderKind::Checkin);
    assert_eq!(r.title, "How are your quads and hamstrings today?");
    assert_eq!(
        r.body,
        "A day after yesterday's running: delayed soreness usually builds about now and is \
         often worst over the next day or two. Log how it feels in SoreMap."
    );
    assert_eq!(
        serde_json::to_value(r).unwrap(),
        json!({
            "key": r.key,
            "kind": "checkin",
            "title": "How are your quads and hamstrings today?",
            "body": r.body,
            "region": "quadriceps",
            "side": "left",
            "due": "2026-11-24T10:00:00",
        })
    );
    send(&mut db, &day1, "2026-11-24T10:00");
    assert!(due(&db, "2026-11-24T10:05").is_empty(), "sent once");

    let day2 = due(&db, "2026-11-25T10:30");
    assert_eq!(keys(&day2), [format!("checkin:{id}:quadriceps:left:48")]);
    assert_eq!(day2[0].title, "How are your quads and hamstrings today?");
    assert_eq!(
        day2[0].body,
        "Two days after Monday's running: soreness often peaks about now. Log it in SoreMap."
    );
    assert_eq!(day2[0].due, "2026-11-25T10:00:00");
    send(&mut db, &day2, "2026-11-25T10:30");

    let day3 = due(&db, "2026-11-26T15:59");
    assert_eq!(keys(&day3), [format!("checkin:{id}:quadriceps:left:72")]);
    assert!(day3[0]
        .body
        .starts_with("Three days after Monday's running:"));
    send(&mut db, &day3, "2026-11-26T15:59");
    assert!(due(&db, "2026-11-26T16:00").is_empty());
}

#[test]
fn an_area_logged_that_day_gets_no_check_in_muscles_count_for_their_region() {
    let (_d, mut db) = db();
    turn_on(&mut db, false, "20:00", true);
    workout(
        &mut db,
        "2026-11-23T10:00",
        "Hill sprints",
        &[
            ("calf", "left"),
            ("quadriceps", "left"),
            ("quadriceps", "right"),
        ],
    );
    // The day before does not count; the other side's calf does not count either.
    sore(&mut db, "2026-11-23T20:00", "calf", "left");
    sore(&mut db, "2026-11-24T08:00", "soleus", "right");
    let r = due(&db, "2026-11-24T10:00");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].title, "How are your quads and left calf today?");

    // An entry on a muscle of the calf (the soleus) counts for the calf.
    sore(&mut db, "2026-11-24T09:00", "soleus", "left");
    let r = due(&db, "2026-11-24T10:00");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].title, "How are your quads today?");
    assert_eq!(
        (r[0].region.as_deref(), r[0].side),
        (Some("quadriceps"), Some(Side::Left))
    );

    // Logged later that day, after the reminder became due: nothing is left to ask.
    sore(&mut db, "2026-11-24T11:00", "quadriceps", "left");
    sore(&mut db, "2026-11-24T11:00", "hip-flexors", "right");
    assert!(due(&db, "2026-11-24T11:30").is_empty());

    // A workout on a muscle and an entry on its region, the other way round.
    let (_d2, mut db) = db_with_checkins();
    workout(
        &mut db,
        "2026-11-23T10:00",
        "Skipping",
        &[("gastrocnemius", "right")],
    );
    assert_eq!(
        due(&db, "2026-11-24T10:00")[0].title,
        "How is your right calf today?"
    );
    sore(&mut db, "2026-11-24T09:00", "calf", "right");
    assert!(due(&db, "2026-11-24T10:00").is_empty());
}

fn db_with_checkins() -> (tempfile::TempDir, Database) {
    let (dir, mut db) = db();
    turn_on(&mut db, false, "20:00", true);
    (dir, db)
}

#[test]
fn a_moment_at_night_moves_to_eight_the_next_morning_keeping_its_key() {
    let (_d, mut db) = db_with_checkins();
    let late = workout(
        &mut db,
        "2026-11-23T23:00",
        "Climbing",
        &[("forearm", "left")],
    );
    assert!(due(&db, "2026-11-24T23:30").is_empty(), "not at night");
    assert!(due(&db, "2026-11-25T07:59").is_empty());
    let r = due(&db, "2026-11-25T08:00");
    assert_eq!(keys(&r), [format!("checkin:{late}:forearm:left:24")]);
    assert_eq!(r[0].due, "2026-11-25T08:00:00");
    assert_eq!(r[0].title, "How is your left forearm today?");
    assert!(
        r[0].body.starts_with("A day after Monday's climbing:"),
        "{}",
        r[0].body
    );
    assert_eq!(
        keys(&due(&db, "2026-11-25T13:59")),
        [format!("checkin:{late}:forearm:left:24")]
    );
    assert!(
        due(&db, "2026-11-25T14:00").is_empty(),
        "six hours from 08:00"
    );

    // An early workout's moment, before 08:00, waits for 08:00 that morning.
    let (_d, mut db) = db_with_checkins();
    let early = workout(
        &mut db,
        "2026-11-23T05:30",
        "Rowing",
        &[("lats", "left"), ("lats", "right")],
    );
    assert!(due(&db, "2026-11-24T05:30").is_empty());
    let r = due(&db, "2026-11-24T08:00");
    assert_eq!(keys(&r), [format!("checkin:{early}:lats:left:24")]);
    assert_eq!(r[0].title, "How are your lats today?");

    // Logged that night, after the moment: the morning check-in is not needed.
    let (_d, mut db) = db_with_checkins();
    workout(
        &mut db,
        "2026-11-23T22:30",
        "Climbing",
        &[("forearm", "right")],
    );
    sore(&mut db, "2026-11-24T23:00", "forearm-flexors", "right");
    assert!(due(&db, "2026-11-25T08:30").is_empty());
}

#[test]
fn stale_moments_are_skipped_so_only_the_latest_is_sent() {
    let (_d, mut db) = db_with_checkins();
    let id = workout(
        &mut db,
        "2026-11-23T10:00",
        "Squats",
        &[("glutes", "left"), ("glutes", "right")],
    );
    // Opened for the first time two days later: the 24-hour moment is gone, the 48-hour one
    // is due.
    let r = due(&db, "2026-11-25T11:00");
    assert_eq!(keys(&r), [format!("checkin:{id}:glutes:left:48")]);
    assert_eq!(r[0].title, "How are your glutes today?");
    // A moment more than six hours past is never sent.
    assert!(due(&db, "2026-11-24T16:00").is_empty());
    assert!(due(&db, "2026-11-25T16:00").is_empty());
    assert!(due(&db, "2026-11-26T16:01").is_empty());
}

#[test]
fn polling_for_six_days_sends_three_check_ins_and_nothing_after_four_days() {
    let (_d, mut db) = db_with_checkins();
    let id = workout(
        &mut db,
        "2026-11-23T09:00",
        "Bench press",
        &[("chest", "left"), ("chest", "right")],
    );
    let mut sent = Vec::new();
    let mut now = t("2026-11-23T09:00");
    while now < t("2026-11-29T09:00") {
        let r = db.due_reminders(now).unwrap();
        for reminder in &r {
            sent.push((now, reminder.key.clone(), reminder.title.clone()));
            db.mark_reminder_sent(&reminder.key, now).unwrap();
        }
        now += Duration::minutes(20);
    }
    let expected: Vec<(NaiveDateTime, String, String)> = [
        ("2026-11-24T09:00", 24),
        ("2026-11-25T09:00", 48),
        ("2026-11-26T09:00", 72),
    ]
    .into_iter()
    .map(|(at, h)| {
        (
            t(at),
            format!("checkin:{id}:chest:left:{h}"),
            "How is your chest today?".to_owned(),
        )
    })
    .collect();
    assert_eq!(sent, expected);

    // A workout more than four days old gets nothing, whenever asked.
    let (_d, mut db) = db_with_checkins();
    workout(
        &mut db,
        "2026-11-18T09:00",
        "Bench press",
        &[("chest", "left")],
    );
    for hour in 0..24 {
        assert!(db
            .due_reminders(t("2026-11-22T00:00") + Duration::hours(hour))
            .unwrap()
            .is_empty());
    }
}

#[test]
fn check_ins_off_tendons_and_deleted_workouts_give_none() {
    let (_d, mut db) = db();
    turn_on(&mut db, true, "20:00", false);
    workout(&mut db, "2026-11-23T10:00", "Running", &[("calf", "left")]);
    assert!(due(&db, "2026-11-24T10:00").is_empty(), "check-ins are off");

    let (_d, mut db) = db_with_checkins();
    workout(
        &mut db,
        "2026-11-23T10:00",
        "Running",
        &[("knee", "left"), ("achilles", "left")],
    );
    assert!(
        due(&db, "2026-11-24T10:00").is_empty(),
        "tendons and joints are not judged against the DOMS clock"
    );
    let gone = workout(&mut db, "2026-11-23T11:00", "Running", &[("calf", "left")]);
    db.delete_workout(&gone, t("2026-11-23T12:00")).unwrap();
    assert!(due(&db, "2026-11-24T11:00").is_empty(), "a deleted workout");
}

#[test]
fn at_most_three_per_call_most_recent_first_and_an_area_once_a_day() {
    let (_d, mut db) = db();
    turn_on(&mut db, true, "14:00", true);
    let quads = workout(
        &mut db,
        "2026-11-23T10:00",
        "Cycling",
        &[("quadriceps", "left")],
    );
    let calf = workout(&mut db, "2026-11-23T11:00", "Running", &[("calf", "left")]);
    let biceps = workout(&mut db, "2026-11-23T12:00", "Curls", &[("biceps", "left")]);
    let chest = workout(
        &mut db,
        "2026-11-23T13:00",
        "Push-ups",
        &[("chest", "left")],
    );
    let now = "2026-11-24T14:00";
    let first = due(&db, now);
    assert_eq!(first.len(), MAX_PER_CALL);
    assert_eq!(
        keys(&first),
        [
            "daily:2026-11-24".to_owned(),
            format!("checkin:{chest}:chest:left:24"),
            format!("checkin:{biceps}:biceps:left:24"),
        ]
    );
    send(&mut db, &first, now);
    assert_eq!(
        keys(&due(&db, now)),
        [
            format!("checkin:{calf}:calf:left:24"),
            format!("checkin:{quads}:quadriceps:left:24"),
        ]
    );

    // Two workouts due to ask about the same area at once: one reminder, for the latest
    // workout, and the area is not asked about again that day.
    let (_d, mut db) = db_with_checkins();
    workout(
        &mut db,
        "2026-11-23T10:00",
        "Squats",
        &[("quadriceps", "left")],
    );
    let tuesday = workout(
        &mut db,
        "2026-11-24T10:00",
        "Squats",
        &[("quadriceps", "left")],
    );
    let r = due(&db, "2026-11-25T10:00");
    assert_eq!(keys(&r), [format!("checkin:{tuesday}:quadriceps:left:24")]);
    send(&mut db, &r, "2026-11-25T10:00");
    assert!(due(&db, "2026-11-25T10:01").is_empty());
    assert_eq!(
        due(&db, "2026-11-26T10:00").len(),
        1,
        "the next day it is asked again"
    );
}

#[test]
fn marking_as_sent_is_idempotent_checks_the_key_and_keeps_30_days() {
    let (dir, mut db) = db();
    db.mark_reminder_sent("daily:2026-10-01", t("2026-10-01T20:00"))
        .unwrap();
    db.mark_reminder_sent("daily:2026-11-20", t("2026-11-20T20:00"))
        .unwrap();
    db.mark_reminder_sent("daily:2026-11-20", t("2026-11-20T21:00"))
        .unwrap();
    let long = format!("daily:{}", "9".repeat(400));
    for bad in ["", "hello", "flag:rest-pain", long.as_str()] {
        let e = db
            .mark_reminder_sent(bad, t("2026-11-22T12:00"))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
        assert!(e.to_string().contains("is not a reminder key"), "{e}");
    }
    let sent = || -> Vec<(String, String)> {
        let conn = rusqlite::Connection::open(dir.path().join("soremap.sqlite3")).unwrap();
        let mut stmt = conn
            .prepare("SELECT key, sent_at FROM reminders_sent ORDER BY key")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    db.mark_reminder_sent("daily:2026-11-22", t("2026-11-22T20:00"))
        .unwrap();
    assert_eq!(
        sent(),
        [
            (
                "daily:2026-11-20".to_owned(),
                "2026-11-20T20:00:00".to_owned()
            ),
            (
                "daily:2026-11-22".to_owned(),
                "2026-11-22T20:00:00".to_owned()
            ),
        ],
        "older than 30 days pruned; the first time sent is kept"
    );
}
