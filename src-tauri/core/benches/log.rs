//! Speed on a 10-year log: 200,000+ soreness entries over every region-side, with workouts
//! and treatments. Run with `cargo bench -p soremap-core`.
//!
//! Targets: one region-side's 10-year trend ≤ 20 ms; whole-body heatmap for a date ≤ 5 ms;
//! region panel ≤ 1 ms; the Today view (with its open episodes) ≤ 20 ms; one entry inserted
//! ≤ 2 ms; export of the whole log ≤ 2 s; import of it into an empty database ≤ 5 s.

use std::time::Duration;

use chrono::NaiveDateTime;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use soremap_core::model::{RegionSideInput, SorenessInput};
use soremap_core::synthetic::generate;
use soremap_core::Database;

const DAYS: u32 = 3652;
const PER_DAY: u32 = 55;

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-11-22T12:00:00", "%Y-%m-%dT%H:%M:%S").unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    let made = generate(&mut db, DAYS, PER_DAY, now(), 7).unwrap();
    eprintln!(
        "10-year log: {} entries, {} workouts, {} treatments",
        made.entries, made.workouts, made.treatments
    );
    assert!(made.entries >= 200_000);

    let mut g = c.benchmark_group("10-year log");
    g.sample_size(30);
    g.bench_function("trend of one region-side over 10 years", |b| {
        b.iter(|| {
            db.trend("calf", "left", "2016-11-22", "2026-11-22", now())
                .unwrap()
        })
    });
    g.bench_function("whole-body heatmap for a date", |b| {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 6, 12).unwrap();
        b.iter(|| db.cells(date).unwrap())
    });
    g.bench_function("region panel", |b| {
        b.iter(|| db.region_detail("lower-back", "left").unwrap())
    });
    g.bench_function("Today view for a date", |b| {
        b.iter(|| db.day("2026-11-22", now()).unwrap())
    });
    let input = SorenessInput {
        targets: vec![RegionSideInput {
            region: "quadriceps".into(),
            side: "right".into(),
        }],
        intensity: 4.0,
        kind: "doms".into(),
        symptoms: vec![],
        note: String::new(),
        at: Some("2026-11-22T10:00".into()),
    };
    g.bench_function("insert one entry", |b| {
        b.iter(|| db.log_soreness(&input, now()).unwrap())
    });
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    let export = dir.path().join("export.json");
    g.bench_function("export the whole log (JSON)", |b| {
        b.iter(|| db.export_json(&export, now()).unwrap())
    });
    db.export_json(&export, now()).unwrap();
    let bytes = std::fs::read(&export).unwrap();
    g.bench_function("import the whole log into an empty database", |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().unwrap();
                let fresh = Database::open_in_dir(d.path()).unwrap();
                (d, fresh)
            },
            |(_d, mut fresh)| {
                let file = fresh.parse_import(&bytes, now()).unwrap();
                fresh.apply_import(&file, now()).unwrap();
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
