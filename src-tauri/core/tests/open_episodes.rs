//! The Today view's open episodes on long and irregular logs, against the plain way of
//! finding them: every recently active region-side's whole history derived episode by
//! episode, the latest one kept when it is open, and its forecast made from the past
//! episodes of the region on every side.

use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, Connection, OpenFlags};
use soremap_core::episodes::{derive, forecast, GAP_DAYS};
use soremap_core::model::{DayView, Episode, EpisodeEdge, Forecast, Region, Side};
use soremap_core::synthetic::generate;
use soremap_core::validate::{format_time, TIME_FORMAT};
use soremap_core::Database;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, TIME_FORMAT).unwrap()
}

/// One region-side's episodes as they were derived before: read with the queries and the
/// time parser used then.
fn plain_episodes(conn: &Connection, r: &Region, side: Side, now: NaiveDateTime) -> Vec<Episode> {
    let workouts: Vec<NaiveDateTime> = conn
        .prepare(
            "SELECT w.at FROM workout_regions x JOIN workouts w ON w.id = x.workout_id
             WHERE w.deleted_at IS NULL AND x.region_id = ?1 AND x.side = ?2 ORDER BY w.at",
        )
        .unwrap()
        .query_map([r.id.as_str(), side.as_str()], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|at| NaiveDateTime::parse_from_str(&at.unwrap(), TIME_FORMAT).unwrap_or_default())
        .collect();
    let entries: Vec<(NaiveDateTime, u8)> = conn
        .prepare(
            "SELECT at, intensity FROM soreness_entries
             WHERE deleted_at IS NULL AND region_id = ?1 AND side = ?2 ORDER BY at, created_at",
        )
        .unwrap()
        .query_map([r.id.as_str(), side.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?))
        })
        .unwrap()
        .map(|row| {
            let (at, v) = row.unwrap();
            (
                NaiveDateTime::parse_from_str(&at, TIME_FORMAT).unwrap_or_default(),
                v,
            )
        })
        .collect();
    derive(&r.id, side, &r.label(side), &workouts, &entries, now)
}

/// The open episodes with their forecasts, most recent first, found the plain way: read
/// with the queries and the time parser that episodes were derived with before.
fn reference(db: &Database, now: NaiveDateTime) -> Vec<(Episode, Forecast)> {
    let conn = Connection::open_with_flags(db.path(), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let since = format_time(now - Duration::days(GAP_DAYS + 1));
    let pairs: Vec<(String, String)> = conn
        .prepare(
            "SELECT DISTINCT region_id, side FROM soreness_entries WHERE deleted_at IS NULL AND at >= ?1
             UNION
             SELECT DISTINCT x.region_id, x.side FROM workout_regions x JOIN workouts w ON w.id = x.workout_id
             WHERE w.deleted_at IS NULL AND w.at >= ?1",
        )
        .unwrap()
        .query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let timeline = db.timeline().unwrap();
    let episodes_for = |r: &Region, side: Side| plain_episodes(&conn, r, side, now);
    let mut out = Vec::new();
    for (region, side) in pairs {
        let Ok(r) = db.region(&region) else {
            continue;
        };
        let side: Side = side.parse().unwrap();
        let mut episodes = episodes_for(&r, side);
        let Some(episode) = episodes.pop() else {
            continue;
        };
        if episode.ended_by != EpisodeEdge::Open {
            continue;
        }
        let mut past = episodes;
        for other in r.sides().iter().filter(|o| **o != side) {
            past.extend(episodes_for(&r, *other));
        }
        past.retain(|p| p.start < episode.start);
        let forecast = forecast(&episode, &past, &timeline, &r.name);
        out.push((episode, forecast));
    }
    out.sort_by(|a, b| b.0.start.cmp(&a.0.start));
    out
}

/// Checks `day` at `now` against the plain way; returns how many episodes were open.
fn check(db: &Database, now: NaiveDateTime) -> usize {
    let day: DayView = db.day(&now.date().to_string(), now).unwrap();
    let expected = reference(db, now);
    let found: Vec<(&Episode, &Forecast)> = day
        .open_episodes
        .iter()
        .map(|v| (&v.episode, &v.forecast))
        .collect();
    let expected_refs: Vec<(&Episode, &Forecast)> = expected.iter().map(|(e, f)| (e, f)).collect();
    assert_eq!(found, expected_refs, "open episodes at {now}");
    for view in &day.open_episodes {
        let alone = db
            .episode_view(&view.episode.region, view.episode.side.as_str(), now)
            .unwrap()
            .unwrap();
        assert_eq!(&alone, view, "the episode view at {now}");
    }
    day.open_episodes.len()
}

/// Checks every region-side's episodes against the plain way.
fn check_episodes(db: &Database, now: NaiveDateTime) {
    let conn = Connection::open_with_flags(db.path(), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    for r in db.regions().unwrap() {
        for side in r.sides() {
            assert_eq!(
                db.episodes_for(&r.id, side.as_str(), now).unwrap(),
                plain_episodes(&conn, &r, *side, now),
                "{} {side} at {now}",
                r.id
            );
        }
    }
}

#[test]
fn open_episodes_on_years_of_log_match_the_whole_history() {
    let mut open = 0;
    let mut personal = 0;
    for (seed, days, end) in [
        (42, 3 * 365, "2026-11-22T12:00:00"),
        (7, 2 * 365, "2025-03-02T21:30:00"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open_in_dir(dir.path()).unwrap();
        let end = t(end);
        let made = generate(&mut db, days, 12, end, seed).unwrap();
        assert!(made.entries > 8_000, "{made:?}");
        check_episodes(&db, end);
        // Today, and the days after it with nothing more logged.
        for hours in [0, 7, 19, 30, 50, 75, 100, 150, 220, 250, 270, 300] {
            let now = end + Duration::hours(hours);
            let found = check(&db, now);
            open += found;
            personal += db
                .open_episodes(now)
                .unwrap()
                .iter()
                .filter(|v| v.forecast.past_episodes >= 3)
                .count();
        }
    }
    // The check means something: episodes were open, and forecasts read past recoveries.
    assert!(open > 50, "{open} open episodes");
    assert!(personal > 10, "{personal} personal forecasts");
}

/// xorshift64*, for logs that are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// One row of a made-up log.
enum Row {
    /// id, time, region, side, intensity, written at
    Entry(
        String,
        NaiveDateTime,
        String,
        &'static str,
        i64,
        NaiveDateTime,
    ),
    /// id, time, region, side
    Workout(String, NaiveDateTime, String, &'static str),
}

impl Row {
    fn at(&self) -> NaiveDateTime {
        match self {
            Row::Entry(_, at, ..) | Row::Workout(_, at, ..) => *at,
        }
    }
}

/// A log with long silences, daily logging, runs of 0 and 1, soreness that stays up for
/// weeks, workouts at the moment of an entry and entries logged at the same time; oldest
/// first.
fn irregular(db: &Database, seed: u64, start: NaiveDateTime, days: i64) -> Vec<Row> {
    let sides: Vec<(String, &'static str)> = db
        .regions()
        .unwrap()
        .into_iter()
        .flat_map(|r| {
            r.sides()
                .iter()
                .map(|s| (r.id.clone(), s.as_str()))
                .collect::<Vec<_>>()
        })
        .take(8)
        .collect();
    let mut rng = Rng(seed | 1);
    let mut rows = Vec::new();
    let mut n = 0u64;
    for (i, (region, side)) in sides.into_iter().enumerate() {
        let mut at = start + Duration::hours(rng.below(48) as i64);
        let mut level: i64 = 0;
        while at < start + Duration::days(days) {
            n += 1;
            let entry = |id: String, value: i64, written: NaiveDateTime| {
                Row::Entry(id, at, region.clone(), side, value, written)
            };
            match rng.below(12) {
                // A workout, and sometimes an entry at the very same moment.
                0 | 1 => {
                    rows.push(Row::Workout(format!("w{n}"), at, region.clone(), side));
                    level = (level + 2 + rng.below(6) as i64).min(10);
                    if rng.below(2) == 0 {
                        rows.push(entry(format!("e{n}"), rng.below(3) as i64, at));
                    }
                }
                // Two entries at the same time, written in the same second.
                2 => {
                    for k in 0..2 {
                        rows.push(entry(format!("e{n}-{k}"), rng.below(6) as i64, at));
                    }
                }
                _ => {
                    let value = match rng.below(9) {
                        0..=2 => 0,
                        3 | 4 => 1,
                        5 => level.max(2),
                        _ => level,
                    };
                    let written = at + Duration::minutes(rng.below(3) as i64);
                    rows.push(entry(format!("e{n}"), value, written));
                }
            }
            level = (level - rng.below(3) as i64).max(0);
            if i % 4 == 3 {
                // Some region-sides stay sore for weeks.
                level = level.max(2 + rng.below(2) as i64);
            }
            // Mostly daily or twice a day; now and then days or weeks of silence.
            at += match rng.below(20) {
                0 => Duration::days(11 + rng.below(20) as i64),
                1..=3 => Duration::days(3 + rng.below(7) as i64),
                4 => Duration::hours(71 + rng.below(3) as i64),
                _ => Duration::hours(4 + rng.below(26) as i64),
            };
        }
    }
    rows.sort_by_key(Row::at);
    rows
}

fn write(db: &mut Database, rows: &[Row]) {
    db.write(|tx| {
        let mut entry = tx.prepare_cached(
            "INSERT INTO soreness_entries (id, at, region_id, side, intensity, kind, symptoms, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'doms', '[]', '', ?6, ?6)",
        )?;
        let mut workout = tx.prepare_cached(
            "INSERT INTO workouts (id, at, activity, effort, duration_min, note, created_at)
             VALUES (?1, ?2, 'Training', 6, 45, '', ?2)",
        )?;
        let mut worked = tx.prepare_cached(
            "INSERT INTO workout_regions (workout_id, region_id, side) VALUES (?1, ?2, ?3)",
        )?;
        for row in rows {
            match row {
                Row::Entry(id, at, region, side, value, written) => {
                    entry.execute(params![
                        id,
                        format_time(*at),
                        region,
                        side,
                        value,
                        format_time(*written)
                    ])?;
                }
                Row::Workout(id, at, region, side) => {
                    workout.execute(params![id, format_time(*at)])?;
                    worked.execute(params![id, region, side])?;
                }
            }
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn open_episodes_on_irregular_logs_match_the_whole_history() {
    let start = t("2025-01-01T06:00:00");
    let mut open = 0;
    for seed in 1..=4 {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open_in_dir(dir.path()).unwrap();
        let rows = irregular(&db, seed, start, 240);
        // The log as it stood at each moment: what was logged up to then, and nothing after.
        let mut written = 0;
        let mut step = 0;
        let mut now = start + Duration::days(3);
        while now < start + Duration::days(250) {
            let upto = rows.partition_point(|r| r.at() <= now);
            write(&mut db, &rows[written..upto]);
            written = upto;
            open += check(&db, now);
            if step % 5 == 0 {
                check_episodes(&db, now);
            }
            step += 1;
            now += Duration::hours(23);
        }
    }
    assert!(open > 100, "{open} open episodes");
}
