//! The app's processes as Linux shows them in `/proc`: finding the one just started, the
//! processes below it (the WebKit web and network processes), and whether they still run.

use std::path::Path;

/// The most recently started process running `program` with `marker` in its command line.
pub fn newest_process(program: &Path, marker: &str) -> Option<u32> {
    let program = program.canonicalize().ok()?;
    let mut best: Option<(u64, u32)> = None;
    for pid in pids() {
        if std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            != Some(program.as_path())
        {
            continue;
        }
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmdline).contains(marker) {
            continue;
        }
        let started = stat_field(pid, 19).unwrap_or(0);
        if best.is_none_or(|(t, _)| started >= t) {
            best = Some((started, pid));
        }
    }
    best.map(|(_, pid)| pid)
}

fn pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse().ok()))
                .collect()
        })
        .unwrap_or_default()
}

/// `pid` and every process below it.
pub fn process_family(pid: u32) -> Vec<u32> {
    let all: Vec<(u32, Option<u64>)> = pids().into_iter().map(|p| (p, stat_field(p, 1))).collect();
    let mut family = vec![pid];
    let mut i = 0;
    while i < family.len() {
        let parent = u64::from(family[i]);
        for &(child, ppid) in &all {
            if ppid == Some(parent) && !family.contains(&child) && alive(child) {
                family.push(child);
            }
        }
        i += 1;
    }
    family
}

/// A numeric field of `/proc/<pid>/stat`, counted after the command name (1 is the parent's
/// pid, 19 the start time).
fn stat_field(pid: u32, n: usize) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(n)?.parse().ok()
}

/// Whether `pid` still runs (a zombie waiting to be reaped has finished).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| stat[stat.rfind(')')? + 2..].chars().next())
        .is_some_and(|state| state != 'Z' && state != 'X')
}
