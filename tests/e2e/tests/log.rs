//! Logging in the real app: soreness from the map, edit/delete/undo, workouts and episodes,
//! red flags, hostile notes, and everything still there after a restart.

use std::time::Duration;

use serde_json::{json, Value};
use soremap_e2e::Session;

const WAIT: Duration = Duration::from_secs(15);

fn launch(dir: &std::path::Path) -> Session {
    Session::launch(&["--data-dir", dir.to_str().unwrap()]).expect("app launches")
}

fn click(s: &Session, css: &str) {
    let el = s
        .wait_for(css, WAIT)
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    s.click(&el).unwrap_or_else(|e| panic!("click {css}: {e}"));
}

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
    click(
        s,
        &format!("[data-section=log] .scale [value=\"{intensity}\"]"),
    );
    click(s, "[data-section=log] form button[type=submit]");
}

fn invoke(s: &Session, command: &str, args: Value) -> Value {
    s.execute_async(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
           .then(v => done({ ok: v }), e => done({ error: e }));",
        vec![json!(command), args],
    )
    .unwrap()
}

fn hours_ago(hours: i64) -> String {
    let out = std::process::Command::new("date")
        .arg("-d")
        .arg(format!("{hours} hours ago"))
        .arg("+%Y-%m-%dT%H:%M")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn log_two_regions_from_the_map_and_see_the_colours() {
    let data = tempfile::tempdir().unwrap();
    let s = launch(data.path());
    s.wait_for("[data-section=today-entries]", WAIT).unwrap();
    assert_eq!(level(&s, "back", "calf", "left"), None);

    click(&s, &shape("back", "calf", "left"));
    s.wait_for_text(".region-panel h2", "Left calf", WAIT)
        .unwrap();
    log_in_panel(&s, 6);
    wait_level(&s, "back", "calf", "left", Some("6"));
    s.wait_for("[data-section=log] .entry .dot[data-level=\"6\"]", WAIT)
        .unwrap();

    click(&s, &shape("front", "quadriceps", "right"));
    s.wait_for_text(".region-panel h2", "Right quadriceps", WAIT)
        .unwrap();
    log_in_panel(&s, 3);
    wait_level(&s, "front", "quadriceps", "right", Some("3"));
    // Left and right stay apart.
    assert_eq!(level(&s, "back", "calf", "right"), None);
    assert_eq!(level(&s, "front", "quadriceps", "left"), None);
    let fills = s
        .execute(
            "const f = sel => getComputedStyle(document.querySelector(sel)).fill;
             return [f(arguments[0]), f(arguments[1]), f(arguments[2])];",
            vec![
                json!(shape("back", "calf", "left")),
                json!(shape("front", "quadriceps", "right")),
                json!(shape("front", "quadriceps", "left")),
            ],
        )
        .unwrap();
    let fills: Vec<String> = serde_json::from_value(fills).unwrap();
    assert_ne!(fills[1], fills[2], "logged and unlogged look different");

    click(&s, "[data-action=today]");
    let text = s
        .wait_for_text("[data-section=today-entries]", "Right quadriceps", WAIT)
        .unwrap();
    assert!(text.contains("Left calf"), "{text}");
    s.wait_for(
        "[data-section=open-episodes] [data-episode=\"calf/left\"]",
        WAIT,
    )
    .unwrap();
    s.screenshot("20-today-two-regions").unwrap();

    // Logging several at once.
    click(&s, "[data-action=log-several]");
    click(&s, &shape("back", "hamstrings", "left"));
    click(&s, &shape("back", "hamstrings", "right"));
    s.wait_for(".chips[data-picked=\"2\"]", WAIT).unwrap();
    click(&s, ".several .scale [value=\"4\"]");
    click(&s, ".several form button[type=submit]");
    wait_level(&s, "back", "hamstrings", "left", Some("4"));
    wait_level(&s, "back", "hamstrings", "right", Some("4"));
}

#[test]
fn edit_delete_and_undo() {
    let data = tempfile::tempdir().unwrap();
    let s = launch(data.path());
    click(&s, &shape("back", "glutes", "right"));
    s.wait_for_text(".region-panel h2", "Right glutes", WAIT)
        .unwrap();
    log_in_panel(&s, 5);
    wait_level(&s, "back", "glutes", "right", Some("5"));

    click(&s, "[data-section=log] .entry [data-action=edit]");
    click(&s, "[data-section=log] .entry form .scale [value=\"8\"]");
    click(&s, "[data-section=log] .entry form button[type=submit]");
    wait_level(&s, "back", "glutes", "right", Some("8"));
    s.wait_for("[data-section=log] .entry .dot[data-level=\"8\"]", WAIT)
        .unwrap();

    click(&s, "[data-section=log] .entry [data-action=delete]");
    wait_level(&s, "back", "glutes", "right", None);
    s.wait_for_text("[data-section=log]", "No entries for this side yet.", WAIT)
        .unwrap();
    s.screenshot("21-deleted-with-undo").unwrap();
    click(&s, ".toast .toast-action");
    wait_level(&s, "back", "glutes", "right", Some("8"));
    s.wait_for("[data-section=log] .entry .dot[data-level=\"8\"]", WAIT)
        .unwrap();
}

#[test]
fn a_workout_starts_the_episode_on_the_timeline() {
    let data = tempfile::tempdir().unwrap();
    let s = launch(data.path());
    click(&s, "[data-action=log-workout]");
    click(&s, &shape("back", "calf", "left"));
    click(&s, &shape("back", "calf", "right"));
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
    click(&s, "[data-form=workout] button[type=submit]");
    s.wait_for(
        "[data-section=open-episodes] [data-episode=\"calf/left\"]",
        WAIT,
    )
    .unwrap();

    // Backfilled days of soreness after it.
    for (hours, v) in [(48, 5), (24, 7), (1, 6)] {
        let reply = invoke(
            &s,
            "log_soreness",
            json!({"input": {"targets": [{"region": "calf", "side": "left"}], "intensity": v,
                   "kind": "doms", "symptoms": [], "note": "", "at": hours_ago(hours)}}),
        );
        assert!(reply["ok"].is_array(), "{reply}");
    }
    click(&s, &shape("back", "calf", "left"));
    s.wait_for_text(".region-panel h2", "Left calf", WAIT)
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
    let s = launch(data.path());
    click(&s, &shape("front", "quadriceps", "left"));
    s.wait_for_text(".region-panel h2", "Left quadriceps", WAIT)
        .unwrap();
    click(&s, "[data-section=log] .scale [value=\"9\"]");
    click(&s, "[data-section=log] details.symptoms summary");
    click(&s, "[data-section=log] input[value=dark-urine]");
    click(&s, "[data-section=log] form button[type=submit]");
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

    click(&s, "[data-raised=rhabdomyolysis] [data-ack]");
    let text = s
        .wait_for_text("[data-raised=rhabdomyolysis]", "Read", WAIT)
        .unwrap();
    assert!(
        text.contains("seek care now"),
        "still shown after acknowledging"
    );

    // Today lists it too, with the flag.
    click(&s, "[data-action=today]");
    s.wait_for(
        "[data-section=open-episodes] [data-raised=rhabdomyolysis]",
        WAIT,
    )
    .unwrap();
}

#[test]
fn bad_input_is_refused_in_words_and_a_hostile_note_stays_text() {
    let data = tempfile::tempdir().unwrap();
    let s = launch(data.path());
    click(&s, &shape("back", "triceps", "left"));
    s.wait_for_text(".region-panel h2", "Left triceps", WAIT)
        .unwrap();

    // No intensity chosen.
    click(&s, "[data-section=log] form button[type=submit]");
    s.wait_for_text("[data-section=log] .form-error", "Choose how sore", WAIT)
        .unwrap();
    // A time in the future.
    click(&s, "[data-section=log] .scale [value=\"4\"]");
    let at = s.find("[data-section=log] [name=at]").unwrap();
    s.execute(
        "arguments[0].value = '2099-01-01T10:00';",
        vec![Session::element_arg(&at)],
    )
    .unwrap();
    click(&s, "[data-section=log] form button[type=submit]");
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
        let reply = invoke(&s, "log_soreness", json!({ "input": args }));
        let message = reply["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(message.contains(words), "{reply}");
    }
    let reply = invoke(&s, "day", json!({"date": "2026-02-30"}));
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
    click(&s, "[data-section=log] form button[type=submit]");
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
        let s = launch(data.path());
        click(&s, &shape("back", "lower-back", "left"));
        s.wait_for_text(".region-panel h2", "Left lower back", WAIT)
            .unwrap();
        log_in_panel(&s, 7);
        wait_level(&s, "back", "lower-back", "left", Some("7"));
        let reply = invoke(
            &s,
            "log_workout",
            json!({"input": {"activity": "Deadlifts", "effort": 9, "duration_min": 50,
                   "targets": [{"region": "lower-back", "side": "left"}]}}),
        );
        assert!(reply["ok"]["id"].is_string(), "{reply}");
    }
    let s = launch(data.path());
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
    let s = launch(data.path());
    click(&s, &shape("back", "back-of-knee", "left"));
    s.wait_for_text(".region-panel h2", "Left back of knee", WAIT)
        .unwrap();
    click(&s, "details.point[data-point=BL40] summary");
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
    click(&s, "details.point[data-point=BL40] [data-timer=start]");
    s.wait_for_text(
        "details.point[data-point=BL40] .timer-side",
        "Left side",
        WAIT,
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    click(&s, "details.point[data-point=BL40] [data-timer=stop]");
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
    click(&s, "details.point[data-point=BL40] [data-timer=save]");
    s.wait_for_text(
        "details.point[data-point=BL40] .timer-prompt",
        "Saved as a treatment",
        WAIT,
    )
    .unwrap();
    click(&s, "[data-action=today]");
    let text = s
        .wait_for_text("[data-section=today-treatments]", "BL40 Weizhong", WAIT)
        .unwrap();
    assert!(text.contains("6 → 4"), "{text}");
}
