//! The catalogue in the real app: every region's panel, search, pregnancy warnings.

use std::time::Duration;

use serde_json::json;
use soremap_core::catalogue::Catalogue;
use soremap_e2e::Session;

const WAIT: Duration = Duration::from_secs(15);

fn launch(dir: &std::path::Path) -> Session {
    Session::launch(&["--data-dir", dir.to_str().unwrap()]).expect("app launches")
}

fn open_hash(session: &Session, region: &str, side: &str) {
    session
        .execute(
            "location.hash = arguments[0];",
            vec![json!(format!("#/region/{region}/{side}"))],
        )
        .unwrap();
    session
        .wait_for(
            &format!(".region-panel[data-region=\"{region}\"][data-side=\"{side}\"]"),
            WAIT,
        )
        .unwrap();
}

fn count(session: &Session, css: &str) -> usize {
    session.find_all(css).unwrap().len()
}

#[test]
fn every_region_opens_a_complete_panel() {
    let data = tempfile::tempdir().unwrap();
    let session = launch(data.path());
    let catalogue = Catalogue::embedded().unwrap();
    for region in &catalogue.regions {
        for side in region.sides() {
            open_hash(&session, &region.id, side.as_str());
            let what = format!("{} {side}", region.id);
            assert!(
                count(&session, "[data-section=techniques] details") >= 2,
                "{what}"
            );
            assert_eq!(count(&session, ".timeline-phase"), 4, "{what}");
            assert!(
                count(&session, "[data-section=flags] details.flag") >= 3,
                "{what}"
            );
            assert!(
                count(&session, "[data-section=cautions] details.flag") >= 2,
                "{what}"
            );
            // A coarse region also lists the points on its finer muscles.
            let within = |id: &str| {
                id == region.id
                    || catalogue
                        .regions
                        .iter()
                        .any(|r| r.id == id && r.parent.as_deref() == Some(region.id.as_str()))
            };
            let expected_points = catalogue
                .points
                .iter()
                .filter(|p| within(&p.located_in) || p.used_for.contains(&region.id))
                .count();
            let shown = count(&session, "details.point");
            assert_eq!(shown, expected_points, "{what}");
            assert!(count(&session, ".references li") >= 1, "{what}");
        }
    }
}

#[test]
fn search_by_code_and_by_pinyin_opens_the_point() {
    let data = tempfile::tempdir().unwrap();
    let session = launch(data.path());
    let input = session.find("input[type=search]").unwrap();

    // The list answers each keystroke in turn: wait for the answer to the whole query.
    session.type_text(&input, "bl-40").unwrap();
    let first = session
        .wait_for_text(
            ".search-results[data-query=\"bl-40\"] .search-result[data-id=BL40]",
            "Weizhong",
            WAIT,
        )
        .unwrap();
    assert!(first.contains("BL40"), "{first}");
    session.type_text(&input, "\u{E007}").unwrap();
    session
        .wait_for(".region-panel[data-region=back-of-knee]", WAIT)
        .unwrap();
    session
        .wait_for("details.point[data-point=BL40][open]", WAIT)
        .unwrap();
    session
        .wait_for(".point-dot.hot[data-dot=BL40]", WAIT)
        .unwrap();

    session.clear(&input).unwrap();
    session.type_text(&input, "zusanli").unwrap();
    session.click_on(".search-results[data-query=\"zusanli\"] .search-result[data-id=ST36]");
    session
        .wait_for(
            ".region-panel[data-region=tibialis-anterior] details.point[data-point=ST36][open]",
            WAIT,
        )
        .unwrap();
    session.screenshot("10-search-zusanli").unwrap();

    // Odd input through the real IPC: results or a clear message, never an error.
    for text in ["\"NEAR(", "*-*", "calf OR", "", "'; DROP TABLE points; --"] {
        let reply = session
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke('search', { query: arguments[0] })
                   .then(v => done({ ok: v }), e => done({ error: e }));",
                vec![json!(text)],
            )
            .unwrap();
        let ok = &reply["ok"];
        assert!(
            ok["results"].as_array().is_some_and(|r| !r.is_empty()) || ok["message"].is_string(),
            "{text:?} gave {reply}"
        );
    }
    // Too long: the person reads why, under the search box.
    session.clear(&input).unwrap();
    session.type_text(&input, &"calf ".repeat(60)).unwrap();
    let message = session
        .wait_for_text(".search-message", "at most 200", WAIT)
        .unwrap();
    assert!(message.contains("Invalid search"), "{message}");
    session.screenshot("11-search-too-long").unwrap();
}

#[test]
fn pregnancy_setting_marks_cautioned_points_and_persists() {
    let data = tempfile::tempdir().unwrap();
    let pregnant = ".personal-caution[data-condition=pregnancy]";
    {
        let session = launch(data.path());
        open_hash(&session, "lower-back", "left");
        assert_eq!(count(&session, pregnant), 0);
        session.click_on("[data-action=health]");
        session.click_on("#pregnancy");
        session
            .wait_for("[data-view=health] #pregnancy:checked", WAIT)
            .unwrap();
        session.execute("location.hash = '';", vec![]).unwrap();
        open_hash(&session, "lower-back", "left");
        session
            .wait_for(&format!("details.point[data-point=BL23] {pregnant}"), WAIT)
            .unwrap();
        session
            .wait_for("[data-section=cautions] details[data-flag=pregnancy]", WAIT)
            .unwrap();
        let bl40 = session
            .find_all(&format!("details.point[data-point=BL40] {pregnant}"))
            .unwrap();
        assert!(bl40.is_empty(), "BL40 is not cautioned in pregnancy");
        session.screenshot("12-pregnancy-lower-back").unwrap();
    }
    let session = launch(data.path());
    session.click_on("[data-action=health]");
    session
        .wait_for("[data-view=health] #pregnancy:checked", WAIT)
        .expect("the setting survives a restart");
    open_hash(&session, "hand", "right");
    session
        .wait_for(&format!("details.point[data-point=LI4] {pregnant}"), WAIT)
        .unwrap();
}

#[test]
fn front_and_back_region_panels() {
    let data = tempfile::tempdir().unwrap();
    let session = launch(data.path());
    let quads = session
        .find(".figure[data-view=front] .region[data-region=quadriceps][data-side=right]")
        .unwrap();
    session.click(&quads).unwrap();
    session
        .wait_for_text(".region-panel h2", "Right quadriceps", WAIT)
        .unwrap();
    session.screenshot("13-front-right-quadriceps").unwrap();

    let calf = session
        .find(".figure[data-view=back] .region[data-region=soleus][data-side=left]")
        .unwrap();
    session.click(&calf).unwrap();
    session
        .wait_for_text(".region-panel h2", "Left soleus", WAIT)
        .unwrap();
    let right = session.find(".side-switch [data-side=right]").unwrap();
    session.click(&right).unwrap();
    session
        .wait_for_text(".region-panel h2", "Right soleus", WAIT)
        .unwrap();
    let point = session
        .find("details.point[data-point=BL58] summary")
        .unwrap();
    session.click(&point).unwrap();
    session
        .wait_for(
            ".figure[data-view=back] .point-dot.hot[data-dot=BL58]",
            WAIT,
        )
        .unwrap();
    session.screenshot("14-back-right-calf").unwrap();

    session.set_window_size(800, 600).unwrap();
    session
        .execute(
            "document.querySelector('[data-section=timeline]').scrollIntoView();",
            vec![],
        )
        .unwrap();
    session.screenshot("15-calf-timeline-800x600").unwrap();
}
