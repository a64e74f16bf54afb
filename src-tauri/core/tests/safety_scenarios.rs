//! Realistic logs and the most serious warning each one raises, as a person using SoreMap
//! would see it: after every entry, the entries' flags and the region-side's latest episode.
//!
//! Ordinary training (single and repeated sessions, missed days, a harder session, late
//! peaks, one entry and then silence) must never raise more than a caution; each warning sign
//! of the sources must raise its own tier.

use chrono::{Duration, NaiveDateTime};
use soremap_core::model::{RegionSideInput, Severity, SorenessInput, WorkoutInput};
use soremap_core::Database;

/// Something the person logs, `hours` after the scenario starts.
#[derive(Clone, Copy)]
enum Ev {
    /// A workout that worked the region-side.
    Workout(f64),
    /// DOMS at this intensity with these symptoms.
    Sore(f64, u8, &'static [&'static str]),
    /// Soreness logged as this kind (`pain`, `acute`, …).
    Kind(f64, u8, &'static str, &'static [&'static str]),
}

impl Ev {
    fn hours(self) -> f64 {
        match self {
            Ev::Workout(h) | Ev::Sore(h, ..) | Ev::Kind(h, ..) => h,
        }
    }
}

struct Scenario {
    name: &'static str,
    region: &'static str,
    side: &'static str,
    profile: &'static [&'static str],
    events: Vec<Ev>,
    /// Also look this many hours after the start, with nothing more logged.
    quiet_until: Option<f64>,
    /// The most serious tier raised at any point (`None`: nothing at all).
    want: Option<Severity>,
    /// A flag that must be among those raised.
    flag: Option<&'static str>,
}

use Ev::{Kind, Sore, Workout};

const NONE: &[&str] = &[];

fn s(
    name: &'static str,
    region: &'static str,
    side: &'static str,
    events: Vec<Ev>,
    want: Option<Severity>,
    flag: Option<&'static str>,
) -> Scenario {
    Scenario {
        name,
        region,
        side,
        profile: &[],
        events,
        quiet_until: None,
        want,
        flag,
    }
}

/// Twice a week for two weeks, moderate soreness gone in about three days.
fn twice_a_week() -> Vec<Ev> {
    vec![
        Workout(0.0),
        Sore(24.0, 4, NONE),
        Sore(48.0, 5, NONE),
        Sore(70.0, 3, NONE),
        Workout(72.0),
        Sore(96.0, 4, NONE),
        Sore(120.0, 5, NONE),
        Sore(144.0, 2, NONE),
        Workout(168.0),
        Sore(192.0, 5, NONE),
        Sore(216.0, 4, NONE),
        Sore(238.0, 2, NONE),
        Workout(240.0),
        Sore(264.0, 4, NONE),
        Sore(288.0, 5, NONE),
        Sore(312.0, 2, NONE),
        Sore(336.0, 1, NONE),
    ]
}

fn scenarios() -> Vec<Scenario> {
    use Severity::{Caution, Professional, Urgent};
    vec![
        // --- Ordinary training: nothing above a caution --------------------------------
        s(
            "one session, ordinary DOMS",
            "quadriceps",
            "left",
            vec![
                Workout(0.0),
                Sore(24.0, 4, NONE),
                Sore(48.0, 5, NONE),
                Sore(72.0, 3, NONE),
                Sore(96.0, 1, NONE),
            ],
            None,
            None,
        ),
        s(
            "one session, irregular entries",
            "hamstrings",
            "right",
            vec![
                Workout(0.0),
                Sore(10.0, 1, NONE),
                Sore(30.0, 5, NONE),
                Sore(54.0, 4, NONE),
                Sore(100.0, 2, NONE),
                Sore(130.0, 0, NONE),
            ],
            None,
            None,
        ),
        s(
            "twice a week for two weeks",
            "quadriceps",
            "right",
            twice_a_week(),
            None,
            None,
        ),
        s(
            "twice a week with missed days",
            "calf",
            "left",
            vec![
                Workout(0.0),
                Sore(48.0, 5, NONE),
                Workout(72.0),
                Sore(144.0, 3, NONE),
                Workout(168.0),
                Sore(216.0, 4, NONE),
                Sore(300.0, 1, NONE),
            ],
            None,
            None,
        ),
        s(
            "a harder second session",
            "glutes",
            "left",
            vec![
                Workout(0.0),
                Sore(24.0, 4, NONE),
                Sore(48.0, 5, NONE),
                Sore(72.0, 3, NONE),
                Workout(96.0),
                Sore(120.0, 6, NONE),
                Sore(144.0, 7, NONE),
                Sore(168.0, 5, NONE),
                Sore(192.0, 3, NONE),
                Sore(216.0, 1, NONE),
            ],
            None,
            None,
        ),
        s(
            "a block of sessions three days apart, sore throughout",
            "lower-back",
            "right",
            vec![
                Workout(0.0),
                Sore(24.0, 4, NONE),
                Sore(48.0, 5, NONE),
                Workout(72.0),
                Sore(73.0, 4, NONE),
                Sore(96.0, 5, NONE),
                Sore(120.0, 5, NONE),
                Workout(144.0),
                Sore(168.0, 5, NONE),
                Sore(192.0, 4, NONE),
                Workout(216.0),
                Sore(240.0, 5, NONE),
                Sore(264.0, 4, NONE),
                Sore(300.0, 2, NONE),
            ],
            None,
            None,
        ),
        s(
            "a late peak",
            "hamstrings",
            "left",
            vec![
                Workout(0.0),
                Sore(20.0, 2, NONE),
                Sore(44.0, 3, NONE),
                Sore(68.0, 5, NONE),
                Sore(80.0, 6, NONE),
                Sore(104.0, 4, NONE),
                Sore(128.0, 2, NONE),
                Sore(160.0, 0, NONE),
            ],
            None,
            None,
        ),
        Scenario {
            quiet_until: Some(300.0),
            ..s(
                "one entry, then silence",
                "shin",
                "left",
                vec![Sore(0.0, 5, NONE)],
                None,
                None,
            )
        },
        Scenario {
            quiet_until: Some(200.0),
            ..s(
                "a workout, one entry, then silence",
                "biceps",
                "right",
                vec![Workout(0.0), Sore(30.0, 5, NONE)],
                None,
                None,
            )
        },
        s(
            "soreness logged without its workout",
            "triceps",
            "left",
            vec![
                Sore(0.0, 3, NONE),
                Sore(24.0, 5, NONE),
                Sore(72.0, 2, NONE),
                Sore(96.0, 0, NONE),
            ],
            None,
            None,
        ),
        s(
            "the ordinary signs of DOMS ticked",
            "quadriceps",
            "left",
            vec![
                Workout(0.0),
                Sore(24.0, 5, &["mild-swelling", "stiffness", "strength-down"]),
                Sore(48.0, 6, &["strength-down"]),
                Sore(96.0, 2, NONE),
            ],
            None,
            None,
        ),
        s(
            "two sessions on one day",
            "chest",
            "left",
            vec![
                Workout(0.0),
                Workout(8.0),
                Sore(24.0, 5, NONE),
                Sore(48.0, 6, NONE),
                Sore(96.0, 2, NONE),
            ],
            None,
            None,
        ),
        s(
            "7/10 after a new programme",
            "adductors",
            "right",
            vec![
                Workout(0.0),
                Sore(24.0, 6, NONE),
                Sore(48.0, 7, &["mild-swelling", "strength-down"]),
                Sore(72.0, 6, NONE),
                Sore(96.0, 4, NONE),
                Sore(120.0, 2, NONE),
            ],
            None,
            None,
        ),
        s(
            "Achilles soreness after running",
            "achilles",
            "left",
            vec![
                Workout(0.0),
                Sore(24.0, 3, NONE),
                Sore(48.0, 3, NONE),
                Sore(96.0, 1, NONE),
            ],
            None,
            None,
        ),
        Scenario {
            profile: &["pregnancy"],
            ..s(
                "pregnant, ordinary low-back soreness",
                "lower-back",
                "left",
                vec![
                    Workout(0.0),
                    Sore(24.0, 4, NONE),
                    Sore(48.0, 5, NONE),
                    Sore(96.0, 1, NONE),
                ],
                Some(Caution),
                Some("pregnancy"),
            )
        },
        Scenario {
            profile: &["dvt", "blood-thinners"],
            ..s(
                "a past DVT, ordinary calf soreness",
                "calf",
                "right",
                vec![
                    Workout(0.0),
                    Sore(24.0, 4, &["stiffness"]),
                    Sore(48.0, 5, NONE),
                    Sore(96.0, 2, NONE),
                ],
                Some(Caution),
                Some("dvt-history"),
            )
        },
        // --- Warning signs at their tier -----------------------------------------------
        s(
            "dark urine",
            "quadriceps",
            "left",
            vec![Workout(0.0), Sore(36.0, 6, &["dark-urine"])],
            Some(Urgent),
            Some("rhabdomyolysis"),
        ),
        s(
            "9/10 with weakness and swelling the day after a hard session",
            "quadriceps",
            "right",
            vec![Workout(0.0), Sore(20.0, 9, &["weakness", "swelling"])],
            Some(Urgent),
            Some("rhabdomyolysis"),
        ),
        s(
            "8/10 and unable to finish the workout",
            "hamstrings",
            "left",
            vec![Workout(0.0), Kind(1.0, 8, "acute", &["unable-to-finish"])],
            Some(Urgent),
            Some("rhabdomyolysis"),
        ),
        s(
            "9/10 with marked swelling, workout not logged",
            "triceps",
            "right",
            vec![Sore(0.0, 9, &["swelling"])],
            Some(Urgent),
            Some("rhabdomyolysis"),
        ),
        s(
            "8/10 with nothing else",
            "glutes",
            "right",
            vec![Workout(0.0), Sore(24.0, 8, NONE)],
            Some(Professional),
            Some("severe-pain"),
        ),
        s(
            "fever with the soreness",
            "lats",
            "left",
            vec![Workout(0.0), Sore(24.0, 5, &["fever-chills"])],
            Some(Urgent),
            Some("fever"),
        ),
        s(
            "back pain with saddle numbness",
            "lower-back",
            "left",
            vec![Kind(0.0, 5, "pain", &["saddle-numbness"])],
            Some(Urgent),
            Some("cauda-equina"),
        ),
        s(
            "back pain with a new bladder change",
            "lower-back",
            "right",
            vec![Kind(0.0, 4, "pain", &["bladder-bowel-change"])],
            Some(Urgent),
            Some("cauda-equina"),
        ),
        s(
            "back pain with weakness in both legs",
            "lower-back",
            "left",
            vec![Workout(0.0), Sore(24.0, 6, &["weakness-both-legs"])],
            Some(Urgent),
            Some("cauda-equina"),
        ),
        s(
            "weakness in both legs after leg day, no back pain",
            "hamstrings",
            "right",
            vec![Workout(0.0), Sore(24.0, 6, &["weakness-both-legs"])],
            Some(Professional),
            Some("nerve-compression"),
        ),
        s(
            "chest pain or sudden breathlessness",
            "chest",
            "left",
            vec![Kind(0.0, 3, "pain", &["chest-pain-breathless"])],
            Some(Urgent),
            Some("chest-pain"),
        ),
        s(
            "one swollen, warm calf with no workout",
            "calf",
            "left",
            vec![Kind(0.0, 4, "pain", &["swelling", "warmth-redness"])],
            Some(Professional),
            Some("suspected-dvt"),
        ),
        s(
            "back-of-knee swelling with pain at rest after a workout",
            "back-of-knee",
            "right",
            vec![Workout(0.0), Sore(24.0, 3, &["swelling", "pain-at-rest"])],
            Some(Professional),
            Some("suspected-dvt"),
        ),
        Scenario {
            profile: &["dvt"],
            ..s(
                "a past DVT and calf pain at rest",
                "calf",
                "left",
                vec![Kind(0.0, 3, "pain", &["pain-at-rest"])],
                Some(Professional),
                Some("suspected-dvt"),
            )
        },
        s(
            "tingling down the leg",
            "glutes",
            "left",
            vec![Sore(0.0, 4, &["numbness-tingling"])],
            Some(Professional),
            Some("nerve-compression"),
        ),
        s(
            "still rising after 72 hours",
            "calf",
            "right",
            vec![
                Workout(0.0),
                Sore(24.0, 3, NONE),
                Sore(48.0, 4, NONE),
                Sore(76.0, 4, NONE),
                Sore(100.0, 6, NONE),
            ],
            Some(Professional),
            Some("not-settling"),
        ),
        s(
            "not settled after 7 days",
            "quadriceps",
            "left",
            vec![
                Workout(0.0),
                Sore(24.0, 5, NONE),
                Sore(96.0, 4, NONE),
                Sore(180.0, 4, NONE),
            ],
            Some(Professional),
            Some("not-settling"),
        ),
        s(
            "unexplained weight loss",
            "mid-back",
            "left",
            vec![Kind(0.0, 3, "pain", &["weight-loss"])],
            Some(Professional),
            Some("weight-loss"),
        ),
        s(
            "just injured: sudden sharp pain during a sprint",
            "hamstrings",
            "left",
            vec![Workout(0.0), Kind(0.5, 6, "acute", &["sudden-sharp-pain"])],
            Some(Professional),
            Some("acute-injury"),
        ),
        s(
            "severe shin pain with swelling after a long run",
            "shin",
            "right",
            vec![Workout(0.0), Sore(12.0, 9, &["swelling"])],
            Some(Urgent),
            Some("compartment-syndrome"),
        ),
        Scenario {
            events: {
                let mut e = twice_a_week();
                e.push(Sore(340.0, 5, &["dark-urine", "fever-chills"]));
                e
            },
            ..s(
                "two weeks of ordinary training, then dark urine and fever",
                "calf",
                "right",
                vec![],
                Some(Urgent),
                Some("fever"),
            )
        },
        Scenario {
            profile: &["pregnancy"],
            ..s(
                "pregnant, with dark urine",
                "abdomen",
                "center",
                vec![Workout(0.0), Sore(30.0, 5, &["dark-urine"])],
                Some(Urgent),
                Some("pregnancy"),
            )
        },
    ]
}

fn base() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-10-01T08:00", "%Y-%m-%dT%H:%M").unwrap()
}

fn at(hours: f64) -> NaiveDateTime {
    base() + Duration::minutes((hours * 60.0) as i64)
}

fn fmt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// The flags a person can see now: every entry's and the latest episode's.
fn seen(db: &Database, sc: &Scenario, now: NaiveDateTime) -> Vec<(Severity, String)> {
    let mut out: Vec<(Severity, String)> = db
        .entries_between("0000", "9999")
        .unwrap()
        .iter()
        .flat_map(|e| e.flags.iter().map(|f| (f.flag.severity, f.flag.id.clone())))
        .collect();
    if let Some(view) = db.episode_view(sc.region, sc.side, now).unwrap() {
        out.extend(
            view.flags
                .iter()
                .map(|f| (f.flag.severity, f.flag.id.clone())),
        );
        if sc.region == "achilles" {
            assert!(
                view.verdict.not_judged.is_some(),
                "{}: judged as DOMS",
                sc.name
            );
            assert!(!view.verdict.fits_doms, "{}", sc.name);
        }
    }
    out
}

fn run(sc: &Scenario) -> (Option<Severity>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    for c in sc.profile {
        db.set_health(c, true).unwrap();
    }
    let target = || RegionSideInput {
        region: sc.region.into(),
        side: sc.side.into(),
    };
    let mut events = sc.events.clone();
    events.sort_by(|a, b| a.hours().total_cmp(&b.hours()));
    let mut all = Vec::new();
    for ev in events {
        let when = at(ev.hours());
        let now = when + Duration::hours(1);
        match ev {
            Workout(_) => {
                db.log_workout(
                    &WorkoutInput {
                        at: Some(fmt(when)),
                        activity: "Training".into(),
                        effort: 7.0,
                        duration_min: 60.0,
                        note: String::new(),
                        targets: vec![target()],
                    },
                    now,
                )
                .unwrap();
            }
            Sore(_, v, symptoms) | Kind(_, v, _, symptoms) => {
                let kind = match ev {
                    Kind(_, _, k, _) => k,
                    _ => "doms",
                };
                db.log_soreness(
                    &SorenessInput {
                        targets: vec![target()],
                        intensity: f64::from(v),
                        kind: kind.into(),
                        symptoms: symptoms.iter().map(|s| (*s).to_owned()).collect(),
                        note: String::new(),
                        at: Some(fmt(when)),
                    },
                    now,
                )
                .unwrap();
            }
        }
        all.extend(seen(&db, sc, now));
    }
    if let Some(quiet) = sc.quiet_until {
        for h in (0..=quiet as i64).step_by(12) {
            all.extend(seen(&db, sc, at(h as f64)));
        }
    }
    let top = all.iter().map(|(s, _)| *s).min();
    let mut ids: Vec<String> = all.into_iter().map(|(_, id)| id).collect();
    ids.sort();
    ids.dedup();
    (top, ids)
}

#[test]
fn every_scenario_raises_its_tier_and_no_more() {
    let scenarios = scenarios();
    assert!(scenarios.len() >= 20);
    let mut wrong = Vec::new();
    for sc in &scenarios {
        let (top, ids) = run(sc);
        if top != sc.want {
            wrong.push(format!(
                "{}: top tier {top:?}, wanted {:?} (raised {ids:?})",
                sc.name, sc.want
            ));
        }
        if let Some(flag) = sc.flag {
            if !ids.iter().any(|i| i == flag) {
                wrong.push(format!("{}: {flag} not raised (raised {ids:?})", sc.name));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn ordinary_training_never_goes_above_a_caution() {
    for sc in scenarios()
        .iter()
        .filter(|sc| sc.want.is_none() || sc.want == Some(Severity::Caution))
    {
        let (top, ids) = run(sc);
        assert!(
            top.is_none_or(|t| t == Severity::Caution),
            "{}: {top:?} {ids:?}",
            sc.name
        );
    }
}

#[test]
fn repeated_training_is_a_row_of_bouts() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in_dir(dir.path()).unwrap();
    let sc = &scenarios()[2];
    assert_eq!(sc.name, "twice a week for two weeks");
    for ev in &sc.events {
        let when = at(ev.hours());
        match *ev {
            Workout(_) => {
                db.log_workout(
                    &WorkoutInput {
                        at: Some(fmt(when)),
                        activity: "Squats".into(),
                        effort: 7.0,
                        duration_min: 60.0,
                        note: String::new(),
                        targets: vec![RegionSideInput {
                            region: sc.region.into(),
                            side: sc.side.into(),
                        }],
                    },
                    at(400.0),
                )
                .unwrap();
            }
            Sore(_, v, _) => {
                db.log_soreness(
                    &SorenessInput {
                        targets: vec![RegionSideInput {
                            region: sc.region.into(),
                            side: sc.side.into(),
                        }],
                        intensity: f64::from(v),
                        kind: "doms".into(),
                        symptoms: vec![],
                        note: String::new(),
                        at: Some(fmt(when)),
                    },
                    at(400.0),
                )
                .unwrap();
            }
            Kind(..) => unreachable!(),
        }
    }
    let episodes = db.episodes_for(sc.region, sc.side, at(400.0)).unwrap();
    let starts: Vec<f64> = episodes
        .iter()
        .map(|e| {
            let t = NaiveDateTime::parse_from_str(&e.start, "%Y-%m-%dT%H:%M:%S").unwrap();
            (t - base()).num_hours() as f64
        })
        .collect();
    assert_eq!(starts, [0.0, 72.0, 168.0, 240.0], "one bout per workout");
    assert!(episodes.iter().all(|e| e.peak <= 5));
    assert!(episodes
        .iter()
        .take(3)
        .all(|e| e.ended_by == soremap_core::model::EpisodeEdge::NextBout));
}
