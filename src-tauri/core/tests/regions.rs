//! Regions at two levels: the muscle-level regions, their coarse parents, what each links to,
//! and how entries on a fine region roll up into its coarse region in Today and Trends.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use serde_json::json;
use soremap_core::catalogue::Catalogue;
use soremap_core::model::{roll_up, RegionSideInput, Side, SorenessInput};
use soremap_core::Database;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}
const NOW: &str = "2026-11-22T12:00";

fn db() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in_dir(dir.path()).unwrap();
    (dir, db)
}

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

/// The fine regions and their coarse parents; the body map draws shapes with these ids.
const FINE: [(&str, &str); 20] = [
    ("neck-side", "neck"),
    ("cervical-erectors", "neck"),
    ("lateral-deltoid", "front-shoulder"),
    ("rotator-cuff", "rear-shoulder"),
    ("serratus-anterior", "obliques"),
    ("rhomboids", "upper-back"),
    ("lower-trapezius", "mid-back"),
    ("thoracic-erectors", "mid-back"),
    ("quadratus-lumborum", "lower-back"),
    ("piriformis", "glutes"),
    ("hip-flexors", "quadriceps"),
    ("tfl-it-band", "outer-hip"),
    ("tibialis-anterior", "shin"),
    ("peroneals", "shin"),
    ("gastrocnemius", "calf"),
    ("soleus", "calf"),
    ("brachialis", "biceps"),
    ("forearm-flexors", "forearm"),
    ("forearm-extensors", "forearm"),
    ("plantar-fascia", "sole"),
];

#[test]
fn there_are_47_regions_and_92_region_sides_at_two_levels() {
    let catalogue = Catalogue::embedded().unwrap();
    assert_eq!(catalogue.regions.len(), 47);
    let sides: usize = catalogue.regions.iter().map(|r| r.sides().len()).sum();
    // 25 sided and 2 midline coarse regions (52 sides), and 20 sided fine ones (40).
    assert_eq!(sides, 92);
    let coarse: Vec<_> = catalogue.regions.iter().filter(|r| r.is_coarse()).collect();
    assert_eq!(coarse.len(), 27, "every earlier region stays, as coarse");
    for (id, parent) in FINE {
        let r = catalogue
            .region(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(r.parent.as_deref(), Some(parent), "{id}");
        assert!(r.sided, "{id} is sided");
    }
    assert_eq!(
        catalogue.region("plantar-fascia").unwrap().tissue,
        soremap_core::model::Tissue::TendonJoint
    );
}

#[test]
fn each_fine_region_rolls_up_to_its_coarse_region_side() {
    let (_dir, db) = db();
    let regions = db.regions().unwrap();
    for (id, parent) in FINE {
        for side in ["left", "right"] {
            let up = db.roll_up(id, side).unwrap();
            assert_eq!(up.region, parent, "{id}");
            let expected = if parent == "neck" { "center" } else { side };
            assert_eq!(up.side.as_str(), expected, "{id} {side}");
            let (r, s) = roll_up(&regions, id, side.parse().unwrap()).unwrap();
            assert_eq!((r.id.as_str(), s.as_str()), (parent, expected));
        }
    }
    // A coarse region-side is its own.
    let calf = db.roll_up("calf", "left").unwrap();
    assert_eq!((calf.region.as_str(), calf.side), ("calf", Side::Left));
    assert_eq!(calf.label, "Left calf");
    assert_eq!(db.roll_up("neck-side", "left").unwrap().label, "Neck");
    assert!(db.roll_up("neck-side", "center").is_err());
    assert!(db.roll_up("elbow-pit", "left").is_err());
}

#[test]
fn every_region_has_muscles_and_two_techniques_and_every_link_resolves() {
    let catalogue = Catalogue::embedded().unwrap();
    assert!(
        catalogue.problems().is_empty(),
        "{:?}",
        catalogue.problems()
    );
    for region in &catalogue.regions {
        let muscles = catalogue
            .muscles
            .iter()
            .filter(|m| m.regions.contains(&region.id))
            .count();
        assert!(muscles >= 1, "{} has no muscle", region.id);
        let techniques = catalogue
            .techniques
            .iter()
            .filter(|t| t.regions.contains(&region.id))
            .count();
        assert!(techniques >= 2, "{} has {techniques} techniques", region.id);
    }
    // The six DOMS sites that had nothing now have a point on them.
    for id in [
        "front-shoulder",
        "chest",
        "biceps",
        "triceps",
        "obliques",
        "adductors",
    ] {
        let family: HashSet<&str> = catalogue
            .regions
            .iter()
            .filter(|r| r.id == id || r.parent.as_deref() == Some(id))
            .map(|r| r.id.as_str())
            .collect();
        assert!(
            catalogue
                .points
                .iter()
                .any(|p| family.contains(p.located_in.as_str())),
            "{id} has no point"
        );
    }
    let regions: HashSet<&str> = catalogue.regions.iter().map(|r| r.id.as_str()).collect();
    let sources: HashSet<&str> = catalogue.sources.iter().map(|s| s.id.as_str()).collect();
    for p in &catalogue.points {
        assert!(regions.contains(p.located_in.as_str()), "{}", p.id);
        assert!(p.used_for.contains(&p.located_in), "{}: own region", p.id);
        // A point re-homed to a fine region keeps its coarse region in `used_for`.
        let located = catalogue.region(&p.located_in).unwrap();
        if let Some(parent) = &located.parent {
            let was_coarse = ["ST36", "BL58", "beside-spine-elbow"].contains(&p.id.as_str());
            assert!(!was_coarse || p.used_for.contains(parent), "{}", p.id);
        }
        for c in &p.claims {
            assert!(sources.contains(c.source.as_str()), "{}", p.id);
        }
        if p.code.is_some() {
            assert!(p.sources.iter().any(|s| s == "who-2008"), "{}", p.id);
            assert!(p.pinyin.is_some(), "{}", p.id);
        }
        assert!(p.marker.is_some(), "{} has no map marker", p.id);
        // Points no source claims a benefit for stay where they lie.
        if p.claims.is_empty() && p.source_notes.is_empty() {
            assert_eq!(p.used_for, std::slice::from_ref(&p.located_in), "{}", p.id);
            assert!(p.how_to_apply.contains("SoreMap suggests"), "{}", p.id);
        }
    }
    for m in &catalogue.muscles {
        assert!(!m.sources.is_empty(), "{}", m.id);
    }
}

#[test]
fn a_coarse_region_shows_the_points_on_its_fine_regions_and_its_flags_reach_them() {
    let (_dir, db) = db();
    let shin = db.region_detail("shin", "left").unwrap();
    let on: Vec<_> = shin.points_on.iter().map(|p| p.id.as_str()).collect();
    assert!(on.contains(&"ST36") && on.contains(&"GB34"), "{on:?}");
    assert!(!shin.points_for.iter().any(|p| p.id == "ST36"));
    let tib = db.region_detail("tibialis-anterior", "right").unwrap();
    assert_eq!(tib.label, "Right tibialis anterior");
    assert!(tib.points_on.iter().any(|p| p.id == "ST36"));
    // Flags limited to the calf concern the soleus; those for the shin reach the peroneals.
    let soleus = db.region_detail("soleus", "left").unwrap();
    assert!(soleus
        .flags
        .iter()
        .any(|f| f.regions.contains(&"calf".into())));
    let peroneals = db.region_detail("peroneals", "left").unwrap();
    assert!(peroneals
        .flags
        .iter()
        .any(|f| f.regions.contains(&"shin".into())));
    let neck = db.region_detail("neck-side", "left").unwrap();
    assert!(!neck.muscles.is_empty() && neck.techniques.len() >= 2);
}

#[test]
fn today_counts_fine_entries_under_their_coarse_region() {
    let (_dir, mut db) = db();
    log(&mut db, "soleus", "left", 6.0, "2026-11-20T08:00");
    log(&mut db, "gastrocnemius", "left", 4.0, "2026-11-20T09:00");
    log(&mut db, "calf", "left", 3.0, "2026-11-20T10:00");
    log(&mut db, "neck-side", "right", 5.0, "2026-11-20T08:00");
    log(&mut db, "neck-side", "left", 2.0, "2026-11-20T08:00");
    log(&mut db, "quadriceps", "right", 4.0, "2026-11-20T08:00");
    let day = db.day("2026-11-20", t(NOW)).unwrap();
    // The cells stay as logged, so each shape keeps its own colour …
    assert_eq!(day.cells.len(), 6);
    // … and the coarse view rolls them up.
    let coarse: Vec<(&str, Side, u8)> = day
        .coarse
        .iter()
        .map(|c| (c.region.as_str(), c.side, c.intensity))
        .collect();
    assert_eq!(
        coarse,
        [
            ("calf", Side::Left, 6),
            ("neck", Side::Center, 5),
            ("quadriceps", Side::Right, 4),
        ]
    );
    let calf = &day.coarse[0];
    assert_eq!(calf.label, "Left calf");
    assert_eq!(calf.at, "2026-11-20T10:00:00");
    let parts: Vec<&str> = calf.parts.iter().map(|c| c.region.as_str()).collect();
    assert_eq!(parts, ["soleus", "gastrocnemius", "calf"]);
    assert_eq!(day.coarse[1].label, "Neck");
    assert_eq!(day.coarse[1].parts.len(), 2);
}

#[test]
fn trends_aggregate_at_the_coarse_level_and_name_the_fine_regions() {
    let (_dir, mut db) = db();
    for (day, l, r) in [(10, 6.0, 3.0), (11, 5.0, 2.0)] {
        log(
            &mut db,
            "soleus",
            "left",
            l,
            &format!("2026-11-{day}T08:00"),
        );
        log(&mut db, "calf", "right", r, &format!("2026-11-{day}T08:00"));
        log(
            &mut db,
            "gastrocnemius",
            "left",
            1.0,
            &format!("2026-11-{day}T09:00"),
        );
    }
    log(&mut db, "neck-side", "left", 4.0, "2026-11-10T08:00");
    log(&mut db, "neck-side", "right", 2.0, "2026-11-10T08:00");
    let o = db.trends("2026-11-01", "2026-11-22", t(NOW)).unwrap();

    // Calendar: left calf (soleus 6 beats gastrocnemius 1), right calf, and the neck once.
    assert_eq!(o.calendar.len(), 2);
    assert_eq!(o.calendar[0].regions, 3);
    assert_eq!(o.calendar[0].max, 6);
    assert!((o.calendar[0].mean - (6.0 + 3.0 + 4.0) / 3.0).abs() < 1e-9);
    assert_eq!(o.calendar[1].regions, 2);

    // Left against right is compared on the calf; the neck's sides are one midline region.
    assert_eq!(o.asymmetry.len(), 1, "{:?}", o.asymmetry);
    let a = &o.asymmetry[0];
    assert_eq!((a.region.as_str(), a.days), ("calf", 2));
    assert!((a.left_mean - 5.5).abs() < 1e-9 && (a.right_mean - 2.5).abs() < 1e-9);
    assert_eq!(a.fine, ["Gastrocnemius", "Soleus"]);

    // Medians per coarse region, naming the fine regions whose episodes counted.
    let calf = o.medians.iter().find(|m| m.region == "calf").unwrap();
    assert!(calf.fine.contains(&"Soleus".to_owned()), "{:?}", calf.fine);
    assert!(o.medians.iter().all(|m| m.region != "soleus"));
    let neck = o.medians.iter().find(|m| m.region == "neck").unwrap();
    assert_eq!(neck.fine, ["Side of neck"]);
    // Summaries follow the calendar.
    assert_eq!(o.weeks.iter().map(|w| w.days_logged).sum::<u32>(), 2);
}

#[test]
fn an_export_from_before_the_fine_regions_still_imports_and_round_trips() {
    let (_dir, mut db) = db();
    let old = json!({
        "format": "soremap-export",
        "version": 1,
        "exported_at": "2026-11-01T10:00:00",
        "app_version": "0.1.0",
        "entries": [
            {"id": "0123456789abcdef0123456789abcdef", "at": "2026-10-30T08:00:00", "region": "calf",
             "side": "left", "intensity": 6, "kind": "doms", "symptoms": [], "note": "",
             "created_at": "2026-10-30T08:00:00", "updated_at": "2026-10-30T08:00:00"},
            {"id": "1123456789abcdef0123456789abcdef", "at": "2026-10-30T08:05:00", "region": "neck",
             "side": "center", "intensity": 3, "kind": "stiffness", "symptoms": ["stiffness"], "note": "desk",
             "created_at": "2026-10-30T08:05:00", "updated_at": "2026-10-30T08:05:00"}
        ],
        "workouts": [
            {"id": "2123456789abcdef0123456789abcdef", "at": "2026-10-29T18:00:00", "activity": "Run",
             "effort": 7, "duration_min": 45, "note": "", "created_at": "2026-10-29T18:00:00",
             "regions": [{"region": "calf", "side": "left"}, {"region": "shin", "side": "right"}]}
        ],
        "treatments": [
            {"id": "3123456789abcdef0123456789abcdef", "at": "2026-10-30T20:00:00", "region": "calf",
             "side": "left", "technique": "foam-rolling", "point": null, "duration_sec": 120,
             "before": 6, "after": 5, "note": "", "created_at": "2026-10-30T20:00:00"}
        ],
        "flag_acks": [],
        "pregnancy": false
    });
    let bytes = serde_json::to_vec(&old).unwrap();
    let checked = db.parse_import(&bytes, t(NOW)).unwrap();
    let added = db.apply_import(&checked, t(NOW)).unwrap();
    assert_eq!(added.new_records, 4);

    let out = db.export_file(t(NOW)).unwrap();
    let entries: Vec<(&str, &str, &str)> = out
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.region.as_str(), e.side.as_str()))
        .collect();
    assert!(entries.contains(&("0123456789abcdef0123456789abcdef", "calf", "left")));
    assert!(entries.contains(&("1123456789abcdef0123456789abcdef", "neck", "center")));
    assert_eq!(out.workouts[0].regions.len(), 2);
    assert_eq!(out.treatments[0].region, "calf");
    // Entries on coarse regions are kept as they are, and importing the export again adds
    // nothing.
    let again = serde_json::to_vec(&out).unwrap();
    let checked = db.parse_import(&again, t(NOW)).unwrap();
    let added = db.apply_import(&checked, t(NOW)).unwrap();
    assert_eq!(added.new_records, 0);
    let day = db.day("2026-10-30", t(NOW)).unwrap();
    assert_eq!(day.coarse.len(), 2);
}

/// The window draws the body map from `ui/src/bindings/regions.json` before the core has
/// answered, so that file must hold exactly what `list_regions` answers. Regenerated here, as
/// the TypeScript bindings are: when it was out of date the test writes it anew and fails, and
/// the new file is to be committed.
#[test]
fn the_map_regions_file_is_what_list_regions_answers() {
    let (_dir, db) = db();
    let answer = serde_json::to_string(&db.regions().unwrap()).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/regions.json");
    let file = std::fs::read_to_string(&path).unwrap_or_default();
    if file != answer {
        std::fs::write(&path, &answer).unwrap();
    }
    assert!(
        file == answer,
        "{} was out of date with the catalogue; it has been regenerated: commit it",
        path.display()
    );
}
