//! What a person feels, measured in the real window: how long from an action until the screen
//! shows its answer, against the floor — a trivial DOM change painted in the same window.
//!
//! Every figure is the time from the action (a click, a keystroke) until the answer is in the
//! DOM and two animation frames have passed, i.e. it has been painted; the floor is the same
//! measure for changing one word. Run by `scripts/bench-app.sh`, which builds the release app,
//! fills a data folder with a ten-year log and starts Xvfb and tauri-driver:
//!
//!     SOREMAP_APP=target/release/soremap cargo run --release -p soremap-e2e --example bench_ui -- <data-dir> [rounds]

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use soremap_e2e::Session;

/// Measures one action in the page: `act` runs, then the time until `ready` holds and two
/// frames have been drawn. Returns milliseconds, or -1 when `ready` never held (10 s). The
/// action and the condition are written into the script itself (the page's CSP rightly
/// forbids evaluating strings).
fn measure_script(act: &str, ready: &str) -> String {
    format!(
        r#"
const done = arguments[arguments.length - 1];
const act = () => {{ {act} }};
const ready = () => !!({ready});
let finished = false;
const t0 = performance.now();
let inDom = -1;
const finish = (ms) => {{ if (!finished) {{ finished = true; observer.disconnect(); done([ms, inDom]); }} }};
let armed = false;
const check = () => {{
  if (armed || !ready()) return;
  armed = true;
  inDom = performance.now() - t0;
  observer.disconnect();
  requestAnimationFrame(() => requestAnimationFrame(() => finish(performance.now() - t0)));
}};
const observer = new MutationObserver(check);
observer.observe(document.body, {{ subtree: true, childList: true, attributes: true, characterData: true }});
setTimeout(() => finish(-1), 10000);
act();
check();
"#
    )
}

thread_local! {
    /// Per scenario: the times until the answer was in the DOM (before painting).
    static DOM_TIMES: std::cell::RefCell<std::collections::BTreeMap<&'static str, Vec<f64>>> = Default::default();
}

struct Scenario {
    name: &'static str,
    /// What the person does (a script).
    act: String,
    /// When its answer is on screen (an expression).
    ready: String,
}

/// A click on `css`; what the panel showed before is marked, so `ready` can wait for the new.
fn click(css: &str) -> String {
    format!(
        "document.querySelector('.panel').firstElementChild?.setAttribute('data-bench-old', '');
         document.querySelector({css:?}).dispatchEvent(new MouseEvent('click', {{ bubbles: true }}))"
    )
}

fn measure(session: &Session, s: &Scenario) -> f64 {
    let value = session
        .execute_async(&measure_script(&s.act, &s.ready), vec![])
        .unwrap_or_else(|e| panic!("{}: {e}", s.name));
    let ms = value[0].as_f64().unwrap_or(-1.0);
    DOM_TIMES.with(|d| {
        d.borrow_mut()
            .entry(s.name)
            .or_default()
            .push(value[1].as_f64().unwrap_or(-1.0))
    });
    if ms < 0.0 {
        let panel = session
            .execute("const p = document.querySelector('.panel').firstElementChild; return p ? p.outerHTML.slice(0, 300) : 'empty';", vec![])
            .unwrap_or_default();
        panic!(
            "{}: the answer never appeared; the panel holds {panel}",
            s.name
        );
    }
    ms
}

/// Waits until an expression holds (the view has finished filling in), then a little more.
fn settle(session: &Session, expr: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if session.execute(&format!("return !!({expr})"), vec![]).ok() == Some(Value::Bool(true)) {
            // Let what the view drew last be painted before the next action.
            std::thread::sleep(Duration::from_millis(500));
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never settled: {expr}");
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench_ui <data-dir> [rounds]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(15);
    let started = Instant::now();
    let session = Session::launch(&["--data-dir", &dir]).expect("launch");
    let launch = started.elapsed();
    session.set_window_size(1440, 1000).ok();
    settle(&session, "document.querySelector('.panel .today')");
    session
        .execute("const s = document.createElement('span'); s.id = 'bench-floor'; document.querySelector('.app-footer').append(s);", vec![])
        .expect("floor element");

    let floor = Scenario {
        name: "floor: one word changed",
        act: "document.getElementById('bench-floor').textContent = String(Math.random());".into(),
        ready: "true".into(),
    };
    let mut figures: Vec<(&str, Vec<f64>)> = vec![
        (floor.name, vec![]),
        ("region click → panel painted", vec![]),
        ("Today opened (10-year log)", vec![]),
        ("Trends opened → overview painted", vec![]),
        ("Trends: region-side switched", vec![]),
        ("search answered", vec![]),
    ];
    let sides = ["left", "right"];
    for round in 0..rounds {
        let side = sides[round % 2];
        figures[0].1.push(measure(&session, &floor));

        let today = Scenario {
            name: "today",
            act: click("[data-action=\"today\"]"),
            ready: "document.querySelector('.panel .today:not([data-bench-old])')".into(),
        };
        figures[2].1.push(measure(&session, &today));
        settle(&session, "document.querySelector('.panel .today')");

        let region = Scenario {
            name: "region click",
            act: click(&format!(".figure .region[data-region=\"quadriceps\"][data-side=\"{side}\"]")),
            ready: format!("document.querySelector('.panel .region-panel[data-region=\"quadriceps\"][data-side=\"{side}\"]:not([data-bench-old])')"),
        };
        figures[1].1.push(measure(&session, &region));
        settle(&session, "document.querySelector('.panel .region-panel')");

        let trends = Scenario {
            name: "trends",
            act: click("[data-action=\"trends\"]"),
            ready: "document.querySelector('.panel .trends:not([data-bench-old]) .overview')"
                .into(),
        };
        figures[3].1.push(measure(&session, &trends));
        // Switching is an action on a finished view: everything Trends fills in below the
        // overview (the small multiples, the chart, the year's calendar) is there first.
        settle(&session, "document.querySelector('.panel .trends .multiples') && document.querySelector('.panel .trends .trend-chart canvas') && document.querySelector('.panel .trends .year-grid')");

        let other = if side == "left" { "right" } else { "left" };
        let switch = Scenario {
            name: "switch",
            act: click(&format!(".figure .region[data-region=\"quadriceps\"][data-side=\"{other}\"]")),
            ready: format!("document.querySelector('.panel .trends .chart-key-item[data-series=\"quadriceps/{other}\"]')"),
        };
        figures[4].1.push(measure(&session, &switch));
        settle(&session, "true");

        let query = ["bl40", "quadriceps", "kneading", "gb21"][round % 4];
        let search = Scenario {
            name: "search",
            act: format!("const i = document.querySelector('.search-input'); i.value = {query:?}; i.dispatchEvent(new Event('input', {{ bubbles: true }}));"),
            ready: format!("document.querySelector('#search-results[data-query=\"{query}\"]')"),
        };
        figures[5].1.push(measure(&session, &search));
        session
            .execute("const i = document.querySelector('.search-input'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); i.blur();", vec![])
            .ok();
        settle(&session, "true");
    }

    // The commands behind those views, timed from the page (IPC included), for where the time goes.
    let probe = r#"
const done = arguments[arguments.length - 1];
const invoke = window.__TAURI_INTERNALS__.invoke;
const today = new Date().toISOString().slice(0, 10);
const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
const calls = [
  ["day", { date: today }],
  ["region_detail", { region: "quadriceps", side: "left" }],
  ["episode", { region: "quadriceps", side: "left" }],
  ["insights", { from: monthAgo, to: today }],
  ["trends", { from: monthAgo, to: today }],
  ["trend", { region: "quadriceps", side: "left", from: monthAgo, to: today }],
];
(async () => {
  const out = {};
  for (const [name, args] of calls) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await invoke(name, args);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[name] = times[2];
  }
  done(out);
})();
"#;
    let commands = session.execute_async(probe, vec![]).unwrap_or_default();

    let floor_ms = median(&mut figures[0].1.clone());
    println!("\nSoreMap in the real window ({rounds} rounds, medians; ratio to the floor):");
    println!(
        "  launch until the map is on screen: {:.0} ms",
        launch.as_secs_f64() * 1000.0
    );
    let mut report = vec![];
    for (name, values) in &mut figures {
        let m = median(values);
        let worst = values.iter().copied().fold(0.0, f64::max);
        println!(
            "  {name:<38} {m:7.1} ms  (max {worst:6.1})  {:5.2}× floor",
            m / floor_ms
        );
        report.push(json!({"name": name, "median_ms": m, "max_ms": worst, "ratio": m / floor_ms}));
    }
    println!("\nUntil the answer was in the DOM (medians, before painting):");
    DOM_TIMES.with(|d| {
        for (name, values) in d.borrow_mut().iter_mut() {
            println!("  {name:<38} {:7.1} ms", median(values));
        }
    });
    println!("\nCommands as the page sees them (median of 5, IPC included):");
    if let Some(map) = commands.as_object() {
        for (name, ms) in map {
            println!("  {name:<38} {:7.1} ms", ms.as_f64().unwrap_or(-1.0));
        }
    }
    if let Ok(path) = std::env::var("BENCH_JSON") {
        std::fs::write(
            path,
            serde_json::to_string_pretty(&report).unwrap_or_default(),
        )
        .ok();
    }
}
