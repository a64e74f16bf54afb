//! Reading files the person chooses. (Where SoreMap may write, and how, is in `backup`:
//! `refuse_protected_target` and `atomic_write`.)
//!
//! Reads of an import are capped while reading, so a device or a pipe cannot make SoreMap
//! read forever, and only regular files are read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

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

#[cfg(test)]
mod tests {
    use super::*;

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
