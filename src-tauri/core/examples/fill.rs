//! Fills a data folder with a synthetic log, to try SoreMap with years of data:
//!
//!     cargo run -p soremap-core --release --example fill -- <data-dir> [days] [entries-per-day]
//!     scripts/run.sh --data-dir <data-dir>

use chrono::Local;
use soremap_core::synthetic::generate;
use soremap_core::Database;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: fill <data-dir> [days] [entries-per-day]");
        std::process::exit(2);
    };
    let days: u32 = args.next().and_then(|d| d.parse().ok()).unwrap_or(365);
    let per_day: u32 = args.next().and_then(|d| d.parse().ok()).unwrap_or(12);
    let result = Database::open_in_dir(std::path::Path::new(&dir))
        .and_then(|mut db| generate(&mut db, days, per_day, Local::now().naive_local(), 42));
    match result {
        Ok(made) => println!(
            "{}: {} entries, {} workouts, {} treatments over {days} days",
            dir, made.entries, made.workouts, made.treatments
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
