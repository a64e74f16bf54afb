//! Files the person chooses: where SoreMap may write, how it writes, and what it reads.
//!
//! Nothing SoreMap writes on request may land on its own live data: the database, its `-wal`,
//! `-shm` and `-journal` files, or the automatic backups, however the path is spelled
//! (relative, `..`, symlinks). Writes go to a uniquely named temporary file beside the target,
//! which is synced and then renamed over it, and the folder is synced too, so a crash leaves
//! either the old file or the new one. Reads of an import are capped while reading, so a device
//! or a pipe cannot make SoreMap read forever.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Suffixes SQLite gives the files that belong to a database.
const SQLITE_SIDE_FILES: &[&str] = &["", "-wal", "-shm", "-journal"];

/// The folder of automatic backups beside a database.
pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// Resolves `target` as the file a write would replace and refuses it when it is part of the
/// live data beside `db_path`. The folder must already exist; the file itself need not.
/// Returns the resolved, absolute path to write to.
pub fn writable_target(db_path: &Path, target: &Path) -> Result<PathBuf> {
    if target.as_os_str().is_empty() {
        return Err(Error::file(target, "no file was chosen."));
    }
    let text = target.to_string_lossy();
    if text.starts_with("file:") {
        return Err(Error::file(
            target,
            "this looks like a SQLite URI, not a file name; choose a file.",
        ));
    }
    let Some(name) = target.file_name() else {
        return Err(Error::file(target, "this is a folder, not a file name."));
    };
    if target
        .components()
        .next_back()
        .is_some_and(|c| matches!(c, Component::ParentDir | Component::CurDir))
    {
        return Err(Error::file(target, "this is a folder, not a file name."));
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let folder = parent.canonicalize().map_err(|e| {
        Error::file(
            target,
            format!("its folder {} cannot be used ({e}).", parent.display()),
        )
    })?;
    let mut resolved = folder.join(name);
    // A symlink (even a dangling one) is followed to where the write would really land.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&resolved) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&resolved)
                    .map_err(|e| Error::file(target, format!("cannot follow the link ({e}).")))?;
                let next = if link.is_absolute() {
                    link
                } else {
                    resolved.parent().unwrap_or(Path::new("/")).join(link)
                };
                let next_parent = next.parent().unwrap_or(Path::new("/"));
                let next_name = next
                    .file_name()
                    .ok_or_else(|| Error::file(target, "the link points to a folder."))?;
                resolved = next_parent
                    .canonicalize()
                    .map_err(|e| {
                        Error::file(target, format!("the link points nowhere usable ({e})."))
                    })?
                    .join(next_name);
            }
            Ok(meta) if meta.is_dir() => {
                return Err(Error::file(target, "this is a folder, not a file."));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(Error::file(target, "this is not a regular file."));
            }
            _ => break,
        }
    }
    if is_protected(db_path, &resolved) {
        return Err(Error::file(
            target,
            "this is SoreMap's own data (the live database or its automatic backups); \
             writing there would destroy it. Choose a file outside the data folder's database and backups.",
        ));
    }
    Ok(resolved)
}

/// Whether `resolved` (absolute, its folder canonical) is the live database, one of its
/// SQLite side files, or inside the automatic backups folder.
fn is_protected(db_path: &Path, resolved: &Path) -> bool {
    let Some(db_dir) = db_path.parent().and_then(|p| p.canonicalize().ok()) else {
        return false;
    };
    let Some(db_name) = db_path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let same = |a: &Path, b: &Path| {
        if cfg!(any(target_os = "macos", target_os = "windows")) {
            a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
        } else {
            a == b
        }
    };
    let live = SQLITE_SIDE_FILES
        .iter()
        .any(|suffix| same(resolved, &db_dir.join(format!("{db_name}{suffix}"))));
    let backups = db_dir.join("backups");
    let in_backups = resolved.ancestors().skip(1).any(|a| same(a, &backups));
    live || in_backups
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A temporary name beside `target` that no other write uses.
fn temp_beside(target: &Path) -> PathBuf {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(
        ".{name}.{}-{nanos}-{n}.partial",
        std::process::id()
    ))
}

/// Creates a new file readable only by its owner (on Unix).
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Syncs a folder so a rename inside it survives a crash (a no-op where folders cannot be
/// opened, as on Windows).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes a file through a temporary one: `fill` writes the contents, which are synced and
/// then renamed over `target` (already resolved by `writable_target`). On failure the
/// temporary file is removed and `target` is left as it was.
pub fn write_atomically(
    target: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<()> {
    let tmp = temp_beside(target);
    let result = (|| {
        let mut file = create_private(&tmp)?;
        fill(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, target)
    })();
    match result {
        Ok(()) => {
            if let Some(dir) = target.parent() {
                sync_dir(dir);
            }
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(Error::file(target, format!("cannot write it ({e}).")))
        }
    }
}

/// Reads a regular file of at most `max` bytes. Devices, pipes and folders are refused, and
/// the cap holds while reading, whatever the file's metadata claims.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::file(path, format!("cannot read it ({e})."));
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::file(path, "this is a folder, not a file."));
    }
    if !meta.is_file() {
        return Err(Error::file(
            path,
            "this is not a regular file (a device, pipe or socket); choose a file.",
        ));
    }
    let too_big = || {
        Error::file(
            path,
            format!(
                "it is larger than {} MB, the most SoreMap reads.",
                max / 1_000_000
            ),
        )
    };
    if meta.len() > max {
        return Err(too_big());
    }
    let file = File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Restricts a file or folder to its owner on Unix (0600 for files, 0700 for folders).
pub fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = if meta.is_dir() { 0o700 } else { 0o600 };
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("soremap.sqlite3");
        std::fs::write(&db, b"live").unwrap();
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        (dir, db)
    }

    #[test]
    fn live_data_is_refused_however_it_is_spelled() {
        let (dir, db) = setup();
        let d = dir.path();
        let sub = d.join("sub");
        std::fs::create_dir(&sub).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&db, d.join("link.json")).unwrap();
            std::os::unix::fs::symlink(d.join("soremap.sqlite3-wal"), d.join("dangling.json"))
                .unwrap();
            std::os::unix::fs::symlink(d.join("backups"), d.join("bk")).unwrap();
        }
        let mut refused = vec![
            db.clone(),
            d.join("soremap.sqlite3-wal"),
            d.join("soremap.sqlite3-shm"),
            d.join("soremap.sqlite3-journal"),
            sub.join("../soremap.sqlite3"),
            d.join("./backups/x.json"),
            d.join("backups/soremap-daily-2026-11-22.sqlite3"),
        ];
        if cfg!(unix) {
            refused.extend([
                d.join("link.json"),
                d.join("dangling.json"),
                d.join("bk/new.json"),
            ]);
        }
        for target in refused {
            let e = writable_target(&db, &target).unwrap_err();
            assert!(
                e.to_string().contains("SoreMap's own data"),
                "{target:?}: {e}"
            );
        }
        assert!(writable_target(&db, &d.join("export.json")).is_ok());
        assert!(writable_target(&db, &d.join("soremap.sqlite3.json")).is_ok());
    }

    #[test]
    fn odd_targets_are_named() {
        let (dir, db) = setup();
        for (target, words) in [
            (PathBuf::new(), "no file"),
            (dir.path().to_owned(), "folder"),
            (dir.path().join("missing/x.json"), "cannot be used"),
            (PathBuf::from("file:x.sqlite3?mode=memory"), "URI"),
            (dir.path().join(".."), "folder"),
        ] {
            let e = writable_target(&db, &target).unwrap_err().to_string();
            assert!(e.contains(words), "{target:?}: {e}");
        }
    }

    #[test]
    fn writes_replace_whole_files_and_leave_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        std::fs::write(dir.path().join("out.partial"), b"unrelated").unwrap();
        write_atomically(&target, |f| f.write_all(b"one")).unwrap();
        write_atomically(&target, |f| f.write_all(b"two")).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let failed = write_atomically(&target, |_| Err(std::io::Error::other("disk full")));
        assert!(failed.unwrap_err().to_string().contains("disk full"));
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        assert_eq!(
            std::fs::read(dir.path().join("out.partial")).unwrap(),
            b"unrelated"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn reads_are_capped_and_only_of_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; 2000]).unwrap();
        assert!(read_capped(&big, 1000)
            .unwrap_err()
            .to_string()
            .contains("larger"));
        assert_eq!(read_capped(&big, 2000).unwrap().len(), 2000);
        assert!(read_capped(dir.path(), 10)
            .unwrap_err()
            .to_string()
            .contains("folder"));
        #[cfg(unix)]
        {
            let e = read_capped(Path::new("/dev/zero"), 10)
                .unwrap_err()
                .to_string();
            assert!(e.contains("not a regular file"), "{e}");
        }
    }
}
