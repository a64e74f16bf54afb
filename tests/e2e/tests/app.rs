//! The real app in a real webview: body map, region panel, data folder and errors.
//!
//! Each test launches SoreMap with its own temporary data folder.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{json, Value};
use soremap_core::catalogue::Catalogue;
use soremap_core::model::View;
use soremap_e2e::{Element, Session};

const WAIT: Duration = Duration::from_secs(15);

struct App {
    session: Session,
    _data: tempfile::TempDir,
}

fn launch() -> App {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("utf-8 path").to_owned();
    let session = Session::launch(&["--data-dir", &dir]).expect("app launches");
    App {
        session,
        _data: data,
    }
}

fn shape(app: &App, view: &str, region: &str, side: &str) -> Element {
    app.session
        .find(&format!(
            ".figure[data-view={view}] .region[data-region={region}][data-side={side}]"
        ))
        .unwrap()
}

fn panel_title(app: &App, needle: &str) -> String {
    app.session
        .wait_for_text(".region-panel h2", needle, WAIT)
        .unwrap()
}

fn ids_in(app: &App, section: &str, kind: &str) -> Vec<String> {
    let value = app
        .session
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]));",
            vec![
                json!(format!("[data-section={section}] details[data-{kind}]")),
                json!(format!("data-{kind}")),
            ],
        )
        .unwrap();
    serde_json::from_value(value).unwrap()
}

#[test]
fn body_map_shows_every_region_on_both_sides() {
    let app = launch();
    let shapes = app
        .session
        .execute(
            "return [...document.querySelectorAll('.region')].map(e => ({
                region: e.getAttribute('data-region'), side: e.getAttribute('data-side'),
                view: e.getAttribute('data-view'), role: e.getAttribute('role'),
                tabindex: e.getAttribute('tabindex'), label: e.getAttribute('aria-label') }));",
            vec![],
        )
        .unwrap();
    let shapes = shapes.as_array().unwrap();
    let catalogue = Catalogue::embedded().unwrap();

    let mut expected = BTreeSet::new();
    for region in &catalogue.regions {
        for view in &region.views {
            let view = if *view == View::Front {
                "front"
            } else {
                "back"
            };
            for side in region.sides() {
                expected.insert((region.id.clone(), side.as_str().to_owned(), view.to_owned()));
            }
        }
    }
    let mut found = BTreeSet::new();
    for s in shapes {
        let key = (
            s["region"].as_str().unwrap().to_owned(),
            s["side"].as_str().unwrap().to_owned(),
            s["view"].as_str().unwrap().to_owned(),
        );
        assert_eq!(s["role"], "button", "{s}");
        assert_eq!(s["tabindex"], "0", "{s}");
        let region = catalogue
            .region(&key.0)
            .unwrap_or_else(|| panic!("shape for unknown region {s}"));
        let side: soremap_core::model::Side = key.1.parse().unwrap();
        assert_eq!(s["label"].as_str().unwrap(), region.label(side));
        assert!(found.insert(key.clone()), "duplicate shape {key:?}");
    }
    // Every shape is a region-side the catalogue shows in that view.
    let stray: Vec<_> = found.difference(&expected).collect();
    assert!(
        stray.is_empty(),
        "shapes the catalogue does not have: {stray:?}"
    );
    // Every region-side is drawn in each of its views: itself, or (a coarse region drawn as its
    // muscles, like the calf) all of its finer regions there.
    let children = |id: &str| -> Vec<String> {
        catalogue
            .regions
            .iter()
            .filter(|r| r.parent.as_deref() == Some(id))
            .map(|r| r.id.clone())
            .collect()
    };
    let missing: Vec<_> = expected
        .iter()
        .filter(|(region, side, view)| {
            if found.contains(&(region.clone(), side.clone(), view.clone())) {
                return false;
            }
            let kids: Vec<String> = children(region)
                .into_iter()
                .filter(|k| expected.iter().any(|(r, _, v)| r == k && v == view))
                .collect();
            kids.is_empty()
                || !kids
                    .iter()
                    .all(|k| found.iter().any(|(r, _, v)| r == k && v == view))
        })
        .collect();
    assert!(missing.is_empty(), "region-sides not drawn: {missing:?}");
    assert!(found
        .iter()
        .any(|(r, s, _)| r == "gastrocnemius" && s == "left"));
    assert!(found.iter().any(|(r, s, _)| r == "soleus" && s == "right"));

    // The front figure faces the viewer: its left half of the screen is the person's right.
    let geometry = app
        .session
        .execute(
            "const x = sel => { const r = document.querySelector(sel).getBoundingClientRect(); return r.left + r.width / 2; };
             return {
               frontRight: x('.figure[data-view=front] .region[data-region=quadriceps][data-side=right]'),
               frontLeft: x('.figure[data-view=front] .region[data-region=quadriceps][data-side=left]'),
               backLeft: x('.figure[data-view=back] .region[data-region=hamstrings][data-side=left]'),
               backRight: x('.figure[data-view=back] .region[data-region=hamstrings][data-side=right]') };",
            vec![],
        )
        .unwrap();
    let x = |k: &str| geometry[k].as_f64().unwrap();
    assert!(x("frontRight") < x("frontLeft"), "{geometry}");
    assert!(x("backLeft") < x("backRight"), "{geometry}");

    app.session.screenshot("01-body-map").unwrap();
}

#[test]
fn clicking_a_region_opens_its_panel_with_linked_points() {
    let app = launch();
    app.session
        .click(&shape(&app, "back", "back-of-knee", "left"))
        .unwrap();
    panel_title(&app, "Left back of knee");
    assert_eq!(ids_in(&app, "points-on", "point"), vec!["BL40"]);
    assert!(ids_in(&app, "techniques", "technique").len() >= 2);
    let selected = app
        .session
        .find_all(".region.selected")
        .unwrap()
        .iter()
        .map(|e| app.session.attr(e, "aria-label").unwrap().unwrap())
        .collect::<Vec<_>>();
    assert_eq!(selected, vec!["Left back of knee"]);

    app.session
        .click(&shape(&app, "back", "lower-back", "right"))
        .unwrap();
    panel_title(&app, "Right lower back");
    let on = ids_in(&app, "points-on", "point");
    let elsewhere = ids_in(&app, "points-for", "point");
    assert!(on.contains(&"BL23".to_owned()), "{on:?}");
    assert!(elsewhere.contains(&"BL40".to_owned()), "{elsewhere:?}");

    // Opening a point shows where it is on the map, on the selected side.
    let bl40 = app
        .session
        .find("[data-section=points-for] details[data-point=BL40] summary")
        .unwrap();
    app.session.click(&bl40).unwrap();
    let text = app
        .session
        .wait_for_text(
            "[data-section=points-for] details[data-point=BL40]",
            "midpoint of the popliteal",
            WAIT,
        )
        .unwrap();
    assert!(text.contains("Cautions"), "{text}");
    let marker = app
        .session
        .wait_for(
            ".figure[data-view=back] .point-dot.hot[data-dot=BL40]",
            WAIT,
        )
        .unwrap();
    let transform = app.session.attr(&marker, "transform").unwrap().unwrap();
    let bl40 = Catalogue::embedded()
        .unwrap()
        .points
        .into_iter()
        .find(|p| p.id == "BL40")
        .and_then(|p| p.marker)
        .unwrap();
    assert_eq!(
        transform,
        format!("translate({} {})", 200.0 - bl40.x, bl40.y),
        "right side is mirrored"
    );
    app.session.screenshot("02-lower-back-panel").unwrap();
}

#[test]
fn keyboard_enter_and_space_open_a_focused_region() {
    let app = launch();
    let calf = shape(&app, "back", "soleus", "right");
    app.session
        .execute("arguments[0].focus();", vec![Session::element_arg(&calf)])
        .unwrap();
    app.session.press("\u{E007}").unwrap(); // Enter
    panel_title(&app, "Right soleus");
    assert!(ids_in(&app, "points-on", "point").contains(&"BL58".to_owned()));

    let shin = shape(&app, "front", "shin", "left");
    app.session
        .execute("arguments[0].focus();", vec![Session::element_arg(&shin)])
        .unwrap();
    app.session.press(" ").unwrap();
    panel_title(&app, "Left shin");
    assert!(ids_in(&app, "points-on", "point").contains(&"ST36".to_owned()));
    app.session.screenshot("03-keyboard-shin").unwrap();
}

#[test]
fn data_dir_override_puts_the_database_there() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("does/not/exist/yet");
    let session = Session::launch(&["--data-dir", dir.to_str().unwrap()]).unwrap();
    let db_path = dir.join("soremap.sqlite3");
    assert!(db_path.is_file(), "no database at {}", db_path.display());

    let info = session
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('app_info').then(done, e => done({ error: e }));",
            vec![],
        )
        .unwrap();
    assert_eq!(
        info["database_path"],
        json!(db_path.to_str().unwrap()),
        "{info}"
    );

    let conn =
        rusqlite::Connection::open_with_flags(&db_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let regions: i64 = conn
        .query_row("SELECT count(*) FROM regions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        regions as usize,
        Catalogue::embedded().unwrap().regions.len()
    );
}

#[test]
fn bad_input_gets_clear_errors_and_the_ui_shows_them() {
    let app = launch();
    let invoke = |args: Value| -> Value {
        app.session
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke('region_detail', arguments[0])
                   .then(v => done({ ok: v }), e => done({ error: e }));",
                vec![args],
            )
            .unwrap()
    };
    let reply = invoke(json!({"region": "elbow-pit", "side": "left"}));
    assert_eq!(reply["error"]["kind"], "unknown_region", "{reply}");
    assert_eq!(
        reply["error"]["message"],
        "There is no body region called \"elbow-pit\"."
    );
    let reply = invoke(json!({"region": "calf", "side": "up"}));
    assert_eq!(reply["error"]["kind"], "unknown_side", "{reply}");
    let reply = invoke(json!({"region": "abdomen", "side": "left"}));
    assert_eq!(reply["error"]["kind"], "side_not_applicable", "{reply}");
    let reply = invoke(json!({"region": 42}));
    let message = reply["error"].as_str().unwrap_or_default();
    assert!(
        message.contains("region"),
        "malformed argument is named: {reply}"
    );

    // The app is still alive and answering after all of that.
    app.session
        .click(&shape(&app, "back", "soleus", "left"))
        .unwrap();
    panel_title(&app, "Left soleus");

    // The person sees the error in words, not a blank panel.
    app.session
        .execute("location.hash = '#/region/elbow-pit/left';", vec![])
        .unwrap();
    let text = app
        .session
        .wait_for_text(".panel .error", "elbow-pit", WAIT)
        .unwrap();
    assert!(text.contains("Could not show this region"), "{text}");
    assert!(
        text.contains("There is no body region called \"elbow-pit\"."),
        "{text}"
    );
    app.session.screenshot("04-error-panel").unwrap();
}

#[test]
fn a_database_from_a_newer_version_is_refused_in_words_and_untouched() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("soremap.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let session = Session::launch(&["--data-dir", data.path().to_str().unwrap()]).unwrap();
    let text = session
        .wait_for_text(".error", "newer version of SoreMap", WAIT)
        .unwrap();
    assert!(text.contains("left untouched"), "{text}");
    session.screenshot("05-newer-database").unwrap();
    drop(session);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn panel_is_readable_at_800_by_600() {
    let app = launch();
    app.session.set_window_size(800, 600).unwrap();
    app.session
        .click(&shape(&app, "back", "upper-trapezius", "left"))
        .unwrap();
    panel_title(&app, "Left upper trapezius");
    let layout = app
        .session
        .execute(
            "const p = document.querySelector('.panel').getBoundingClientRect();
             const m = document.querySelector('.body-map').getBoundingClientRect();
             return { panelWidth: p.width, mapWidth: m.width, docWidth: document.documentElement.scrollWidth, winWidth: innerWidth };",
            vec![],
        )
        .unwrap();
    assert!(layout["panelWidth"].as_f64().unwrap() >= 300.0, "{layout}");
    assert!(layout["mapWidth"].as_f64().unwrap() >= 300.0, "{layout}");
    assert!(
        layout["docWidth"].as_f64().unwrap() <= layout["winWidth"].as_f64().unwrap(),
        "no horizontal scrolling: {layout}"
    );
    app.session.screenshot("06-small-window").unwrap();
}
