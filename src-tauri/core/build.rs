//! The report's fonts are embedded deflated (about half their size); `pdf.rs` inflates them
//! once, the first time a report is made.

use std::io::Write;
use std::path::Path;

const FONTS: [&str; 2] = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in FONTS {
        let source = Path::new("assets/fonts").join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let data = std::fs::read(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&data).expect("deflate into memory");
        let deflated = encoder.finish().expect("deflate into memory");
        std::fs::write(Path::new(&out).join(format!("{name}.deflate")), deflated)
            .expect("write to OUT_DIR");
    }
}
