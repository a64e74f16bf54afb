//! Logging in the real app: soreness from the map, edit/delete/undo, workouts and episodes,
//! red flags, hostile notes, and everything still there after a restart.

use std::time::Duration;

use serde_json::json;
use soremap_e2e::{hours_ago, Session, WAIT};

fn shape(view: &str, region: &str, side: &str) -> String {
    format!(".figure[data-view={view}] .region[data-region={region}][data-side={side}]")
}

fn level(s: &Session, view: &str, region: &str, side: &str) -> Option<String> {
    let el = s.find(&shape(view, region, side)).unwrap();
    s.attr(&el, "data-level").unwrap()
}

fn wait_level(s: &Session, view: &str, region: &str, side: &str, want: Option<&str>) {
    let start = std::time::Instant::now();
    while level(s, view, region, side).as_deref() != want {
        assert!(
            start.elapsed() < WAIT,
            "{region} {side}: level {:?}, wanted {want:?}",
            level(s, view, region, side)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Logs soreness for the region-side whose panel is open, through the form.
fn log_in_panel(s: &Session, intensity: u8) {
    s.click_on(&format!(
        "[data-section=log] .scale [value=\"{intensity}\"]"
    ));
    s.click_on("[data-section=log] form button[type=submit]");
}

#[test]
fn log_two_regions_from_the_map_and_see_the_colours() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.wait_for("[data-section=today-entries]", WAIT).unwrap();
    assert_eq!(level(&s, "back", "soleus", "left"), None);

    s.click_on(&shape("back", "soleus", "left"));
    s.wait_for_text(".region-panel h2", "Left soleus", WAIT)
        .unwrap();
    log_in_panel(&s, 6);
    wait_level(&s, "back", "soleus", "left", Some("6"));
    s.wait_for("[data-section=log] .entry .dot[data-level=\"6\"]", WAIT)
        .unwrap();

    s.click_on(&shape("front", "quadriceps", "right"));
    s.wait_for_text(".region-panel h2", "Right quadriceps", WAIT)
        .unwrap();
    log_in_panel(&s, 3);
    wait_level(&s, "front", "quadriceps", "right", Some("3"));
    // Left and right stay apart.
    assert_eq!(level(&s, "back", "soleus", "right"), None);
    assert_eq!(level(&s, "front", "quadriceps", "left"), None);
    // Colours fade in (a short CSS transition): poll until the logged one shows its colour.
    let start = std::time::Instant::now();
    loop {
        let fills = s
            .execute(
                "const f = sel => getComputedStyle(document.querySelector(sel)).fill;
                 return [f(arguments[0]), f(arguments[1])];",
                vec![
                    json!(shape("front", "quadriceps", "right")),
                    json!(shape("front", "quadriceps", "left")),
                ],
            )
            .unwrap();
        if fills[0] != fills[1] {
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "logged and unlogged look the same: {fills}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    s.click_on("[data-action=today]");
    let text = s
        .wait_for_text("[data-section=today-entries]", "Right quadriceps", WAIT)
        .unwrap();
    assert!(text.contains("Left soleus"), "{text}");
    s.wait_for(
        "[data-section=open-episodes] [data-episode=\"soleus/left\"]",
        WAIT,
    )
    .unwrap();
    s.screenshot("20-today-two-regions").unwrap();

    // Logging several at once.
    s.click_on("[data-action=log-several]");
    s.click_on(&shape("back", "hamstrings", "left"));
    s.click_on(&shape("back", "hamstrings", "right"));
    s.wait_for(".chips[data-picked=\"2\"]", WAIT).unwrap();
    s.click_on(".several .scale [value=\"4\"]");
    s.click_on(".several form button[type=submit]");
    wait_level(&s, "back", "hamstrings", "left", Some("4"));
    wait_level(&s, "back", "hamstrings", "right", Some("4"));
}

#[test]
fn edit_delete_and_undo() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on(&shape("back", "glutes", "right"));
    s.wait_for_text(".region-panel h2", "Right glutes", WAIT)
        .unwrap();
    log_in_panel(&s, 5);
    wait_level(&s, "back", "glutes", "right", Some("5"));

    s.click_on("[data-section=log] .entry [data-action=edit]");
    s.click_on("[data-section=log] .entry form .scale [value=\"8\"]");
    s.click_on("[data-section=log] .entry form button[type=submit]");
    wait_level(&s, "back", "glutes", "right", Some("8"));
    s.wait_for("[data-section=log] .entry .dot[data-level=\"8\"]", WAIT)
        .unwrap();

    s.click_on("[data-section=log] .entry [data-action=delete]");
    wait_level(&s, "back", "glutes", "right", None);
    s.wait_for_text("[data-section=log]", "No entries for this side yet.", WAIT)
        .unwrap();
    s.screenshot("21-deleted-with-undo").unwrap();
    s.click_on(".toast .toast-action");
    wait_level(&s, "back", "glutes", "right", Some("8"));
    s.wait_for("[data-section=log] .entry .dot[data-level=\"8\"]", WAIT)
        .unwrap();
}

#[test]
fn a_workout_starts_the_episode_on_the_timeline() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on("[data-action=log-workout]");
    s.click_on(&shape("back", "soleus", "left"));
    s.click_on(&shape("back", "soleus", "right"));
    s.wait_for("[data-form=workout] .chips[data-selected=\"2\"]", WAIT)
        .unwrap();
    let activity = s.find("[data-form=workout] [name=activity]").unwrap();
    s.type_text(&activity, "Hill sprints").unwrap();
    let at = s.find("[data-form=workout] [name=at]").unwrap();
    s.execute(
        "arguments[0].value = arguments[1];",
        vec![Session::element_arg(&at), json!(hours_ago(72))],
    )
    .unwrap();
    s.click_on("[data-form=workout] button[type=submit]");
    s.wait_for(
        "[data-section=open-episodes] [data-episode=\"soleus/left\"]",
        WAIT,
    )
    .unwrap();

    // Backfilled days of soreness after it.
    for (hours, v) in [(48, 5), (24, 7), (1, 6)] {
        let reply = s.invoke(
            "log_soreness",
            json!({"input": {"targets": [{"region": "soleus", "side": "left"}], "intensity": v,
                   "kind": "doms", "symptoms": [], "note": "", "at": hours_ago(hours)}}),
        );
        assert!(reply["ok"].is_array(), "{reply}");
    }
    s.click_on(&shape("back", "soleus", "left"));
    s.wait_for_text(".region-panel h2", "Left soleus", WAIT)
        .unwrap();
    let episode = s.wait_for_text(".episode", "workout", WAIT).unwrap();
    assert!(episode.contains("Peak 7/10"), "{episode}");
    assert!(
        episode.contains("Expected back to 1 or below by"),
        "{episode}"
    );
    assert!(episode.contains("typical DOMS time course"), "{episode}");
    assert_eq!(s.find_all(".episode-chart .workout-mark").unwrap().len(), 1);
    assert_eq!(s.find_all(".episode-chart .mine-dot").unwrap().len(), 3);
    assert_eq!(s.find_all(".episode-chart .now-line").unwrap().len(), 1);
    s.wait_for("[data-verdict=fits]", WAIT).unwrap();
    let chart = s.find(".episode").unwrap();
    s.execute(
        "arguments[0].scrollIntoView();",
        vec![Session::element_arg(&chart)],
    )
    .unwrap();
    s.screenshot("22-episode-timeline").unwrap();
}

#[test]
fn dark_urine_with_severe_soreness_raises_the_urgent_flag() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on(&shape("front", "quadriceps", "left"));
    s.wait_for_text(".region-panel h2", "Left quadriceps", WAIT)
        .unwrap();
    s.click_on("[data-section=log] .scale [value=\"9\"]");
    s.click_on("[data-section=log] details.symptoms summary");
    s.click_on("[data-section=log] input[value=dark-urine]");
    s.click_on("[data-section=log] form button[type=submit]");
    let flag = s
        .wait_for_text(
            "[data-section=log] .raised.severity-urgent[data-raised=rhabdomyolysis]",
            "seek care now",
            WAIT,
        )
        .unwrap();
    assert!(flag.contains("Why: You noted dark"), "{flag}");
    assert!(flag.contains("CK blood test"), "{flag}");
    s.wait_for("[data-verdict=does-not-fit]", WAIT).unwrap();
    s.screenshot("23-urgent-flag").unwrap();

    s.click_on("[data-raised=rhabdomyolysis] [data-ack]");
    let text = s
        .wait_for_text("[data-raised=rhabdomyolysis]", "Read", WAIT)
        .unwrap();
    assert!(
        text.contains("seek care now"),
        "still shown after acknowledging"
    );

    // Today lists it too, with the flag.
    s.click_on("[data-action=today]");
    s.wait_for(
        "[data-section=open-episodes] [data-raised=rhabdomyolysis]",
        WAIT,
    )
    .unwrap();
}

#[test]
fn bad_input_is_refused_in_words_and_a_hostile_note_stays_text() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on(&shape("back", "triceps", "left"));
    s.wait_for_text(".region-panel h2", "Left triceps", WAIT)
        .unwrap();

    // No intensity chosen.
    s.click_on("[data-section=log] form button[type=submit]");
    s.wait_for_text("[data-section=log] .form-error", "Choose how sore", WAIT)
        .unwrap();
    // A time in the future.
    s.click_on("[data-section=log] .scale [value=\"4\"]");
    let at = s.find("[data-section=log] [name=at]").unwrap();
    s.execute(
        "arguments[0].value = '2099-01-01T10:00';",
        vec![Session::element_arg(&at)],
    )
    .unwrap();
    s.click_on("[data-section=log] form button[type=submit]");
    s.wait_for_text("[data-section=log] .form-error", "in the future", WAIT)
        .unwrap();
    assert_eq!(
        level(&s, "back", "triceps", "left"),
        None,
        "nothing written"
    );
    // Through IPC: out of range, not whole, centre-only region with a side.
    for (args, words) in [
        (
            json!({"targets": [{"region": "triceps", "side": "left"}], "intensity": 11, "kind": "doms"}),
            "outside 0 to 10",
        ),
        (
            json!({"targets": [{"region": "triceps", "side": "left"}], "intensity": 2.5, "kind": "doms"}),
            "not a whole number",
        ),
        (
            json!({"targets": [{"region": "neck", "side": "left"}], "intensity": 2, "kind": "doms"}),
            "no left side",
        ),
        (
            json!({"targets": [{"region": "triceps", "side": "left"}], "intensity": 2, "kind": "ache"}),
            "not a kind",
        ),
    ] {
        let reply = s.invoke("log_soreness", json!({ "input": args }));
        let message = reply["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(message.contains(words), "{reply}");
    }
    let reply = s.invoke("day", json!({"date": "2026-02-30"}));
    assert!(
        reply["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a date"),
        "{reply}"
    );

    // A hostile note is shown as text and runs nothing.
    let hostile = "<img src=x onerror=\"window.__xss = 1\"> <script>window.__xss = 2</script>";
    s.execute("arguments[0].value = '';", vec![Session::element_arg(&at)])
        .unwrap();
    let note = s.find("[data-section=log] textarea[name=note]").unwrap();
    s.type_text(&note, hostile).unwrap();
    s.click_on("[data-section=log] form button[type=submit]");
    let shown = s
        .wait_for_text("[data-section=log] .entry-note", "onerror", WAIT)
        .unwrap();
    assert_eq!(shown, hostile);
    let state = s
        .execute(
            "return { xss: window.__xss ?? null, imgs: document.querySelectorAll('.panel img').length };",
            vec![],
        )
        .unwrap();
    assert_eq!(state, json!({"xss": null, "imgs": 0}));
    s.screenshot("24-hostile-note").unwrap();
}

#[test]
fn everything_is_still_there_after_closing_and_reopening() {
    let data = tempfile::tempdir().unwrap();
    {
        let s = Session::launch_in(data.path());
        s.click_on(&shape("back", "lower-back", "left"));
        s.wait_for_text(".region-panel h2", "Left lower back", WAIT)
            .unwrap();
        log_in_panel(&s, 7);
        wait_level(&s, "back", "lower-back", "left", Some("7"));
        let reply = s.invoke(
            "log_workout",
            json!({"input": {"activity": "Deadlifts", "effort": 9, "duration_min": 50,
                   "targets": [{"region": "lower-back", "side": "left"}]}}),
        );
        assert!(reply["ok"]["id"].is_string(), "{reply}");
    }
    let s = Session::launch_in(data.path());
    wait_level(&s, "back", "lower-back", "left", Some("7"));
    let today = s
        .wait_for_text("[data-section=today-entries]", "Left lower back", WAIT)
        .unwrap();
    assert!(today.contains("severe"), "{today}");
    s.wait_for_text("[data-section=today-workouts]", "Deadlifts", WAIT)
        .unwrap();
}

#[test]
fn guided_timer_saves_a_treatment() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on(&shape("back", "back-of-knee", "left"));
    s.wait_for_text(".region-panel h2", "Left back of knee", WAIT)
        .unwrap();
    s.click_on("details.point[data-point=BL40] summary");
    let select = s
        .wait_for("details.point[data-point=BL40] .timer select", WAIT)
        .unwrap();
    let value = s
        .execute(
            "return arguments[0].value;",
            vec![Session::element_arg(&select)],
        )
        .unwrap();
    assert_eq!(
        value,
        json!("60"),
        "1-2 minutes in the catalogue: one minute a side"
    );
    s.click_on("details.point[data-point=BL40] [data-timer=start]");
    s.wait_for_text(
        "details.point[data-point=BL40] .timer-side",
        "Left side",
        WAIT,
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    s.click_on("details.point[data-point=BL40] [data-timer=stop]");
    let before = s
        .wait_for(
            "details.point[data-point=BL40] .timer-prompt [name=before]",
            WAIT,
        )
        .unwrap();
    s.type_text(&before, "6").unwrap();
    let after = s
        .find("details.point[data-point=BL40] .timer-prompt [name=after]")
        .unwrap();
    s.type_text(&after, "4").unwrap();
    s.click_on("details.point[data-point=BL40] [data-timer=save]");
    s.wait_for_text(
        "details.point[data-point=BL40] .timer-prompt",
        "Saved as a treatment",
        WAIT,
    )
    .unwrap();
    s.click_on("[data-action=today]");
    let text = s
        .wait_for_text("[data-section=today-treatments]", "BL40 Weizhong", WAIT)
        .unwrap();
    assert!(text.contains("6 → 4"), "{text}");
}
