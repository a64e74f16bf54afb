//! The body map as a person uses it: points drawn on the figure and followed to their cards,
//! selection that never looks like soreness (light and dark), and tonight's routine run to the
//! end with its treatments in the log.

use serde_json::{json, Value};
use soremap_e2e::{hours_ago, Element, Session, WAIT};

fn shape(view: &str, region: &str, side: &str) -> String {
    format!(".figure[data-view={view}] .region[data-region={region}][data-side={side}]")
}

fn log(s: &Session, region: &str, side: &str, intensity: u8) {
    let reply = s.invoke(
        "log_soreness",
        json!({"input": {"targets": [{"region": region, "side": side}], "intensity": intensity,
               "kind": "doms", "symptoms": [], "note": "", "at": hours_ago(0)}}),
    );
    assert!(reply["ok"].is_array(), "{reply}");
}

fn style(s: &Session, css: &str, property: &str) -> String {
    s.execute(
        "const el = document.querySelector(arguments[0]);
         return el ? getComputedStyle(el).getPropertyValue(arguments[1]) : null;",
        vec![json!(css), json!(property)],
    )
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[test]
fn a_region_draws_every_point_as_a_numbered_dot_followed_to_its_card_by_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on(&shape("back", "lower-back", "left"));
    s.wait_for_text(".region-panel h2", "Left lower back", WAIT)
        .unwrap();
    s.wait_for(".point-dot", WAIT).unwrap();
    let cards = s.find_all(".region-panel details.point").unwrap();
    assert!(cards.len() >= 3, "{} cards", cards.len());
    // The dots on the figures themselves; the insets repeat those on the hand and foot.
    let dots: Vec<Element> = s
        .execute(
            "return [...document.querySelectorAll('.point-dot')].filter(d => d.closest('svg').classList.contains('figure'));",
            vec![],
        )
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(Element::from_value)
        .collect();
    assert_eq!(
        dots.len(),
        cards.len(),
        "one dot per point on a sided region"
    );
    let inset_dots = s.find_all(".insets .point-dot").unwrap();
    assert!(
        !inset_dots.is_empty(),
        "the hand and foot insets show their points"
    );
    for (i, dot) in dots.iter().enumerate() {
        let label = s.attr(dot, "aria-label").unwrap().unwrap_or_default();
        assert!(label.contains(": "), "dot {i} is named: {label:?}");
        assert_eq!(s.attr(dot, "tabindex").unwrap().as_deref(), Some("0"));
    }
    s.screenshot("60-lower-back-dots").unwrap();

    // Focus a dot with the keyboard: its card lights up; Enter opens the card.
    let dot = s.find(".point-dot[data-n=\"2\"]").unwrap();
    let id = s.attr(&dot, "data-dot").unwrap().unwrap();
    s.execute("arguments[0].focus();", vec![Session::element_arg(&dot)])
        .unwrap();
    let card = format!(".region-panel details.point[data-point=\"{id}\"]");
    s.wait_for(&format!("{card}.hot"), WAIT).unwrap();
    s.press("\u{E007}").unwrap();
    s.wait_for(&format!("{card}[open]"), WAIT).unwrap();
    assert_eq!(
        s.execute(
            "return document.activeElement?.closest('details.point')?.dataset.point ?? null;",
            vec![]
        )
        .unwrap(),
        Value::String(id.clone()),
        "the card's summary has the focus"
    );

    // Hovering a card lights its dot.
    let other = s
        .find(".region-panel details.point[data-n=\"1\"] summary")
        .unwrap();
    s.execute(
        "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));",
        vec![Session::element_arg(&other)],
    )
    .unwrap();
    s.wait_for(".point-dot.hot[data-n=\"1\"]", WAIT).unwrap();
    s.screenshot("61-dot-and-card").unwrap();
}

#[test]
fn finer_muscles_open_on_both_views_and_sides_and_lead_to_their_region() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    for (view, region, side, title) in [
        (
            "front",
            "lateral-deltoid",
            "right",
            "Right side of shoulder",
        ),
        ("back", "lateral-deltoid", "left", "Left side of shoulder"),
        ("back", "rotator-cuff", "left", "Left rotator cuff"),
        (
            "front",
            "tibialis-anterior",
            "left",
            "Left tibialis anterior",
        ),
        ("back", "piriformis", "right", "Right piriformis"),
        ("front", "hip-flexors", "left", "Left hip flexors"),
        (
            "back",
            "quadratus-lumborum",
            "right",
            "Right quadratus lumborum",
        ),
        ("front", "neck-side", "left", "Left side of neck"),
    ] {
        s.click_on(&shape(view, region, side));
        s.wait_for_text(".region-panel h2", title, WAIT).unwrap();
        s.wait_for(
            &format!(".region-panel[data-region={region}][data-side={side}]"),
            WAIT,
        )
        .unwrap();
    }
    s.screenshot("64-fine-neck-side").unwrap();
    // A muscle leads to the region it is part of, where the whole region can be logged.
    s.click_on(&shape("back", "gastrocnemius", "left"));
    s.click_on("[data-related=calf]");
    s.wait_for_text(".region-panel h2", "Left calf", WAIT)
        .unwrap();
    let within = s
        .wait_for_text(".region-panel .related", "Soleus", WAIT)
        .unwrap();
    assert!(within.contains("Gastrocnemius"), "{within}");
    // Both muscles of the calf light up as the open region.
    assert_eq!(
        s.find_all(".figure .region.selected").unwrap().len(),
        2,
        "gastrocnemius and soleus"
    );
}

#[test]
fn selection_is_an_outline_and_never_a_soreness_colour_in_light_and_dark() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    log(&s, "soleus", "left", 7);
    s.click_on("[data-action=today]");
    let calf = shape("back", "soleus", "left");
    s.wait_for(&format!("{calf}[data-level=\"7\"]"), WAIT)
        .unwrap();
    let sore_fill = style(&s, &calf, "fill");
    let plain = shape("back", "hamstrings", "left");
    let plain_fill = style(&s, &plain, "fill");

    // Every colour of the soreness scale, as the legend draws it.
    let scale: Vec<String> = (0..=10)
        .map(|n| {
            style(
                &s,
                &format!(".legend .swatch[data-level=\"{n}\"]"),
                "background-color",
            )
        })
        .collect();

    for theme in ["light", "dark"] {
        s.execute(
            "document.documentElement.dataset.theme = arguments[0];",
            vec![json!(theme)],
        )
        .unwrap();
        s.click_on(&calf);
        s.wait_for(&format!("{calf}.selected"), WAIT).unwrap();
        assert_eq!(
            style(&s, &calf, "fill"),
            sore_fill,
            "{theme}: still its soreness"
        );
        let outline = style(&s, &calf, "stroke");
        assert!(
            !scale.contains(&outline),
            "{theme}: {outline} is in {scale:?}"
        );
        s.click_on(&plain);
        s.wait_for(&format!("{plain}.selected"), WAIT).unwrap();
        let fill = style(&s, &plain, "fill");
        assert!(
            !scale.contains(&fill),
            "{theme}: a selected region without soreness is filled {fill}, a soreness colour"
        );
        if theme == "light" {
            assert_eq!(fill, plain_fill, "selection does not change the fill");
        }
        s.screenshot(&format!("62-selection-{theme}")).unwrap();
    }
    let bg = style(&s, "body", "background-color");
    assert_ne!(bg, "rgb(245, 242, 237)", "dark mode changes the page");
}

#[test]
fn tonights_routine_runs_to_the_end_and_its_treatments_are_in_the_log() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    log(&s, "soleus", "left", 5);
    log(&s, "abdomen", "center", 3);
    s.click_on("[data-action=today]");
    s.wait_for(
        &format!("{}[data-level=\"5\"]", shape("back", "soleus", "left")),
        WAIT,
    )
    .unwrap();
    s.click_on("[data-action=routine]");
    let total = s
        .wait_for_text("[data-routine=total]", "in all", WAIT)
        .unwrap();
    let steps = s.find_all("[data-routine-step]").unwrap().len();
    assert!(steps >= 2, "{total}");
    s.screenshot("63-routine").unwrap();
    s.type_into("[name=before]", "5");
    s.click_on("[data-routine=start]");
    s.wait_for_text("[data-routine=current]", "Left soleus", WAIT)
        .unwrap();
    // Each side of each step, as a person who is done early would: "Done, next".
    let mut sides = 0;
    while s.find("[data-routine=save]").is_err() {
        s.click_on("[data-routine=next]");
        sides += 1;
        assert!(sides < 40, "the routine never ended");
    }
    s.type_into("[name=after]", "3");
    s.click_on("[data-routine=save]");
    let status = s
        .wait_for_text("[data-routine=status]", "Saved", WAIT)
        .unwrap();
    assert!(
        status.contains(&format!("Saved {sides} treatment")),
        "{status}"
    );

    let day = s.invoke("day", json!({"date": hours_ago(0)[..10]}));
    let treatments = day["ok"]["treatments"].as_array().unwrap();
    assert_eq!(treatments.len(), sides);
    assert!(treatments
        .iter()
        .all(|t| t["before"] == 5 && t["after"] == 3));
    // Both calves (sided), the abdomen once (midline).
    let sides_done: Vec<&str> = treatments
        .iter()
        .filter(|t| t["region"] == "soleus")
        .map(|t| t["side"].as_str().unwrap())
        .collect();
    assert!(sides_done.contains(&"left") && sides_done.contains(&"right"));
    assert!(treatments
        .iter()
        .filter(|t| t["region"] == "abdomen")
        .all(|t| t["side"] == "center"));
    s.click_on("[data-routine=close]");
    s.wait_for_text("[data-section=today-treatments]", "Left soleus", WAIT)
        .unwrap();
}

/// The page scrolls under a header and a map that stay where they are; another view opens at
/// its top.
#[test]
fn the_map_stays_in_view_while_a_panel_scrolls_and_a_new_view_opens_at_its_top() {
    let data = tempfile::tempdir().unwrap();
    let s = Session::launch_in(data.path());
    s.click_on(&shape("front", "quadriceps", "left"));
    s.wait_for_text(".region-panel h2", "Left quadriceps", WAIT)
        .unwrap();
    let tops = || {
        s.execute(
            "const top = (css) => document.querySelector(css).getBoundingClientRect().top;
             return [top('.app-header'), top('.map-column'), top('.panel'), window.scrollY];",
            vec![],
        )
        .unwrap()
    };
    let before = tops();
    s.execute("window.scrollTo(0, 900);", vec![]).unwrap();
    let after = tops();
    assert_eq!(
        after[3],
        json!(900),
        "the panel is long enough to scroll: {after}"
    );
    assert_eq!(after[0], before[0], "the header stays: {before} {after}");
    assert_eq!(after[1], before[1], "the map stays: {before} {after}");
    assert_eq!(
        after[2].as_f64().unwrap(),
        before[2].as_f64().unwrap() - 900.0,
        "the panel scrolled: {before} {after}"
    );
    s.click_on("[data-action=today]");
    s.wait_for(".panel .today", WAIT).unwrap();
    assert_eq!(tops()[3], json!(0), "Today opens at its top");
}
