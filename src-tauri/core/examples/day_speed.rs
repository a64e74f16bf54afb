//! Times the Today view (`day`) on a 10-year synthetic log, as the page sees it:
//!
//!     cargo run -p soremap-core --release --example day_speed -- [data-dir] [runs]
//!
//! The log (3652 days, 12 entries a day, as `fill` makes it) is generated once into the data
//! folder if that has none, so repeated runs time the same log. With a third argument, each
//! date's view is also written there as JSON (`day-<date>.json`), to compare two builds.

use std::time::Instant;

use chrono::NaiveDateTime;
use soremap_core::synthetic::generate;
use soremap_core::Database;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("soremap-day-speed"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(30);
    let out = args.next().map(std::path::PathBuf::from);
    let now = NaiveDateTime::parse_from_str("2026-11-22T12:00:00", "%Y-%m-%dT%H:%M:%S").unwrap();
    let fresh = !dir.join(soremap_core::db::DATABASE_FILE).exists();
    let mut db = Database::open_in_dir(&dir).expect("open the data folder");
    if fresh {
        let made = generate(&mut db, 3652, 12, now, 42).expect("generate the log");
        println!(
            "{}: {} entries, {} workouts, {} treatments",
            dir.display(),
            made.entries,
            made.workouts,
            made.treatments
        );
    }
    for date in ["2026-11-22", "2026-11-20", "2021-06-12"] {
        let first = Instant::now();
        let view = db.day(date, now).expect("day");
        let cold = first.elapsed();
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(db.day(date, now).expect("day"));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let json = serde_json::to_string_pretty(&view).expect("serialize");
        if let Some(out) = &out {
            std::fs::write(out.join(format!("day-{date}.json")), &json).expect("write JSON");
        }
        println!(
            "day({date}): median {:.2} ms, min {:.2} ms, max {:.2} ms, first {:.2} ms over {runs} runs; {} entries, {} open episodes, {} bytes of JSON",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            cold.as_secs_f64() * 1000.0,
            view.entries.len(),
            view.open_episodes.len(),
            json.len()
        );
    }
}
