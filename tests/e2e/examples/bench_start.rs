//! SoreMap against the smallest Tauri app (`bench/baseline`): how long from starting the
//! process until the window is interactive, how much memory the whole process tree holds once
//! loaded, and how large the release binary is — each as a ratio to the baseline, measured in
//! the same run, the two apps launched one after the other, round after round.
//!
//! - start: from asking tauri-driver for a session (WebKitWebDriver starts the process) until
//!   the page's content is there (SoreMap: a region of the body map; the baseline: its one
//!   element), `document.readyState` is `complete` and two animation frames have been drawn;
//! - memory: once loaded (SoreMap: Today shown, on the ten-year log in `<data-dir>`) and a
//!   second later, VmRSS summed over the app's process and all its descendants (the WebKit
//!   web and network processes), and the same for PSS (`smaps_rollup`), which shares pages
//!   between processes fairly;
//! - binary: the size of each release binary.
//!
//! Run by `scripts/bench-app.sh`, which builds both apps and starts Xvfb and tauri-driver:
//!
//!     SOREMAP_APP=target/release/soremap SOREMAP_BASELINE_APP=target/release/soremap-baseline \
//!       target/release/examples/bench_start <data-dir> [rounds]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use soremap_e2e::procs::{alive, newest_process, process_family};
use soremap_e2e::{app_path, driver_url, workspace_root};

/// The targets: SoreMap's figure at most this many times the baseline's.
const START_TARGET: f64 = 1.15;
const MEMORY_TARGET: f64 = 1.2;
const BINARY_TARGET: f64 = 2.5;

/// Resolves once `ready` holds, the document has loaded and two frames have been drawn;
/// answers with the page's own clock (ms since its navigation started).
fn interactive_script(ready: &str) -> String {
    format!(
        r#"
const done = arguments[arguments.length - 1];
const ready = () => document.readyState === 'complete' && !!({ready});
const poll = () => {{
  if (!ready()) return setTimeout(poll, 4);
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
}};
poll();
"#
    )
}

struct App {
    name: &'static str,
    binary: PathBuf,
    args: Vec<String>,
    /// Found in the process's command line: tells this run's process from any other copy.
    marker: String,
    /// When the window is interactive (an expression).
    ready: &'static str,
    /// When what is measured for memory has loaded (an expression).
    loaded: &'static str,
}

#[derive(Default)]
struct Figures {
    start_ms: Vec<f64>,
    in_page_ms: Vec<f64>,
    rss_kib: Vec<f64>,
    pss_kib: Vec<f64>,
    /// The process tree of the last round: (name, VmRSS KiB).
    tree: Vec<(String, u64)>,
}

fn request(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<Value>,
) -> Result<Value, String> {
    let response = match (method, body) {
        ("DELETE", _) => agent.delete(url).call(),
        (_, Some(body)) => agent.post(url).send_json(body),
        (_, None) => agent.post(url).send_empty(),
    }
    .map_err(|e| format!("{method} {url}: {e}"))?;
    let status = response.status();
    let mut response = response;
    let value: Value = response
        .body_mut()
        .read_json()
        .map_err(|e| format!("{method} {url}: unreadable reply: {e}"))?;
    if !status.is_success() {
        return Err(format!("{method} {url}: {status}: {}", value["value"]));
    }
    Ok(value["value"].clone())
}

/// Runs a script in the page until it answers (the first calls can come before the page is
/// there to run them).
fn execute(agent: &ureq::Agent, session: &str, script: &str, r#async: bool) -> Value {
    let url = format!(
        "{session}/execute/{}",
        if r#async { "async" } else { "sync" }
    );
    let start = Instant::now();
    loop {
        match request(
            agent,
            "POST",
            &url,
            Some(json!({"script": script, "args": []})),
        ) {
            Ok(value) => return value,
            Err(e) if start.elapsed() > Duration::from_secs(30) => panic!("{e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// One launch: the start time, then memory once loaded; the app is closed again and waited for.
fn launch(agent: &ureq::Agent, app: &App, figures: &mut Figures) {
    let caps = json!({
        "capabilities": { "alwaysMatch": {
            "browserName": "wry",
            "tauri:options": { "application": app.binary, "args": app.args },
        }}
    });
    let started = Instant::now();
    let value = request(
        agent,
        "POST",
        &format!("{}/session", driver_url()),
        Some(caps),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", app.name));
    let id = value["sessionId"].as_str().expect("a session id");
    let session = format!("{}/session/{id}", driver_url());
    let in_page = execute(agent, &session, &interactive_script(app.ready), true);
    let start_ms = started.elapsed().as_secs_f64() * 1000.0;

    let loaded = Instant::now();
    while execute(
        agent,
        &session,
        &format!("return !!({})", app.loaded),
        false,
    ) != json!(true)
    {
        assert!(
            loaded.elapsed() < Duration::from_secs(30),
            "{}: never loaded: {}",
            app.name,
            app.loaded
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(1));
    let root = newest_process(&app.binary, &app.marker)
        .unwrap_or_else(|| panic!("{}: its process was not found", app.name));
    let family = process_family(root);
    let mut rss = 0;
    let mut pss = 0;
    figures.tree.clear();
    for &pid in &family {
        let kib = status_kib(pid, "VmRSS:").unwrap_or(0);
        rss += kib;
        pss += rollup_kib(pid, "Pss:").unwrap_or(0);
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        figures.tree.push((name.trim().to_owned(), kib));
    }
    figures.start_ms.push(start_ms);
    figures.in_page_ms.push(in_page.as_f64().unwrap_or(-1.0));
    figures.rss_kib.push(rss as f64);
    figures.pss_kib.push(pss as f64);

    let _ = request(agent, "DELETE", &session, None);
    let gone = Instant::now();
    while family.iter().any(|&pid| alive(pid)) {
        if gone.elapsed() > Duration::from_secs(15) {
            for &pid in family.iter().filter(|&&pid| alive(pid)) {
                eprintln!("bench_start: process {pid} outlived its session; killing it");
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let the machine calm down before the next launch.
    std::thread::sleep(Duration::from_millis(500));
}

/// A `kB` line of a `/proc/<pid>` file.
fn kib_line(path: String, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].split_whitespace().next()?.parse().ok()
}

fn status_kib(pid: u32, key: &str) -> Option<u64> {
    kib_line(format!("/proc/{pid}/status"), key)
}

fn rollup_kib(pid: u32, key: &str) -> Option<u64> {
    kib_line(format!("/proc/{pid}/smaps_rollup"), key)
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn row(figure: &str, soremap: String, baseline: String, ratio: f64, target: Option<f64>) {
    let (target, met) = match target {
        Some(t) => (
            format!("≤ {t}×"),
            if ratio <= t { "met" } else { "not met" },
        ),
        None => (String::new(), ""),
    };
    let line = format!(
        "  {figure:<34} {soremap:>10} {baseline:>10} {:>7} {target:>8}  {met}",
        format!("{ratio:.2}×")
    );
    println!("{}", line.trim_end());
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench_start <data-dir> [rounds]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(15);
    let baseline_binary = std::env::var_os("SOREMAP_BASELINE_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/release/soremap-baseline"));
    let nonce = format!("--bench-{}", std::process::id());
    let apps = [
        App {
            name: "SoreMap",
            binary: app_path(),
            args: vec!["--data-dir".into(), dir.clone()],
            marker: dir.clone(),
            ready: "document.querySelector('.figure .region')",
            loaded: "document.querySelector('.panel .today')",
        },
        App {
            name: "baseline",
            binary: baseline_binary,
            args: vec![nonce.clone()],
            marker: nonce,
            ready: "document.getElementById('ready')",
            loaded: "true",
        },
    ];
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();

    // One launch of each first, not counted: files read from disk the first time, the data
    // folder opened once.
    for app in &apps {
        launch(&agent, app, &mut Figures::default());
    }
    let mut figures = [Figures::default(), Figures::default()];
    for _ in 0..rounds {
        for (app, figures) in apps.iter().zip(&mut figures) {
            launch(&agent, app, figures);
        }
    }

    let [soremap, baseline] = &figures;
    let size = |app: &App| {
        std::fs::metadata(&app.binary)
            .unwrap_or_else(|e| panic!("{}: {e}", app.binary.display()))
            .len() as f64
    };
    let (soremap_bytes, baseline_bytes) = (size(&apps[0]), size(&apps[1]));
    let ms = |v: &[f64]| format!("{:.0} ms", median(v));
    let mib = |kib: f64| format!("{:.1} MiB", kib / 1024.0);

    println!(
        "\nSoreMap against a minimal Tauri app ({rounds} launches each, alternating; medians):"
    );
    println!(
        "  {:<34} {:>10} {:>10} {:>7} {:>8}",
        "figure", "SoreMap", "baseline", "ratio", "target"
    );
    row(
        "start → interactive window",
        ms(&soremap.start_ms),
        ms(&baseline.start_ms),
        median(&soremap.start_ms) / median(&baseline.start_ms),
        Some(START_TARGET),
    );
    row(
        "memory, process tree (VmRSS)",
        mib(median(&soremap.rss_kib)),
        mib(median(&baseline.rss_kib)),
        median(&soremap.rss_kib) / median(&baseline.rss_kib),
        Some(MEMORY_TARGET),
    );
    row(
        "memory, process tree (PSS)",
        mib(median(&soremap.pss_kib)),
        mib(median(&baseline.pss_kib)),
        median(&soremap.pss_kib) / median(&baseline.pss_kib),
        None,
    );
    row(
        "release binary",
        format!("{:.1} MiB", soremap_bytes / 1048576.0),
        format!("{:.1} MiB", baseline_bytes / 1048576.0),
        soremap_bytes / baseline_bytes,
        Some(BINARY_TARGET),
    );
    println!(
        "  start, of which in the page (from its navigation): SoreMap {}, baseline {}",
        ms(&soremap.in_page_ms),
        ms(&baseline.in_page_ms)
    );
    println!(
        "  binaries: {} bytes, {} bytes",
        soremap_bytes as u64, baseline_bytes as u64
    );
    println!("  SoreMap's memory is with the ten-year log in {dir}, once Today has loaded; both once loaded and a second later.");
    for (app, figures) in apps.iter().zip(&figures) {
        let tree: Vec<String> = figures
            .tree
            .iter()
            .map(|(name, kib)| format!("{name} {:.1}", *kib as f64 / 1024.0))
            .collect();
        println!(
            "  {} process tree (last launch, VmRSS MiB): {}",
            app.name,
            tree.join(", ")
        );
    }
}
