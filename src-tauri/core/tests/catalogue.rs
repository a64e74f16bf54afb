//! The shipped catalogue: complete for the body map, accurate to the reference points,
//! searchable, and honest about its sources.

use soremap_core::catalogue::{Catalogue, SYMPTOMS};
use soremap_core::model::{SearchKind, Severity};
use soremap_core::{Database, ErrorKind};

fn db() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in_dir(dir.path()).unwrap();
    (dir, db)
}

#[test]
fn has_every_reference_point_with_what_a_person_needs() {
    let catalogue = Catalogue::embedded().unwrap();
    for code in [
        "ST36", "BL58", "BL40", "BL23", "BL52", "BL25", "GB41", "LI4", "LR3", "GB21", "CV6",
        "GB30", "BL54",
    ] {
        let point = catalogue
            .points
            .iter()
            .find(|p| p.code.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("{code} is missing"));
        assert!(point.pinyin.is_some(), "{code} has no pinyin");
        assert!(!point.names.is_empty(), "{code} has no English name");
        assert!(
            point.sources.iter().any(|s| s == "who-2008"),
            "{code}: location not cited"
        );
        assert!(point.marker.is_some(), "{code} has no map marker");
        assert!(point.used_for.contains(&point.located_in) || !point.used_for.is_empty());
    }
    // The six back-massage points of the back-massage source, each with its own words.
    let described = catalogue
        .points
        .iter()
        .filter(|p| {
            p.source_notes
                .iter()
                .any(|n| n.source == "back-massage-points")
        })
        .count();
    assert_eq!(described, 6);
    // The six back-pain points of the EMS studio's post: all stored with its words, matched
    // to standard points as an interpretation.
    let interpreted: Vec<_> = catalogue
        .points
        .iter()
        .filter(|p| {
            p.source_notes
                .iter()
                .any(|n| n.source == "volt-back-pain-points" && n.interpreted)
        })
        .map(|p| p.id.as_str())
        .collect();
    for id in ["BL23", "CV6", "LI4", "GB30", "BL40", "LR3"] {
        assert!(
            interpreted.contains(&id),
            "{id} not matched: {interpreted:?}"
        );
    }
}

#[test]
fn does_not_copy_the_mislabelled_gb41_caption() {
    let catalogue = Catalogue::embedded().unwrap();
    let gb41 = catalogue.points.iter().find(|p| p.id == "GB41").unwrap();
    assert_eq!(gb41.pinyin.as_deref(), Some("Zulinqi"));
    assert!(gb41.location.contains("4th and 5th metatarsal"));
    assert!(!gb41.names.iter().any(|n| n.contains("Stream Divide")));
    let st41 = catalogue.points.iter().find(|p| p.id == "ST41").unwrap();
    assert!(st41.location.contains("ankle"));
}

#[test]
fn claims_are_attributed_and_never_unsupported() {
    let catalogue = Catalogue::embedded().unwrap();
    for point in &catalogue.points {
        for claim in &point.claims {
            assert!(
                !claim.text.to_lowercase().contains("toxin"),
                "{}: unsupported claim",
                point.id
            );
        }
    }
}

#[test]
fn every_region_has_techniques_and_the_named_techniques_exist() {
    let catalogue = Catalogue::embedded().unwrap();
    for region in &catalogue.regions {
        let n = catalogue
            .techniques
            .iter()
            .filter(|t| t.regions.contains(&region.id))
            .count();
        assert!(n >= 2, "{} has {n} techniques", region.id);
    }
    for id in [
        "effleurage",
        "petrissage",
        "trigger-point-compression",
        "foam-rolling",
        "tennis-ball-wall",
        "trapezius-grasp",
        "circular-thumb-pressure",
        "elbow-beside-spine",
        "acupressure-mat",
        "stretching",
        "low-impact-substitute",
        "ems-training",
    ] {
        assert!(catalogue.techniques.iter().any(|t| t.id == id), "{id}");
    }
    for id in [
        "erector-spinae",
        "gluteus-medius",
        "piriformis",
        "rhomboids",
        "upper-trapezius",
    ] {
        assert!(catalogue.muscles.iter().any(|m| m.id == id), "{id}");
    }
}

#[test]
fn timeline_and_red_flags_match_the_reference_facts() {
    let catalogue = Catalogue::embedded().unwrap();
    let t = &catalogue.timeline;
    assert_eq!(t.typical_peak_hours, [24, 72]);
    assert_eq!(t.typically_gone_hours, [120, 168]);
    let peak = t.phases.iter().find(|p| p.id == "peak").unwrap();
    assert_eq!((peak.start_hours, peak.end_hours), (24, 72));

    let rhabdo = catalogue
        .flags
        .iter()
        .find(|f| f.id == "rhabdomyolysis")
        .unwrap();
    assert_eq!(rhabdo.severity, Severity::Urgent);
    assert!(rhabdo.symptoms.contains(&"dark-urine".to_owned()));
    assert!(rhabdo.advice.contains("CK"));
    // Every symptom the log offers triggers at least one flag.
    for (symptom, _) in SYMPTOMS {
        assert!(
            catalogue
                .flags
                .iter()
                .any(|f| f.symptoms.iter().any(|s| s == symptom)),
            "{symptom} triggers nothing"
        );
    }
}

#[test]
fn region_panel_carries_flags_and_pregnancy_warnings() {
    let (_dir, mut db) = db();
    let back = db.region_detail("lower-back", "left").unwrap();
    assert_eq!(back.flags[0].severity, Severity::Urgent);
    assert!(back.flags.iter().any(|f| f.id == "back-pain-after-workout"));
    assert!(back.flags.iter().all(|f| f.id != "pregnancy"));
    assert!(!back.pregnancy);
    assert!(back.muscles.iter().any(|m| m.id == "erector-spinae"));
    assert_eq!(back.timeline.phases.len(), 4);

    let calf = db.region_detail("calf", "left").unwrap();
    assert!(calf.flags.iter().all(|f| f.id != "back-pain-after-workout"));

    assert!(db.set_pregnancy(true).unwrap().pregnancy);
    let back = db.region_detail("lower-back", "left").unwrap();
    assert!(back.pregnancy);
    assert!(back.flags.iter().any(|f| f.id == "pregnancy"));
    assert!(back
        .points_on
        .iter()
        .any(|p| p.id == "BL23" && p.pregnancy_caution));
    let hand = db.region_detail("hand", "right").unwrap();
    assert!(hand
        .points_on
        .iter()
        .any(|p| p.id == "LI4" && p.pregnancy_caution));
    assert!(!db.set_pregnancy(false).unwrap().pregnancy);
}

fn first(db: &Database, query: &str) -> (SearchKind, String) {
    let found = db.search(query).unwrap();
    let r = found
        .results
        .first()
        .unwrap_or_else(|| panic!("nothing for {query:?}: {:?}", found.message));
    (r.kind, r.id.clone())
}

#[test]
fn search_finds_points_by_code_in_any_form_and_by_name() {
    let (_dir, db) = db();
    for query in ["BL40", "bl40", "bl-40", "bl 40", "UB40", "Bl.40", " BL40 "] {
        assert_eq!(
            first(&db, query),
            (SearchKind::Point, "BL40".into()),
            "{query}"
        );
    }
    for query in [
        "weizhong",
        "Weizhong",
        "wei zhong",
        "Middle of the Crook",
        "weizh",
    ] {
        assert_eq!(
            first(&db, query),
            (SearchKind::Point, "BL40".into()),
            "{query}"
        );
    }
    assert_eq!(first(&db, "zusanli"), (SearchKind::Point, "ST36".into()));
    assert_eq!(
        first(&db, "Leg Three Miles"),
        (SearchKind::Point, "ST36".into())
    );
    assert_eq!(first(&db, "hegu"), (SearchKind::Point, "LI4".into()));
}

#[test]
fn search_finds_body_words_techniques_and_muscles() {
    let (_dir, db) = db();
    assert_eq!(first(&db, "calf"), (SearchKind::Region, "calf".into()));
    let knee = db.search("behind the knee").unwrap();
    assert!(
        knee.results
            .iter()
            .take(3)
            .any(|r| r.id == "back-of-knee" || r.id == "BL40"),
        "{knee:?}"
    );
    assert_eq!(
        first(&db, "piriformis"),
        (SearchKind::Muscle, "piriformis".into())
    );
    assert_eq!(
        first(&db, "foam roll"),
        (SearchKind::Technique, "foam-rolling".into())
    );
    let paraspinal = db.search("paraspinal").unwrap();
    assert!(paraspinal.results.iter().any(|r| r.region == "lower-back"));
}

#[test]
fn search_never_fails_on_odd_input() {
    let (_dir, db) = db();
    for query in [
        "\"",
        "\"\"",
        "*",
        "-",
        "NEAR",
        "NEAR(calf knee)",
        "calf OR",
        "AND",
        "(",
        ")",
        "bl40\"",
        "calf*",
        "-calf",
        "^",
        "'; DROP TABLE points; --",
        "🦵",
        "ç",
        "   ",
    ] {
        let found = db
            .search(query)
            .unwrap_or_else(|e| panic!("{query:?} failed: {e}"));
        assert!(
            !found.results.is_empty() || found.message.is_some(),
            "{query:?} gave neither results nor a message"
        );
    }
    let empty = db.search("").unwrap();
    assert!(empty.results.is_empty());
    assert!(empty.message.unwrap().contains("BL40"));

    let none = db.search("xylophone").unwrap();
    assert!(none.results.is_empty());
    assert!(none.message.unwrap().contains("Nothing matches"));

    let long = "calf ".repeat(50);
    let err = db.search(&long).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("at most 200"), "{err}");
    assert_eq!(db.search(&"k".repeat(200)).unwrap().results.len(), 0);
}
