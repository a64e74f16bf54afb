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
    let rule = serde_json::to_string(rhabdo.when.as_ref().unwrap()).unwrap();
    assert!(rule.contains("dark-urine"), "{rule}");
    assert!(rhabdo.advice.contains("CK"));
    assert!(rhabdo.do_now.iter().any(|s| s.contains("Drink water")));
    // Every warning sign the log offers triggers at least one flag; the ordinary signs of
    // DOMS trigger none.
    let rules: Vec<String> = catalogue
        .flags
        .iter()
        .filter_map(|f| f.when.as_ref())
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    for symptom in SYMPTOMS {
        let named = rules
            .iter()
            .any(|r| r.contains(&format!("\"{}\"", symptom.id)));
        assert_eq!(
            named, !symptom.ordinary,
            "{} ({}) in a rule: {named}",
            symptom.id, symptom.ordinary
        );
    }
    // Every flag the log can raise says what to do now.
    for f in catalogue.flags.iter().filter(|f| f.when.is_some()) {
        assert!(!f.do_now.is_empty(), "{} says nothing to do", f.id);
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
    let marked = |d: &soremap_core::model::RegionDetail, id: &str, condition: &str| {
        d.personal
            .iter()
            .any(|c| c.id == id && c.condition == condition)
    };
    assert!(marked(&back, "BL23", "pregnancy"));
    assert!(
        marked(&back, "LI4", "pregnancy"),
        "LI4 is used for the low back"
    );
    assert!(!marked(&back, "BL40", "pregnancy"));
    let hand = db.region_detail("hand", "right").unwrap();
    assert!(marked(&hand, "LI4", "pregnancy"));
    assert!(!db.set_pregnancy(false).unwrap().pregnancy);
    let back = db.region_detail("lower-back", "left").unwrap();
    assert!(back.personal.is_empty());
}

#[test]
fn the_health_profile_marks_points_and_techniques_with_why() {
    let (_dir, mut db) = db();
    let glutes = db.region_detail("glutes", "left").unwrap();
    assert!(glutes.personal.is_empty());
    assert!(glutes.flags.iter().all(|f| f.id != "blood-thinners"));

    let settings = db.set_health("blood-thinners", true).unwrap();
    assert!(settings
        .health
        .iter()
        .any(|h| h.id == "blood-thinners" && h.on));
    assert!(!settings.pregnancy);
    let glutes = db.region_detail("glutes", "left").unwrap();
    assert_eq!(glutes.profile, ["blood-thinners"]);
    let gb30 = glutes
        .personal
        .iter()
        .find(|c| c.id == "GB30")
        .expect("GB30 is marked for blood thinners");
    assert!(gb30.why.contains("taking blood thinners"), "{}", gb30.why);
    assert_eq!(gb30.flag.id, "blood-thinners");
    assert!(glutes
        .personal
        .iter()
        .any(|c| c.id == "trigger-point-compression"));
    assert!(glutes.flags.iter().any(|f| f.id == "blood-thinners"));
    assert!(glutes.sources.iter().any(|s| s.id == "mayo-massage"));

    // Limited to the feet: the mat is marked on the sole, not on the back.
    db.set_health("diabetic-neuropathy", true).unwrap();
    let sole = db.region_detail("sole", "left").unwrap();
    assert!(sole.personal.iter().any(|c| c.id == "acupressure-mat"));
    let back = db.region_detail("lower-back", "left").unwrap();
    assert!(back
        .personal
        .iter()
        .all(|c| c.condition != "diabetic-neuropathy"));

    let err = db.set_health("vampirism", true).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("not one SoreMap knows"), "{err}");
    db.set_health("blood-thinners", false).unwrap();
    db.set_health("diabetic-neuropathy", false).unwrap();
    assert!(db.profile().unwrap().is_empty());
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
    // The piriformis is a region of its own now, and its muscle is found with it.
    assert_eq!(
        first(&db, "piriformis"),
        (SearchKind::Region, "piriformis".into())
    );
    assert!(db
        .search("piriformis")
        .unwrap()
        .results
        .iter()
        .any(|r| r.kind == SearchKind::Muscle && r.id == "piriformis"));
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

fn point<'a>(catalogue: &'a Catalogue, id: &str) -> &'a soremap_core::model::Point {
    catalogue
        .points
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("point {id} is missing"))
}

fn technique<'a>(catalogue: &'a Catalogue, id: &str) -> &'a soremap_core::model::Technique {
    catalogue
        .techniques
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("technique {id} is missing"))
}

#[test]
fn points_are_found_from_the_standard_landmarks() {
    let catalogue = Catalogue::embedded().unwrap();
    // L2 is two spinous processes above the line of the iliac crests (L4); the navel is at
    // L3/L4 and the lowest rib leads to T12, so neither finds it.
    let bl23 = point(&catalogue, "BL23").how_to_find.to_lowercase();
    assert!(
        bl23.contains("iliac crest") && bl23.contains("l2"),
        "{bl23}"
    );
    assert!(!bl23.contains("navel") && !bl23.contains("rib"), "{bl23}");
    let bl52 = point(&catalogue, "BL52").how_to_find.to_lowercase();
    assert!(
        bl52.contains("hip bones") && !bl52.contains("waist"),
        "{bl52}"
    );

    let st41 = point(&catalogue, "ST41").how_to_find.to_lowercase();
    assert!(st41.contains("outer and inner ankle bones"), "{st41}");
    assert!(!st41.contains("level with the top of the outer"), "{st41}");

    let gb41 = point(&catalogue, "GB41");
    assert!(
        gb41.how_to_find
            .contains("outer (little-toe) side of the tendon"),
        "{}",
        gb41.how_to_find
    );
    assert!(gb41.how_to_find.contains("GB42"));
    assert!(gb41
        .source_notes
        .iter()
        .any(|n| n.note.as_deref().is_some_and(|t| t.contains("GB43"))));

    let cv6 = point(&catalogue, "CV6").how_to_find.to_lowercase();
    assert!(
        cv6.contains("centre of the navel") && cv6.contains("lower edge"),
        "{cv6}"
    );
}

#[test]
fn no_instruction_contradicts_a_caution() {
    let catalogue = Catalogue::embedded().unwrap();
    let gb21 = point(&catalogue, "GB21");
    assert!(!gb21.how_to_apply.to_lowercase().contains("press down"));
    for caution in &gb21.cautions {
        assert!(!caution.contains("straight down"), "{caution}");
    }

    // The source's tingling stays a quotation; the app says to ease off, never to expect it.
    let gb30 = point(&catalogue, "GB30");
    assert!(gb30
        .claims
        .iter()
        .all(|c| !c.text.to_lowercase().contains("tingl")));
    assert!(gb30
        .source_notes
        .iter()
        .any(|n| n.text.contains("tingling")));
    assert!(gb30.how_to_apply.contains("Ease off"));
    assert!(!gb30.how_to_apply.contains("elbow"));
    assert!(gb30.cautions.iter().any(|c| c.contains("ease off")));
}

#[test]
fn pregnancy_and_ems_cautions_cite_sources_that_give_them() {
    let catalogue = Catalogue::embedded().unwrap();
    for id in ["LI4", "GB21"] {
        let p = point(&catalogue, id);
        assert!(p.sources.iter().any(|s| s == "carr-2015"), "{id}");
        assert!(
            p.cautions
                .iter()
                .any(|c| c.contains("forbidden") && c.contains("no objective evidence of harm")),
            "{id}: {:?}",
            p.cautions
        );
    }
    // The mat's source says nothing about pregnancy, so the caution is the app's own.
    let mat = technique(&catalogue, "acupressure-mat");
    assert!(mat
        .cautions
        .iter()
        .filter(|c| c.contains("pregnan"))
        .all(|c| c.contains("SoreMap's advice")));

    let ems = technique(&catalogue, "ems-training");
    assert!(ems.cautions.iter().any(|c| c.contains("rhabdomyolysis")));
    assert!(ems.cautions.iter().any(|c| c.contains("CK")));
    for source in [
        "kemmler-2016",
        "teschler-2016",
        "kemmler-2019",
        "cdc-niosh-rhabdo",
    ] {
        assert!(ems.sources.iter().any(|s| s == source), "{source}");
    }
}

#[test]
fn stretching_says_the_evidence_found_no_effect_on_doms() {
    let catalogue = Catalogue::embedded().unwrap();
    let stretching = technique(&catalogue, "stretching");
    assert!(
        stretching.summary.contains("no effect on DOMS"),
        "{}",
        stretching.summary
    );
    assert!(stretching.sources.iter().any(|s| s == "herbert-2011"));
    assert!(stretching.duration.contains("SoreMap suggests"));
}

#[test]
fn every_source_is_traceable() {
    let catalogue = Catalogue::embedded().unwrap();
    let has_year = |text: &str| {
        text.as_bytes().windows(4).any(|w| {
            w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20"))
        })
    };
    for source in &catalogue.sources {
        let c = &source.citation;
        assert!(
            c.contains("https://") || c.contains("http://") || c.contains("ISBN"),
            "{}: no URL or ISBN",
            source.id
        );
        assert!(
            has_year(c) || c.contains("undated"),
            "{}: no year",
            source.id
        );
        // Author or publisher first, not a description of what kind of page it is.
        assert!(
            !c.starts_with("Web article") && !c.starts_with("Sports-medicine"),
            "{}: no author or publisher",
            source.id
        );
    }
}

#[test]
fn times_and_links_no_source_gives_are_marked_or_left_out() {
    let catalogue = Catalogue::embedded().unwrap();
    for id in [
        "BL23", "BL52", "ST41", "LI4", "LR3", "GB21", "CV6", "GB30", "BL54",
    ] {
        let p = point(&catalogue, id);
        assert!(
            p.how_to_apply.contains("SoreMap suggests"),
            "{id}: {}",
            p.how_to_apply
        );
    }
    for id in [
        "effleurage",
        "petrissage",
        "foam-rolling",
        "trapezius-grasp",
        "stretching",
    ] {
        let t = technique(&catalogue, id);
        assert!(
            t.duration.contains("SoreMap suggests"),
            "{id}: {}",
            t.duration
        );
    }
    for (id, region) in [
        ("ST36", "knee"),
        ("LI4", "forearm"),
        ("GB21", "neck"),
        ("GB30", "outer-hip"),
        ("GB30", "hamstrings"),
    ] {
        assert!(
            !point(&catalogue, id).used_for.iter().any(|r| r == region),
            "{id} is not for {region} in any source"
        );
    }
}

#[test]
fn the_back_pain_routine_carries_its_chronic_back_pain_caution() {
    let catalogue = Catalogue::embedded().unwrap();
    // Every point matched to the EMS studio's routine carries the routine's own warning.
    for p in catalogue.points.iter().filter(|p| {
        p.source_notes
            .iter()
            .any(|n| n.source == "volt-back-pain-points")
    }) {
        assert!(
            p.cautions.iter().any(|c| c.contains("chronic back pain")),
            "{}",
            p.id
        );
    }
    let rising = catalogue
        .timeline
        .phases
        .iter()
        .find(|p| p.id == "rising")
        .unwrap();
    assert!(rising.felt.contains("24-48 hours"), "{}", rising.felt);
}
