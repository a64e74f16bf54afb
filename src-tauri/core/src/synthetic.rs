//! A generator of realistic-looking synthetic logs, for benchmarks and load tests.
//!
//! Deterministic for a seed. It writes straight through SQL in one transaction, because it
//! exists to fill a database fast, not to exercise validation.

use chrono::{Duration, NaiveDateTime};
use rusqlite::params;

use crate::db::Database;
use crate::error::Result;
use crate::validate::format_time;

/// How much was generated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    pub entries: u64,
    pub workouts: u64,
    pub treatments: u64,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Fills `db` with `days` days of log ending at `end`: about `per_day` soreness entries a day
/// spread over every region-side, a workout every other day and a treatment every third.
pub fn generate(
    db: &mut Database,
    days: u32,
    per_day: u32,
    end: NaiveDateTime,
    seed: u64,
) -> Result<Generated> {
    let sides: Vec<(String, &'static str)> = db
        .regions()?
        .into_iter()
        .flat_map(|r| {
            let id = r.id.clone();
            r.sides()
                .iter()
                .map(move |s| (id.clone(), s.as_str()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut rng = Rng(seed | 1);
    let mut made = Generated::default();
    let start = end - Duration::days(i64::from(days));
    db.write(|tx| {
        let mut entry = tx.prepare(
            "INSERT INTO soreness_entries (id, at, region_id, side, intensity, kind, symptoms, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'doms', '[]', ?6, ?2, ?2)",
        )?;
        let mut workout = tx.prepare(
            "INSERT INTO workouts (id, at, activity, effort, duration_min, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '', ?2)",
        )?;
        let mut worked = tx.prepare("INSERT INTO workout_regions (workout_id, region_id, side) VALUES (?1, ?2, ?3)")?;
        let mut treatment = tx.prepare(
            "INSERT INTO treatments (id, at, region_id, side, technique_id, duration_sec, before, after, note, created_at)
             VALUES (?1, ?2, ?3, ?4, 'foam-rolling', 120, ?5, ?6, '', ?2)",
        )?;
        // Each region-side carries its own soreness level that workouts push up and days ease.
        let mut level: Vec<i64> = vec![0; sides.len()];
        for day in 0..days {
            let date = start + Duration::days(i64::from(day));
            // Soreness eases day by day, a little faster some days.
            for l in &mut level {
                *l = (*l - 1 - rng.below(2) as i64).max(0);
            }
            if day % 2 == 0 {
                let id = format!("w{seed:x}{day:08x}");
                let at = format_time(date + Duration::hours(18));
                workout.execute(params![id, at, "Training", 5 + rng.below(5) as i64, 30 + rng.below(90) as i64])?;
                for _ in 0..3 {
                    let i = rng.below(sides.len() as u64) as usize;
                    worked.execute(params![id, sides[i].0, sides[i].1]).ok();
                    level[i] = (level[i] + 3 + rng.below(4) as i64).min(10);
                }
                made.workouts += 1;
            }
            for n in 0..per_day {
                let i = (n as usize + day as usize * 7) % sides.len();
                let at = format_time(date + Duration::hours(7) + Duration::minutes(i64::from(n)));
                entry.execute(params![
                    format!("e{seed:x}{day:08x}{n:04x}"),
                    at,
                    sides[i].0,
                    sides[i].1,
                    level[i],
                    if rng.below(20) == 0 { "felt tight after the long run" } else { "" },
                ])?;
                made.entries += 1;
            }
            if day % 3 == 0 {
                let i = rng.below(sides.len() as u64) as usize;
                let before = level[i];
                treatment.execute(params![
                    format!("t{seed:x}{day:08x}"),
                    format_time(date + Duration::hours(20)),
                    sides[i].0,
                    sides[i].1,
                    before,
                    (before - 1).max(0),
                ])?;
                made.treatments += 1;
            }
        }
        Ok(())
    })?;
    Ok(made)
}
