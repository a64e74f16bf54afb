//! The commands declared in `src-tauri/commands.rs`, read straight from its text for tests.
//!
//! build.rs derives the handler list, the permissions and the TypeScript client from the same
//! file with a Rust parser; this reading is deliberately simpler and separate from it, so the
//! tests that compare the generated files with it also catch a command the generator missed.
//! Used by the app's drift test and by the core's command harness (`core/tests/common`).

/// Parameters Tauri fills in itself; they never cross IPC.
const INJECTED: &[&str] = &[
    "State",
    "AppHandle",
    "Window",
    "Webview",
    "WebviewWindow",
    "Request",
    "CommandScope",
    "GlobalScope",
];

/// One `#[tauri::command]` function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// The Rust function name, which is the name the window invokes.
    pub name: String,
    /// Its arguments as the window sends them: (IPC name, Rust type as written).
    pub args: Vec<(String, String)>,
}

/// Every `#[tauri::command]` function in `source` (the text of `commands.rs`), in order.
pub fn declared(source: &str) -> Vec<Declared> {
    let lines: Vec<&str> = source.lines().collect();
    let mut commands = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_start();
        if !line.starts_with("#[tauri::command") {
            continue;
        }
        let snake_case = line.contains("rename_all = \"snake_case\"");
        let rest = lines[i + 1..].join("\n");
        let at = rest
            .find("fn ")
            .unwrap_or_else(|| panic!("no fn after line {} of commands.rs", i + 1));
        let after = &rest[at + 3..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut sig = after[name.len()..].trim_start();
        if sig.starts_with('<') {
            sig = &sig[closing(sig, '<', '>') + 1..];
        }
        let sig = sig.trim_start();
        assert!(sig.starts_with('('), "{name}: expected its parameters");
        let params = &sig[1..closing(sig, '(', ')')];
        let args = split_top_level(params)
            .into_iter()
            .filter_map(|param| {
                let (arg, ty) = param.split_once(':')?;
                let arg = arg.trim().trim_start_matches("mut ").trim();
                let ty = ty.trim().to_owned();
                if INJECTED.contains(&type_name(&ty)) {
                    return None;
                }
                let ipc = if snake_case {
                    arg.to_owned()
                } else {
                    lower_camel(arg)
                };
                Some((ipc, ty))
            })
            .collect();
        commands.push(Declared { name, args });
    }
    commands
}

/// The last path segment of a type, without its generic arguments: `State<'_, X>` → `State`.
pub fn type_name(ty: &str) -> &str {
    let ty = ty.trim_start_matches('&').trim_start();
    let ty = ty.split('<').next().unwrap_or(ty);
    ty.rsplit("::").next().unwrap_or(ty).trim()
}

/// `on_progress` → `onProgress`, as Tauri names arguments by default.
pub fn lower_camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The index of the bracket closing the one `text` starts with.
fn closing(text: &str, open: char, close: char) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        }
    }
    panic!("unbalanced {open}{close} in commands.rs");
}

/// `a: X<B, C>, d: E` → [`a: X<B, C>`, `d: E`].
fn split_top_level(params: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in params.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&params[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&params[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}
