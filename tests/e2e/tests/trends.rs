//! Trends as a person uses them on a year of entries: the overview answers in words, a
//! statement leads to its chart, left and right are compared on one chart, the calendar steps
//! a year back, and the report is saved as a PDF through the system's save dialog.

use std::path::Path;
use std::process::Command;

use chrono::{Duration, Local};
use soremap_core::model::{RegionSideInput, SorenessInput};
use soremap_core::synthetic::generate;
use soremap_core::Database;
use soremap_e2e::{dialog, screenshot_dir, Element, Session, WAIT};

/// A year of synthetic training and soreness, and over the last 25 days a left calf that
/// stays far sorer than the right.
fn a_year_of_entries(dir: &Path) {
    let now = Local::now().naive_local();
    let mut db = Database::open_in_dir(dir).unwrap();
    generate(&mut db, 365, 12, now, 7).unwrap();
    for days_ago in 1..=25 {
        let day = (now - Duration::days(days_ago))
            .format("%Y-%m-%d")
            .to_string();
        for (side, v) in [("left", 6.0), ("right", 2.0)] {
            db.log_soreness(
                &SorenessInput {
                    targets: vec![RegionSideInput {
                        region: "calf".into(),
                        side: side.into(),
                    }],
                    intensity: v,
                    kind: "doms".into(),
                    symptoms: vec![],
                    note: String::new(),
                    at: Some(format!("{day}T23:50")),
                },
                now,
            )
            .unwrap();
        }
    }
}

fn count(s: &Session, css: &str) -> usize {
    s.find_all(css).map(|v| v.len()).unwrap_or(0)
}

/// Waits until `css` has a box on screen (an off-screen section is drawn a frame after it is
/// scrolled to).
fn laid_out(s: &Session, css: &str) {
    let start = std::time::Instant::now();
    let script =
        format!("return document.querySelector({css:?})?.getBoundingClientRect().width > 0");
    while s.execute(&script, vec![]).ok() != Some(serde_json::Value::Bool(true)) {
        assert!(start.elapsed() < WAIT, "{css} was never laid out");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Focuses `css` and presses a key on it (Enter: `\u{E007}`, Space: `" "`).
fn press_on(s: &Session, css: &str, key: &str) {
    s.execute(&format!("document.querySelector({css:?}).focus()"), vec![])
        .unwrap();
    s.press(key).unwrap();
}

/// How much time the chart's axis shows now, in seconds.
fn shown_seconds(s: &Session, chart: &Element) -> i64 {
    let at = |name: &str| -> i64 {
        s.attr(chart, name)
            .unwrap()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("the chart has no {name}"))
    };
    at("data-to") - at("data-from")
}

/// Whitespace folded to single spaces, so text wrapped onto lines compares with one line.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn trends_on_a_year_answer_in_words_and_lead_to_their_charts() {
    let data = tempfile::tempdir().unwrap();
    a_year_of_entries(data.path());
    let s = Session::launch_in(data.path());
    s.set_window_size(1440, 1000).unwrap();
    s.click_on("[data-action=trends]");
    s.wait_for(".trends .overview [data-statement]", WAIT)
        .unwrap();
    s.wait_for(".trends .multiples", WAIT).unwrap();
    s.wait_for(".trends .year-grid", WAIT).unwrap();
    s.screenshot("66-trends-overview").unwrap();

    // The recovery question is answered first, in words with counts.
    let recovery = s
        .wait_for(".overview-group[data-topic=recovery] .statement p", WAIT)
        .unwrap();
    let text = s.text(&recovery).unwrap();
    assert!(
        text.contains("usual") || text.contains("Not enough"),
        "the recovery statement: {text}"
    );
    // The persistent left/right gap of the calf is named as unusual.
    let gap = s.wait_for("[data-statement='gap:calf']", WAIT).unwrap();
    let gap_text = s.text(&gap).unwrap();
    assert!(gap_text.to_lowercase().contains("calf"), "{gap_text}");

    // Following it charts both sides of the calf together, zoomed to the recent weeks.
    s.click_on("[data-follow='gap:calf']");
    s.wait_for(".chart-key-item[data-series='calf/left']", WAIT)
        .unwrap();
    s.wait_for(".chart-key-item[data-series='calf/right']", WAIT)
        .unwrap();
    let chart = s.find(".trend-chart").unwrap();
    assert!(
        shown_seconds(&s, &chart) < 60 * 86_400,
        "zoomed to the statement's weeks, not the year"
    );
    s.screenshot("67-trends-statement-chart").unwrap();
    let selected = s
        .execute(
            "return [...document.querySelectorAll('.figure .region.selected')].map(e => e.dataset.region + '/' + e.dataset.side).join(',')",
            vec![],
        )
        .unwrap();
    assert_eq!(
        count(
            &s,
            ".figure .region.selected[data-region='gastrocnemius'][data-side='left']"
        ),
        1,
        "the map shows the charted region: {selected}"
    );
    s.screenshot("67-trends-statement-chart").unwrap();

    // Over a year, zoom out to the whole range, then back in.
    s.execute(
        "const r = document.querySelector('select[name=range]'); r.value = '365'; r.dispatchEvent(new Event('change'));",
        vec![],
    )
    .unwrap();
    let year_ago = (chrono::Local::now().date_naive() - Duration::days(365)).format("%Y-%m-%d");
    s.wait_for(&format!(".trends[data-from='{year_ago}'] .multiples"), WAIT)
        .unwrap();
    let chart = s.wait_for(".trend-chart[data-points]", WAIT).unwrap();
    s.click_on("[data-action=zoom-all]");
    let wide = shown_seconds(&s, &chart);
    assert!(wide > 300 * 86_400, "the whole year: {wide}");
    s.click_on("[data-action=zoom-in]");
    let narrower = shown_seconds(&s, &chart);
    assert!(
        narrower < wide * 6 / 10,
        "{narrower} after zooming in on {wide}"
    );

    // A small multiple charts its region-side; "Compare left and right" puts both on one chart.
    s.click_on(".multiple[data-region='quadriceps'][data-side='left']");
    s.wait_for(".chart-key-item[data-series='quadriceps/left']", WAIT)
        .unwrap();
    assert_eq!(count(&s, ".chart-key-item"), 1);
    s.click_on("[data-action=compare-sides]");
    s.wait_for(".chart-key-item[data-series='quadriceps/right']", WAIT)
        .unwrap();
    assert_eq!(count(&s, ".chart-key-item"), 2);
    s.screenshot("68-trends-compare-left-right").unwrap();

    // The calendar shows this whole year and steps a year back.
    s.execute(
        "document.querySelector('[data-section=calendar]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    // Sections off screen are laid out once scrolled to, at the next frame; the year is
    // stepped with the keyboard, as a keyboard user does.
    laid_out(&s, "[data-action=year-back]");
    let year = s.find(".year").unwrap();
    let this_year: i32 = s
        .attr(&year, "data-year")
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(count(&s, ".year-grid [data-month]"), 12);
    press_on(&s, "[data-action=year-back]", "\u{E007}");
    let back = s
        .wait_for(&format!(".year[data-year='{}']", this_year - 1), WAIT)
        .unwrap();
    let logged: u32 = s
        .attr(&back, "data-logged")
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(logged > 0, "a year of entries reaches into last year");
    s.execute(
        "document.querySelector('[data-section=calendar]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    s.screenshot("69-trends-year-back").unwrap();

    // Bouts that never brought soreness are hidden until asked for (the table lists 50).
    let number = |css: &str| -> usize {
        let text = s.text(&s.find(css).unwrap()).unwrap();
        text.split_whitespace()
            .find_map(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("no number in {text:?}"))
    };
    let sore = number("[data-section=recoveries] [data-count]");
    assert_eq!(count(&s, "[data-table=episodes] tbody tr"), sore.min(50));
    let peaks = || -> Vec<String> {
        let v = s
            .execute(
                "return [...document.querySelectorAll('[data-table=episodes] tbody tr td:nth-child(3)')].map(td => td.textContent)",
                vec![],
            )
            .unwrap();
        serde_json::from_value(v).unwrap()
    };
    assert!(
        !peaks().iter().any(|p| p == "0/10"),
        "no bout without soreness listed"
    );
    let quiet = number("label.check");
    assert!(quiet > 0, "a year of workouts has bouts without soreness");
    s.execute(
        "document.querySelector('[data-section=recoveries]').scrollIntoView()",
        vec![],
    )
    .unwrap();
    laid_out(&s, "input[name=show-quiet]");
    press_on(&s, "input[name=show-quiet]", " ");
    assert_eq!(
        count(&s, "[data-table=episodes] tbody tr"),
        (sore + quiet).min(50)
    );
    assert!(
        peaks().iter().any(|p| p == "0/10"),
        "the bouts without soreness are listed"
    );
}

#[test]
fn the_report_is_saved_as_a_pdf_through_the_save_dialog() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let pdf = files.path().join("for-my-physio.pdf");
    a_year_of_entries(data.path());
    let s = Session::launch_in(data.path());
    s.click_on("[data-action=trends]");
    s.wait_for(".trends .multiples", WAIT).unwrap();
    s.wait_for(".trends .trend-chart", WAIT).unwrap();
    let first = s.wait_for(".overview [data-statement] p", WAIT).unwrap();
    let statement = s.text(&first).unwrap();

    s.click_on("[data-action=save-report]");
    dialog::save_as("Save SoreMap report", &pdf).unwrap();
    s.wait_for_text(".toast", "Report saved", WAIT).unwrap();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");

    // Its pages hold the report's text…
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(text.status.success());
    let text = folded(&String::from_utf8_lossy(&text.stdout));
    for needle in [
        "SoreMap recovery report",
        "not medical advice",
        "Overview",
        "Body heatmap",
        "Recoveries",
        "Page 1 of",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} missing from the report:\n{text}"
        );
    }
    assert!(
        text.contains(&folded(&statement)),
        "the overview's first statement {statement:?} is in the report"
    );

    // …and render as pages; the first is kept with the screenshots to look at.
    let out = files.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "70"])
        .arg(&pdf)
        .arg(&out)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success());
    let mut pages: Vec<_> = std::fs::read_dir(files.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate().take(3) {
        assert!(
            std::fs::metadata(page).unwrap().len() > 10_000,
            "page {} has content",
            i + 1
        );
        std::fs::copy(
            page,
            screenshot_dir().join(format!("70-report-page-{}.png", i + 1)),
        )
        .unwrap();
    }
}
