//! Warnings in the real app: an urgent sign logged through the form raises the urgent flag
//! with what to do now; the health profile changes a point's caution; ordinary training
//! raises nothing alarming.

use serde_json::json;
use soremap_e2e::{hours_ago, Session, WAIT};

fn shape(view: &str, region: &str, side: &str) -> String {
    format!(".figure[data-view={view}] .region[data-region={region}][data-side={side}]")
}

fn open_region(s: &Session, view: &str, region: &str, side: &str, title: &str) {
    s.click_on(&shape(view, region, side));
    s.wait_for_text(".region-panel h2", title, WAIT).unwrap();
}

#[test]
fn fever_with_soreness_logged_in_the_form_is_urgent_with_what_to_do_now() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    open_region(&s, "front", "quadriceps", "left", "Left quadriceps");
    s.click_on("[data-section=log] .scale [value=\"5\"]");
    s.click_on("[data-section=log] details.symptoms summary");
    // The ordinary signs of DOMS and the warning signs are listed apart.
    s.wait_for(
        "[data-section=log] .checks-ordinary input[value=mild-swelling]",
        WAIT,
    )
    .unwrap();
    s.click_on("[data-section=log] .checks-warning input[value=fever-chills]");
    s.click_on("[data-section=log] form button[type=submit]");
    let flag = s
        .wait_for_text(
            "[data-section=log] .raised.severity-urgent[data-raised=fever]",
            "seek medical evaluation now",
            WAIT,
        )
        .unwrap();
    assert!(flag.contains("Do this now:"), "{flag}");
    assert!(flag.contains("Why: You noted fever or chills"), "{flag}");
    s.screenshot("30-urgent-fever").unwrap();

    s.click_on("[data-action=today]");
    s.wait_for(
        "[data-section=open-episodes] .raised.severity-urgent[data-raised=fever]",
        WAIT,
    )
    .unwrap();
}

#[test]
fn severe_soreness_with_weakness_after_a_workout_is_rhabdomyolysis() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    let reply = s.invoke(
        "log_workout",
        json!({"input": {"at": hours_ago(20), "activity": "Squats to failure", "effort": 10,
               "duration_min": 60, "note": "", "targets": [{"region": "quadriceps", "side": "right"}]}}),
    );
    assert!(reply["ok"].is_object(), "{reply}");
    open_region(&s, "front", "quadriceps", "right", "Right quadriceps");
    s.click_on("[data-section=log] .scale [value=\"9\"]");
    s.click_on("[data-section=log] details.symptoms summary");
    s.click_on("[data-section=log] input[value=weakness]");
    s.click_on("[data-section=log] input[value=swelling]");
    s.click_on("[data-section=log] form button[type=submit]");
    let flag = s
        .wait_for_text(
            "[data-section=log] .raised.severity-urgent[data-raised=rhabdomyolysis]",
            "seek care now",
            WAIT,
        )
        .unwrap();
    for words in ["Drink water", "CK", "Soreness reached 9/10"] {
        assert!(flag.contains(words), "{words}: {flag}");
    }
    s.wait_for("[data-verdict=does-not-fit]", WAIT).unwrap();
    s.screenshot("31-urgent-rhabdomyolysis").unwrap();
}

#[test]
fn just_injured_is_one_tick_and_says_no_pressure_there() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    open_region(&s, "back", "hamstrings", "left", "Left hamstrings");
    s.click_on("[data-section=log] .scale [value=\"6\"]");
    s.click_on("[data-section=log] .just-injured input[value=sudden-sharp-pain]");
    s.click_on("[data-section=log] form button[type=submit]");
    s.wait_for(
        "[data-section=log] .raised.severity-professional[data-raised=injury-not-doms]",
        WAIT,
    )
    .unwrap();
    s.wait_for_text(
        "[data-section=log] [data-raised=acute-injury]",
        "No massage or pressure there",
        WAIT,
    )
    .unwrap();
}

#[test]
fn a_health_condition_changes_a_points_caution_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    let marked = "details.point[data-point=GB30] .personal-caution[data-condition=blood-thinners]";
    open_region(&s, "back", "glutes", "left", "Left glutes");
    assert!(s.find_all(marked).unwrap().is_empty());

    s.click_on("[data-action=health]");
    s.click_on("[data-view=health] input[value=blood-thinners]");
    s.wait_for(
        "[data-view=health] input[value=blood-thinners]:checked",
        WAIT,
    )
    .unwrap();
    open_region(&s, "back", "glutes", "left", "Left glutes");
    let note = s
        .wait_for_text(marked, "Your health profile says", WAIT)
        .unwrap();
    assert!(note.contains("blood thinners"), "{note}");
    s.wait_for(
        "details.point[data-point=GB30] summary .chip-personal",
        WAIT,
    )
    .unwrap();
    s.screenshot("32-health-profile-gb30").unwrap();

    // Cleared again: the caution goes.
    s.click_on("[data-action=health]");
    s.click_on("[data-view=health] input[value=blood-thinners]");
    s.wait_for(
        "[data-view=health] input[value=blood-thinners]:not(:checked)",
        WAIT,
    )
    .unwrap();
    open_region(&s, "back", "glutes", "left", "Left glutes");
    s.wait_for("details.point[data-point=GB30]", WAIT).unwrap();
    assert!(s.find_all(marked).unwrap().is_empty());
}

#[test]
fn two_weeks_of_ordinary_training_raise_nothing_alarming() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    // Calves twice a week for two weeks, moderate soreness gone in about three days.
    let workouts = [336, 264, 168, 96];
    let entries = [
        (312, 4),
        (288, 5),
        (266, 3),
        (240, 4),
        (216, 5),
        (192, 2),
        (144, 5),
        (120, 4),
        (98, 2),
        (72, 4),
        (48, 5),
        (24, 2),
        (2, 1),
    ];
    for h in workouts {
        let reply = s.invoke(
            "log_workout",
            json!({"input": {"at": hours_ago(h), "activity": "Hill sprints", "effort": 7,
                   "duration_min": 45, "note": "", "targets": [{"region": "soleus", "side": "left"}]}}),
        );
        assert!(reply["ok"].is_object(), "{reply}");
    }
    for (h, v) in entries {
        let reply = s.invoke(
            "log_soreness",
            json!({"input": {"targets": [{"region": "soleus", "side": "left"}], "intensity": v,
                   "kind": "doms", "symptoms": [], "note": "", "at": hours_ago(h)}}),
        );
        assert!(reply["ok"].is_array(), "{reply}");
    }
    open_region(&s, "back", "soleus", "left", "Left soleus");
    s.wait_for(".bouts li", WAIT).unwrap();
    assert!(
        s.find_all(".bouts li").unwrap().len() >= 4,
        "one bout per workout"
    );
    assert!(s
        .find_all(".raised.severity-urgent, .raised.severity-professional")
        .unwrap()
        .is_empty());
    s.click_on("[data-action=today]");
    s.wait_for("[data-section=today-entries]", WAIT).unwrap();
    assert!(s
        .find_all(".raised.severity-urgent, .raised.severity-professional")
        .unwrap()
        .is_empty());
    s.screenshot("33-ordinary-training").unwrap();
}
