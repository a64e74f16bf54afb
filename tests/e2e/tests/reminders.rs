//! Reminders through the real app, a real session bus and a notification server that records
//! what it is sent (`soremap_e2e::notifications`): turning check-ins on in Settings sends the
//! check-in for a workout logged a day ago, clicking it opens that area's log form, it is not
//! sent twice, and the daily reminder follows the time chosen.
//!
//! Run inside `dbus-run-session`, with the app's local time around midday (`scripts/test.sh`
//! sets `TZ` for this stage), so the rule that moves night-time check-ins to the morning does
//! not depend on when the suite runs:
//!
//!     APP_HOME=$(mktemp -d) dbus-run-session -- scripts/with-webdriver.sh 4448 target/td.log \
//!         cargo test -p soremap-e2e --test reminders -- --ignored --test-threads=1

use std::time::Duration;

use serde_json::json;
use soremap_e2e::notifications::Recorder;
use soremap_e2e::{hours_ago, Session, WAIT};

fn checked(s: &Session, css: &str) -> bool {
    s.execute(
        "return document.querySelector(arguments[0]).checked",
        vec![json!(css)],
    )
    .unwrap()
        == json!(true)
}

fn wait_saved(s: &Session) {
    s.wait_for(".settings-view [data-status=saved]", WAIT)
        .expect("the setting is saved");
}

#[test]
#[ignore = "needs a session bus of its own: run by scripts/test.sh under dbus-run-session"]
fn a_checkin_arrives_and_opens_the_log_form() {
    let recorder = Recorder::start().expect("the test notification server takes the bus name");
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.set_window_size(1440, 1000).ok();
    s.wait_for(".panel .today", WAIT).unwrap();

    // A leg day exactly a day ago: its 24-hour check-in is due now.
    let reply = s.invoke(
        "log_workout",
        json!({"input": {"activity": "Squats", "effort": 8, "duration_min": 60, "at": hours_ago(24),
               "targets": [{"region": "quadriceps", "side": "left"}, {"region": "quadriceps", "side": "right"}]}}),
    );
    assert!(reply["ok"]["id"].is_string(), "{reply}");

    // Settings: everything off until the person turns it on.
    s.click_on("[data-action=settings]");
    s.wait_for(".settings-view", WAIT).unwrap();
    for flag in ["daily", "checkins", "tray", "autostart"] {
        assert!(
            !checked(&s, &format!("#setting-{flag}")),
            "{flag} is on by default"
        );
    }
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        recorder.sent().is_empty(),
        "sent with reminders off: {:?}",
        recorder.sent()
    );

    s.click_on("#setting-checkins");
    wait_saved(&s);
    assert!(checked(&s, "#setting-checkins"));
    s.screenshot("80-settings-checkins-on").unwrap();
    let sent = recorder
        .wait_for("quad", Duration::from_secs(15))
        .expect("the check-in arrives");
    assert_eq!(sent.app_name, "SoreMap");
    assert!(
        sent.summary.starts_with("How are your") && sent.summary.ends_with("today?"),
        "{sent:?}"
    );
    assert!(sent.body.to_lowercase().contains("squats"), "{sent:?}");
    assert!(sent.actions.iter().any(|a| a == "default"), "{sent:?}");

    // Leave the window elsewhere, then click the notification: the log form opens.
    s.click_on("[data-action=trends]");
    s.wait_for(".panel .trends", WAIT).unwrap();
    recorder.click(sent.id).expect("ActionInvoked is emitted");
    let panel = s
        .wait_for(".panel .region-panel[data-region=quadriceps]", WAIT)
        .expect("the click opens the quadriceps");
    let side = s.attr(&panel, "data-side").unwrap().unwrap_or_default();
    assert!(side == "left" || side == "right", "side {side}");
    let focused = s
        .execute(
            "return !!document.activeElement?.closest('[data-section=log] form')",
            vec![],
        )
        .unwrap();
    assert_eq!(focused, json!(true), "the log form has the focus");
    s.screenshot("81-checkin-opens-log-form").unwrap();

    // Once only: a settings change looks again at once, and nothing new is due.
    s.click_on("[data-action=settings]");
    s.wait_for(".settings-view", WAIT).unwrap();
    s.click_on("#setting-tray");
    wait_saved(&s);
    std::thread::sleep(Duration::from_secs(2));
    let checkins = recorder
        .sent()
        .into_iter()
        .filter(|n| n.summary.contains("quad"))
        .count();
    assert_eq!(checkins, 1, "{:?}", recorder.sent());

    // Start at login: a login item in the (test) home the app runs with, and gone again.
    let home = std::env::var_os("APP_HOME").expect("run with APP_HOME: the app's own home folder");
    let entry = std::path::Path::new(&home).join(".config/autostart/SoreMap.desktop");
    s.click_on("#setting-autostart");
    wait_saved(&s);
    let text = std::fs::read_to_string(&entry).expect("the login item is written");
    assert!(text.contains("--background"), "{text}");
    s.click_on("#setting-autostart");
    wait_saved(&s);
    assert!(!entry.exists(), "the login item is removed");

    // The daily reminder (20:00 by default, hours away), then at a time already passed today
    // with nothing logged today: it is due at once, and clicked the instant it is shown it
    // opens Today.
    recorder.click_on_arrival("Time to log");
    s.click_on("#setting-daily");
    wait_saved(&s);
    // The time field as a picker leaves it: a new value and a change event.
    s.execute(
        "const t = document.querySelector('#setting-daily-time'); t.value = arguments[0]; \
         t.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!("00:00")],
    )
    .unwrap();
    let daily = recorder
        .wait_for("Time to log", Duration::from_secs(15))
        .expect("the daily reminder arrives");
    assert_eq!(daily.actions, ["default", "Log now"]);
    s.wait_for(".panel .today", WAIT)
        .expect("the daily reminder opens Today");

    // Stored: a new window shows the same settings.
    drop(s);
    let s = Session::launch_in(data.path());
    s.wait_for(".panel .today", WAIT).unwrap();
    s.click_on("[data-action=settings]");
    s.wait_for(".settings-view", WAIT).unwrap();
    assert!(
        checked(&s, "#setting-checkins")
            && checked(&s, "#setting-daily")
            && checked(&s, "#setting-tray")
    );
    assert!(!checked(&s, "#setting-autostart"));
    let time = s
        .execute(
            "return document.querySelector('#setting-daily-time').value",
            vec![],
        )
        .unwrap();
    assert_eq!(time, json!("00:00"), "the chosen time is kept");
    assert_eq!(
        recorder
            .sent()
            .iter()
            .filter(|n| n.summary.contains("quad"))
            .count(),
        1,
        "a restart sends nothing again: {:?}",
        recorder.sent()
    );
}
