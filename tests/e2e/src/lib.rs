//! A small W3C WebDriver client for driving the real SoreMap app through tauri-driver.
//!
//! `scripts/test.sh` starts Xvfb and tauri-driver (port 4444) and builds the app; each test
//! opens its own session, which launches the app with its own temporary data folder, and the
//! session's end closes the app again.

pub mod notifications;
pub mod procs;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The WebDriver server tauri-driver provides.
pub fn driver_url() -> String {
    std::env::var("SOREMAP_WEBDRIVER").unwrap_or_else(|_| "http://127.0.0.1:4444".into())
}

/// The app binary under test: `SOREMAP_APP`, or the workspace's debug build.
pub fn app_path() -> PathBuf {
    if let Ok(path) = std::env::var("SOREMAP_APP") {
        return path.into();
    }
    workspace_root().join("target/debug/soremap")
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where screenshots go; look at them after a run.
pub fn screenshot_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

pub type Result<T> = std::result::Result<T, String>;

pub struct Session {
    agent: ureq::Agent,
    base: String,
    /// The app process this session launched, waited for when the session ends.
    app: Option<u32>,
}

/// A found element: its WebDriver reference.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Element {
    /// An element returned by a script (`{"element-6066-…": id}`).
    pub fn from_value(value: &Value) -> Element {
        Element(value[ELEMENT_KEY].as_str().unwrap_or_default().to_owned())
    }
}

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Session {
    /// Launches the app with `args` and waits until the body map is on screen.
    pub fn launch(args: &[&str]) -> Result<Session> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "wry",
                "tauri:options": { "application": app_path(), "args": args },
            }}
        });
        let value = request(
            &agent,
            "POST",
            &format!("{}/session", driver_url()),
            Some(caps),
        )?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {value}"))?;
        let session = Session {
            agent,
            base: format!("{}/session/{id}", driver_url()),
            app: procs::newest_process(&app_path(), ""),
        };
        session.wait_for(".body-map .region, .error", Duration::from_secs(30))?;
        Ok(session)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        request(&self.agent, method, &format!("{}{path}", self.base), body)
    }

    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let value = self.call(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )?;
        Ok(value
            .as_array()
            .ok_or("elements: not a list")?
            .iter()
            .filter_map(|e| e[ELEMENT_KEY].as_str().map(|s| Element(s.to_owned())))
            .collect())
    }

    pub fn find(&self, css: &str) -> Result<Element> {
        self.find_all(css)?
            .into_iter()
            .next()
            .ok_or_else(|| format!("no element matches {css:?}"))
    }

    /// Waits until `css` matches something, polling.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element> {
        let start = Instant::now();
        loop {
            match self.find(css) {
                Ok(el) => return Ok(el),
                Err(e) if start.elapsed() > timeout => {
                    return Err(format!("waited {timeout:?}: {e}"))
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Waits until the text of `css` contains `needle`; returns the text.
    pub fn wait_for_text(&self, css: &str, needle: &str, timeout: Duration) -> Result<String> {
        let start = Instant::now();
        loop {
            let text = self
                .find(css)
                .and_then(|el| self.text(&el))
                .unwrap_or_default();
            if text.contains(needle) {
                return Ok(text);
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "{css:?} never showed {needle:?}; last text: {text:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Brings `el` into plain view, as a person does before clicking or typing, and lets it be
    /// painted there. WebDriver's own scrolling (`scrollIntoViewIfNeeded`) leaves a partly
    /// visible element where it is, one flush with the window's edge is refused as "not
    /// interactable", and one under the header is hidden; such an element is scrolled to the
    /// middle of the window. And a person acts on what they have seen, never in the frame the
    /// page scrolled in.
    pub fn reveal(&self, el: &Element) -> Result<()> {
        self.execute_async(
            "const done = arguments[arguments.length - 1];
             const el = arguments[0];
             const r = el.getBoundingClientRect();
             const inView = r.top >= 0 && r.bottom <= innerHeight - 2 && r.left >= 0 && r.right <= innerWidth;
             const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
             // A map shape's box centre may lie on a neighbour; the map never scrolls away.
             const hidden = !(el instanceof SVGElement) && !(hit && (hit === el || el.contains(hit)));
             if (!inView || hidden) el.scrollIntoView({block: 'center', inline: 'nearest'});
             requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
            vec![Session::element_arg(el)],
        )
        .map(drop)
    }

    /// Clicks `el` as a person would: in plain view (see `reveal`) and painted there first.
    pub fn click(&self, el: &Element) -> Result<()> {
        self.reveal(el)?;
        self.call("POST", &format!("/element/{}/click", el.0), Some(json!({})))
            .map(drop)
    }

    /// Types `text` into an input (W3C special keys such as Enter, `\u{E007}`, work too).
    pub fn type_text(&self, el: &Element, text: &str) -> Result<()> {
        self.call(
            "POST",
            &format!("/element/{}/value", el.0),
            Some(json!({"text": text})),
        )
        .map(drop)
    }

    pub fn clear(&self, el: &Element) -> Result<()> {
        self.call("POST", &format!("/element/{}/clear", el.0), Some(json!({})))
            .map(drop)
    }

    pub fn text(&self, el: &Element) -> Result<String> {
        Ok(self
            .call("GET", &format!("/element/{}/text", el.0), None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub fn attr(&self, el: &Element, name: &str) -> Result<Option<String>> {
        Ok(self
            .call("GET", &format!("/element/{}/attribute/{name}", el.0), None)?
            .as_str()
            .map(str::to_owned))
    }

    /// Runs a synchronous script in the page; `arguments` may hold elements.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs an async script; it must call `arguments[arguments.length - 1](result)`.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
    }

    pub fn element_arg(el: &Element) -> Value {
        json!({ ELEMENT_KEY: el.0 })
    }

    /// Presses one key on whatever has focus (W3C key actions).
    pub fn press(&self, key: &str) -> Result<()> {
        self.call(
            "POST",
            "/actions",
            Some(json!({"actions": [{
                "type": "key", "id": "keyboard",
                "actions": [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}],
            }]})),
        )?;
        self.call("DELETE", "/actions", None).map(drop)
    }

    pub fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .map(drop)
    }

    /// Saves what the window shows as `target/e2e-screenshots/<name>.png`.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf> {
        use base64::Engine;
        // Let the webview paint what the DOM now holds.
        self.execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )?;
        let data = self.call("GET", "/screenshot", None)?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().ok_or("screenshot: no data")?)
            .map_err(|e| format!("screenshot: {e}"))?;
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| format!("screenshot: {e}"))?;
        Ok(path)
    }
}

/// How long the helpers below wait for the UI.
pub const WAIT: Duration = Duration::from_secs(20);

impl Session {
    /// Launches the app on its own data folder.
    pub fn launch_in(dir: &Path) -> Session {
        Session::launch(&["--data-dir", dir.to_str().expect("utf-8 path")]).expect("app launches")
    }

    /// Waits for `css` and clicks it; panics with the selector when it cannot. A shape of the
    /// body map is clicked where the person would click it: on a point the shape itself
    /// receives (its box's centre can fall between two bellies of one muscle).
    pub fn click_on(&self, css: &str) {
        let el = self
            .wait_for(css, WAIT)
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        if css.contains(".region") {
            return self
                .click_inside(&el)
                .unwrap_or_else(|e| panic!("click {css}: {e}"));
        }
        if let Err(e) = self.click(&el) {
            let _ = self.screenshot("failed-click");
            let at = self.execute(
                "const r = arguments[0].getBoundingClientRect();
                 return document.elementsFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2)
                   .map((n) => n.tagName.toLowerCase() + (n.className ? '.' + n.className : ''));",
                vec![Session::element_arg(&el)],
            );
            panic!("click {css}: {e} (at its centre: {at:?}; screenshot failed-click.png)");
        }
    }

    /// A real pointer click on a point of `el` that hit-testing gives to `el` itself.
    pub fn click_inside(&self, el: &Element) -> Result<()> {
        let at = self.execute(
            "const el = arguments[0];
             el.scrollIntoView({block: 'nearest'});
             const r = el.getBoundingClientRect();
             for (let n = 2; n <= 24; n *= 2) {
               for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
                 const x = r.left + r.width * i / n, y = r.top + r.height * j / n;
                 const hit = document.elementFromPoint(x, y);
                 if (hit === el || el.contains(hit)) return [Math.round(x), Math.round(y)];
               }
             }
             return null;",
            vec![Session::element_arg(el)],
        )?;
        let (Some(x), Some(y)) = (at[0].as_i64(), at[1].as_i64()) else {
            return Err("no point of the element can be clicked".into());
        };
        self.call(
            "POST",
            "/actions",
            Some(json!({"actions": [{
                "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerUp", "button": 0},
                ],
            }]})),
        )?;
        self.call("DELETE", "/actions", None).map(drop)
    }

    /// Replaces the text of the input matching `css`.
    pub fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_for(css, WAIT).unwrap();
        self.reveal(&el).unwrap();
        self.clear(&el).unwrap();
        self.type_text(&el, text).unwrap();
    }

    /// Calls a command through the real IPC, as the UI does: `{ ok }` or `{ error }`.
    pub fn invoke(&self, command: &str, args: Value) -> Value {
        self.execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
               .then(v => done({ ok: v }), e => done({ error: e }));",
            vec![json!(command), args],
        )
        .unwrap()
    }
}

/// Local date and time `hours` ago, as the UI's `datetime-local` fields write it.
pub fn hours_ago(hours: i64) -> String {
    let out = std::process::Command::new("date")
        .arg("-d")
        .arg(format!("{hours} hours ago"))
        .arg("+%Y-%m-%dT%H:%M")
        .output()
        .expect("date runs");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

/// Local date `days` ago at the wall-clock time `hh_mm` ("12:00"), as `datetime-local` writes it:
/// entries a day apart that never share a day, whatever the time the tests run.
pub fn days_ago_at(days: i64, hh_mm: &str) -> String {
    let out = std::process::Command::new("date")
        .arg("-d")
        .arg(format!("{days} days ago"))
        .arg("+%Y-%m-%d")
        .output()
        .expect("date runs");
    let date = String::from_utf8(out.stdout).expect("utf-8");
    format!("{}T{hh_mm}", date.trim())
}

impl Drop for Session {
    /// Closes the app and waits until it and its WebKit processes have really gone, so the
    /// next launch (often on the same data folder and display) never meets a half-closed one.
    fn drop(&mut self) {
        let family = self.app.map(procs::process_family).unwrap_or_default();
        let _ = self.call("DELETE", "", None);
        let start = Instant::now();
        while family.iter().any(|pid| procs::alive(*pid)) {
            if start.elapsed() > Duration::from_secs(15) {
                for pid in family.iter().filter(|pid| procs::alive(**pid)) {
                    eprintln!("e2e: process {pid} outlived its session; killing it");
                    let _ = std::process::Command::new("kill")
                        .args(["-KILL", &pid.to_string()])
                        .status();
                }
                std::thread::sleep(Duration::from_millis(200));
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn request(agent: &ureq::Agent, method: &str, url: &str, body: Option<Value>) -> Result<Value> {
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
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

/// The system file dialogs (GTK under Xvfb), answered the way a person would: by typing.
pub mod dialog {
    use std::path::Path;
    use std::process::Command;
    use std::time::{Duration, Instant};

    fn xdotool(args: &[&str]) -> Result<String, String> {
        let out = Command::new("xdotool")
            .args(args)
            .output()
            .map_err(|e| format!("xdotool {args:?}: {e} (is xdotool installed?)"))?;
        if !out.status.success() {
            return Err(format!(
                "xdotool {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    /// Waits for the dialog titled `title` to be on screen and gives it the keyboard.
    pub fn wait(title: &str) -> Result<String, String> {
        let start = Instant::now();
        let pattern = format!("^{title}$");
        loop {
            if let Ok(found) = xdotool(&["search", "--onlyvisible", "--name", &pattern]) {
                if let Some(id) = found.lines().last() {
                    let id = id.to_owned();
                    xdotool(&["windowfocus", "--sync", &id])?;
                    // Let GTK finish mapping the chooser's widgets before typing.
                    std::thread::sleep(Duration::from_millis(400));
                    return Ok(id);
                }
            }
            if start.elapsed() > Duration::from_secs(20) {
                return Err(format!("no dialog titled {title:?} appeared"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the dialog titled `title` has closed.
    pub fn wait_closed(title: &str) -> Result<(), String> {
        let start = Instant::now();
        let pattern = format!("^{title}$");
        while xdotool(&["search", "--onlyvisible", "--name", &pattern]).is_ok() {
            if start.elapsed() > Duration::from_secs(20) {
                return Err(format!("the dialog {title:?} did not close"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    fn type_path(path: &Path) -> Result<(), String> {
        xdotool(&["type", "--delay", "20", path.to_str().ok_or("utf-8 path")?])?;
        std::thread::sleep(Duration::from_millis(300));
        xdotool(&["key", "Return"]).map(drop)
    }

    /// Answers a save dialog with `path`, typed over the suggested name.
    pub fn save_as(title: &str, path: &Path) -> Result<(), String> {
        wait(title)?;
        xdotool(&["key", "ctrl+a"])?;
        type_path(path)?;
        wait_closed(title)
    }

    /// Accepts whatever the save dialog suggests.
    pub fn accept(title: &str) -> Result<(), String> {
        wait(title)?;
        xdotool(&["key", "Return"])?;
        wait_closed(title)
    }

    /// Answers a save dialog with an existing file, confirming that it may be replaced.
    pub fn replace(title: &str, path: &Path) -> Result<(), String> {
        wait(title)?;
        xdotool(&["key", "ctrl+a"])?;
        type_path(path)?;
        // GTK asks before replacing; its "Replace" button answers to Alt+R.
        std::thread::sleep(Duration::from_millis(800));
        xdotool(&["key", "alt+r"])?;
        wait_closed(title)
    }

    /// Answers an open dialog with `path`, typed into its location field.
    pub fn open(title: &str, path: &Path) -> Result<(), String> {
        wait(title)?;
        xdotool(&["key", "ctrl+l"])?;
        std::thread::sleep(Duration::from_millis(200));
        type_path(path)?;
        wait_closed(title)
    }
}
