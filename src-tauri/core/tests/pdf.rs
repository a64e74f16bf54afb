//! The report PDF: a realistic document rendered and read back with poppler's tools
//! (`pdftotext`, `pdfinfo`, `pdftoppm` from Debian's `poppler-utils`, which
//! `scripts/setup.sh --test` installs), and hostile documents refused with clear messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use serde_json::json;
use soremap_core::pdf::{render, Block, ReportDocument};
use soremap_core::ErrorKind;

/// A 4×4 red PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x04\0\0\0\x04\x08\x02\0\0\0&\x93\x09)\0\0\0\x10IDATx\x9cc\xf8\xcf\xc0\0G\x0c\xc4q\0\xae\x93\x0f\xf1\xd0_#\x9e\0\0\0\0IEND\xaeB`\x82";
const PNG_BASE64: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==";

const HEAD: [&str; 6] = ["Date", "Region", "Side", "Soreness (0–10)", "Kind", "Notes"];
/// The table head as the text of one line shows it (a long head cell may wrap).
const HEAD_LINE: [&str; 6] = ["Date", "Region", "Side", "Soreness", "Kind", "Notes"];

/// Runs one of poppler's tools; fails the test with a clear message if it is not installed.
fn poppler(tool: &str, args: &[&str]) -> Output {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "`{tool}` could not be run ({e}). The PDF tests need poppler-utils: run \
             `scripts/setup.sh --test` or `apt-get install poppler-utils`."
        )
    });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn body_outline_svg() -> String {
    r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 220 300" width="220" height="300">
  <rect x="0" y="0" width="220" height="300" fill="#fbfcfd"/>
  <g stroke="#3b4450" stroke-width="1.5" fill="#e9edf1">
    <circle cx="110" cy="30" r="18"/>
    <path d="M80 55 Q110 48 140 55 L150 150 Q110 160 70 150 Z"/>
    <path d="M80 58 L55 140 L62 142 L86 75 Z"/>
    <path d="M140 58 L165 140 L158 142 L134 75 Z"/>
    <path id="right-quad" d="M75 152 L108 156 L104 215 L82 215 Z" fill="#f0ad4e"/>
    <path id="left-quad" d="M112 156 L145 152 L138 215 L116 215 Z" fill="#d9534f"/>
    <path id="right-calf" d="M82 217 L104 217 L100 285 L86 285 Z" fill="#f7d08a"/>
    <path id="left-calf" d="M116 217 L138 217 L134 285 L120 285 Z"/>
  </g>
  <g font-family="sans-serif" font-size="11" fill="#222">
    <text x="20" y="190">Right</text>
    <text x="165" y="190">Left</text>
    <text x="110" y="298" text-anchor="middle">Front view · 12 March</text>
  </g>
</svg>"##
        .to_owned()
}

fn line_chart_svg() -> String {
    let values = [
        7.0, 6.5, 6.0, 5.0, 5.5, 4.0, 3.5, 3.0, 4.5, 3.0, 2.5, 2.0, 1.5, 1.0,
    ];
    let (x0, y0, w, h) = (50.0, 20.0, 420.0, 180.0);
    let x = |i: usize| x0 + w * i as f64 / (values.len() - 1) as f64;
    let y = |v: f64| y0 + h - h * v / 10.0;
    let mut svg = String::from(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="500" height="250" viewBox="0 0 500 250">"##,
    );
    for v in [0.0, 2.5, 5.0, 7.5, 10.0] {
        svg += &format!(
            r##"<line x1="{x0}" x2="{}" y1="{}" y2="{}" stroke="#dde2e8" stroke-width="1"/>"##,
            x0 + w,
            y(v),
            y(v)
        );
        svg += &format!(
            r##"<text x="{}" y="{}" font-family="DejaVu Sans" font-size="10" text-anchor="end">{v}</text>"##,
            x0 - 6.0,
            y(v) + 3.5
        );
    }
    svg += &format!(
        r##"<path d="M{x0} {} H{} M{x0} {} V{}" stroke="#333" stroke-width="1.2" fill="none"/>"##,
        y0 + h,
        x0 + w,
        y0,
        y0 + h
    );
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    svg += &format!(
        r##"<polyline points="{}" fill="none" stroke="#2e668c" stroke-width="2.5"/>"##,
        points.join(" ")
    );
    for (i, v) in values.iter().enumerate() {
        svg += &format!(
            r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="#2e668c"/>"##,
            x(i),
            y(*v)
        );
        if i % 3 == 0 {
            svg += &format!(
                r##"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle" font-family="sans-serif">{} Mar</text>"##,
                x(i),
                y0 + h + 16.0,
                i + 1
            );
        }
    }
    svg += r##"<text x="250" y="240" font-size="11" text-anchor="middle" font-family="sans-serif">Left quadriceps, soreness ≤ 10 by day</text></svg>"##;
    svg
}

fn table_rows(count: usize) -> Vec<Vec<String>> {
    let regions = [
        "Quadriceps",
        "Hamstrings",
        "Calves",
        "Lower back",
        "Shoulders",
    ];
    let notes = [
        "After the long run; stiff on stairs",
        "Foam rolling helped",
        "",
        "Sharp when bending forward → stopped deadlifts",
        "Felt it only in the morning, gone by noon",
        "Point Wěizhōng (BL40) pressed for 2 min",
    ];
    (0..count)
        .map(|i| {
            vec![
                format!("{:02} Mar 2026", i * 28 / count + 1),
                regions[i % regions.len()].to_owned(),
                ["left", "right", "center"][i % 3].to_owned(),
                format!("{}", (i * 7) % 11),
                ["DOMS", "joint", "tendon"][i % 3].to_owned(),
                if i == count - 1 {
                    "Last row: recovered fully".to_owned()
                } else {
                    notes[i % notes.len()].to_owned()
                },
            ]
        })
        .collect()
}

fn realistic_document() -> ReportDocument {
    let paragraph = |text: &str| Block::Paragraph { text: text.into() };
    let heading = |text: &str| Block::Heading { text: text.into() };
    ReportDocument {
        title: "Soreness report – Lǐ Wěizhōng".into(),
        subtitle: "1 – 28 March 2026 · made on 29 March 2026 at 18:05".into(),
        footer: "SoreMap · Soreness report for Lǐ Wěizhōng, 1 – 28 March 2026".into(),
        blocks: vec![
            Block::Note {
                text: "This report lists what was logged in SoreMap. It is not a diagnosis: \
                       soreness that is sharp, one-sided, swollen or lasts more than a week \
                       (or any numbness, fever or chest pain) should be seen by a clinician. \
                       Scores are self-reported on a 0–10 scale."
                    .into(),
            },
            heading("Summary"),
            paragraph(
                "Over the four weeks, 120 entries were logged across five regions. Soreness \
                 peaked at 7/10 in the left quadriceps after the 30 km run on 1 March and fell \
                 to ≤ 2 within twelve days. Room temperature during the sessions was about \
                 20 °C; no flags were raised.",
            ),
            Block::Bullets {
                items: vec![
                    "Left quadriceps: peak 7 → 1 by 14 March (median 3.5).".into(),
                    "Right calf: recurring after speed work, always ≤ 4.".into(),
                    "Lower back: two episodes, both after deadlifts; the second one stopped the \
                     session early and was treated with heat and rest for two days, after which \
                     light mobility work was resumed without pain."
                        .into(),
                    "Acupressure at Wěizhōng (BL40) and Chéngshān (BL57) after runs.".into(),
                ],
            },
            heading("Where it was sore"),
            Block::Figure {
                svg: body_outline_svg(),
                caption: "Regions by highest soreness: red ≥ 7, orange 4–6, yellow ≤ 3.".into(),
                width: 0.45,
            },
            heading("Left quadriceps over time"),
            paragraph(
                "The chart shows the daily score for the left quadriceps. The dip on 9 March \
                 follows a rest day; the rise on 10 March follows a tempo session.",
            ),
            Block::Figure {
                svg: line_chart_svg(),
                caption: "Soreness (0–10) by day · left quadriceps".into(),
                width: 0.9,
            },
            heading("All entries"),
            Block::Table {
                head: HEAD.iter().map(|s| s.to_string()).collect(),
                rows: table_rows(120),
            },
            heading("Notes for the physiotherapist"),
            paragraph(
                "Training load: 4–5 sessions a week, two of them strength. A very long \
                 identifier that must break: https://example.org/soremap/reports/2026-03/\
                 lower-back-episode-2-with-a-very-long-path-that-cannot-fit-on-one-line",
            ),
        ],
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

#[test]
fn a_realistic_report_reads_back_with_its_text_pages_and_figures() {
    let doc = realistic_document();
    let started = Instant::now();
    let pdf = render(&doc).expect("the report renders");
    eprintln!(
        "rendered the report ({} bytes) in {:?}",
        pdf.len(),
        started.elapsed()
    );
    assert!(pdf.starts_with(b"%PDF-"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let file = path.to_str().unwrap();

    // Every page rasterizes; the pages are kept under target/pdf-pages for a look.
    let prefix = dir.path().join("page");
    poppler(
        "pdftoppm",
        &["-png", "-r", "60", file, prefix.to_str().unwrap()],
    );
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pngs.sort();
    let keep = target_dir().join("pdf-pages");
    let _ = std::fs::remove_dir_all(&keep);
    std::fs::create_dir_all(&keep).unwrap();
    std::fs::write(keep.join("report.pdf"), &pdf).unwrap();
    for png in &pngs {
        let bytes = std::fs::read(png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 1000,
            "{png:?}"
        );
        std::fs::copy(png, keep.join(png.file_name().unwrap())).unwrap();
    }

    let info = String::from_utf8(poppler("pdfinfo", &[file]).stdout).unwrap();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count:\n{info}"));
    assert!(pages > 1, "{pages} page(s)");
    assert_eq!(pngs.len(), pages, "{pngs:?}");
    assert!(info.contains("A4"), "not A4:\n{info}");
    assert!(info.contains("Soreness report – Lǐ Wěizhōng"), "{info}");

    let text = String::from_utf8(poppler("pdftotext", &["-layout", file, "-"]).stdout).unwrap();
    for expected in [
        "Soreness report – Lǐ Wěizhōng",
        "1 – 28 March 2026 · made on 29 March 2026 at 18:05",
        "It is not a diagnosis",
        "Where it was sore",
        "Notes for the physiotherapist",
        "Last row: recovered fully",
        "Page 1 of",
        &format!("Page {pages} of {pages}"),
        "Wěizhōng",
        "≤",
        "7 → 1",
        "20 °C",
        "Regions by highest soreness",
        "lower-back-episode-2",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is not in the text:\n{text}"
        );
    }

    // pdftotext ends every page with a form feed.
    let page_texts: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(page_texts.len(), pages);
    let has_head = |page: &str| {
        page.lines().any(|line| {
            let mut at = 0;
            HEAD_LINE.iter().all(|cell| match line[at..].find(cell) {
                Some(i) => {
                    at += i + cell.len();
                    true
                }
                None => false,
            })
        })
    };
    assert!(
        has_head(page_texts[1]),
        "no table head on page 2:\n{}",
        page_texts[1]
    );
    assert!(page_texts.iter().filter(|p| has_head(p)).count() >= 2);
    for (i, page) in page_texts.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {pages}", i + 1)),
            "page {} has no page number",
            i + 1
        );
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = realistic_document();
    assert_eq!(render(&doc).unwrap(), render(&doc).unwrap());
}

#[test]
fn the_document_shape_is_what_the_ui_sends() {
    let doc: ReportDocument = serde_json::from_value(json!({
        "title": "T",
        "subtitle": "S",
        "footer": "F",
        "blocks": [
            { "kind": "heading", "text": "H" },
            { "kind": "paragraph", "text": "P" },
            { "kind": "note", "text": "N" },
            { "kind": "bullets", "items": ["a", "b"] },
            { "kind": "table", "head": ["x"], "rows": [["1"]] },
            { "kind": "figure", "svg": "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", "caption": "C", "width": 0.5 },
            { "kind": "page_break" }
        ]
    }))
    .unwrap();
    assert_eq!(doc.blocks.len(), 7);
    assert_eq!(doc.blocks[6], Block::PageBreak);
    render(&doc).unwrap();
}

/// Renders `doc`, expecting an invalid-argument refusal whose message contains `expect`.
fn refused(doc: &ReportDocument, expect: &str) {
    let result = std::panic::catch_unwind(|| render(doc));
    let error = match result {
        Ok(Ok(_)) => panic!("rendered, but should be refused with {expect:?}"),
        Ok(Err(e)) => e,
        Err(_) => panic!("panicked, but should be refused with {expect:?}"),
    };
    let message = error.to_string();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{message}");
    assert!(
        message.contains(expect),
        "{message:?} does not say {expect:?}"
    );
    assert!(message.len() < 400, "message too long: {message}");
}

fn with_blocks(blocks: Vec<Block>) -> ReportDocument {
    ReportDocument {
        title: "Report".into(),
        subtitle: String::new(),
        footer: "SoreMap".into(),
        blocks,
    }
}

fn figure(svg: &str, width: f32) -> Block {
    Block::Figure {
        svg: svg.into(),
        caption: "A figure".into(),
        width,
    }
}

const SMALL_SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>"#;

#[test]
fn an_svg_that_does_not_parse_is_named_by_its_figure_number() {
    refused(
        &with_blocks(vec![
            figure(SMALL_SVG, 0.5),
            figure(SMALL_SVG, 0.5),
            figure("<svg><rect", 0.5),
        ]),
        "figure 3 is not a valid SVG: ",
    );
    refused(
        &with_blocks(vec![figure("", 0.5)]),
        "figure 1 is not a valid SVG",
    );
    refused(
        &with_blocks(vec![figure("not xml at all", 0.5)]),
        "figure 1 is not a valid SVG",
    );
    refused(
        &with_blocks(vec![figure(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>"#,
            0.5,
        )]),
        "figure 1 is not a valid SVG",
    );
}

fn image_svg(href: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20"><rect width="40" height="20" fill="teal"/><image x="0" y="0" width="20" height="20" href="{href}"/><image x="20" y="0" width="20" height="20" xlink:href="{href}"/></svg>"#
    )
}

#[test]
fn figures_do_not_load_files_or_urls() {
    // A real PNG on disk, so that loading it would show in the PDF.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("red.png");
    std::fs::write(&png, PNG).unwrap();
    let png = png.to_str().unwrap();

    let without = render(&with_blocks(vec![figure(&image_svg("#nothing"), 0.5)])).unwrap();
    for href in [
        png.to_owned(),
        format!("file://{png}"),
        "red.png".to_owned(),
        "/etc/passwd".to_owned(),
        "file:///etc/passwd".to_owned(),
        "http://127.0.0.1:9/red.png".to_owned(),
        "https://example.org/red.png".to_owned(),
    ] {
        let with = render(&with_blocks(vec![figure(&image_svg(&href), 0.5)]))
            .unwrap_or_else(|e| panic!("{href}: {e}"));
        assert!(with == without, "the image at {href} was loaded");
    }

    // A data: PNG declaring a huge size is not decoded.
    let mut huge = PNG.to_vec();
    huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let with = render(&with_blocks(vec![figure(
        &image_svg(&format!("data:image/png;base64,{}", base64(&huge))),
        0.5,
    )]))
    .unwrap();
    assert!(with == without, "the huge PNG was decoded");

    // A PNG in a data: URI is embedded.
    assert_eq!(base64(PNG), PNG_BASE64);
    let inline = render(&with_blocks(vec![figure(
        &image_svg(&format!("data:image/png;base64,{PNG_BASE64}")),
        0.5,
    )]))
    .unwrap();
    assert!(inline != without, "the data: PNG was not embedded");
}

fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn too_many_blocks_are_refused() {
    let blocks = vec![Block::PageBreak; 2_001];
    refused(&with_blocks(blocks), "2001 blocks; at most 2000");
    let ok = vec![
        Block::Paragraph {
            text: "Fine.".into()
        };
        2_000
    ];
    render(&with_blocks(ok)).unwrap();
}

#[test]
fn table_shapes_are_checked() {
    let table = |head: Vec<&str>, rows: Vec<Vec<&str>>| Block::Table {
        head: head.into_iter().map(String::from).collect(),
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(String::from).collect())
            .collect(),
    };
    refused(
        &with_blocks(vec![
            table(vec!["a"], vec![vec!["1"]]),
            table(vec!["a", "b"], vec![vec!["1", "2"], vec!["3"]]),
        ]),
        "table 2, row 2 has 1 cell but the head has 2",
    );
    refused(
        &with_blocks(vec![table(vec!["a"], vec![vec!["1", "2", "3"]])]),
        "table 1, row 1 has 3 cells but the head has 1",
    );
    refused(
        &with_blocks(vec![table(vec![], vec![])]),
        "table 1 has no columns",
    );
    refused(
        &with_blocks(vec![table(vec!["c"; 13], vec![])]),
        "table 1 has 13 columns; at most 12",
    );
    // Twelve columns of long words, and a cell taller than a page, still lay out.
    let long = "Supercalifragilisticexpialidocious ".repeat(3);
    let tall = "line\n".repeat(200);
    let mut row = vec![long.as_str(); 12];
    row[3] = &tall;
    let pdf = render(&with_blocks(vec![table(
        vec!["Heading"; 12],
        vec![row.clone(), row],
    )]))
    .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn figure_widths_out_of_range_are_refused() {
    for width in [0.0, 0.05, 1.01, 5.0, -1.0, f32::NAN, f32::INFINITY] {
        refused(
            &with_blocks(vec![figure(SMALL_SVG, width)]),
            "figure 1 has width",
        );
    }
    for width in [0.1, 1.0] {
        render(&with_blocks(vec![figure(SMALL_SVG, width)])).unwrap();
    }
}

#[test]
fn huge_inputs_are_refused() {
    refused(
        &with_blocks(vec![Block::Paragraph {
            text: "x".repeat(200_001),
        }]),
        "more than 200000 characters",
    );
    refused(
        &with_blocks(vec![Block::Bullets {
            items: vec!["é".repeat(1_000); 201],
        }]),
        "more than 200000 characters",
    );
    // One SVG over 2 MB, and figures over 8 MB together.
    let padding = |bytes: usize| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!--{}--></svg>"#,
            " ".repeat(bytes)
        )
    };
    refused(
        &with_blocks(vec![figure(&padding(2 * 1024 * 1024), 0.5)]),
        "figure 1's SVG is 2.0 MB; at most 2.0 MB",
    );
    let big = padding(1_900_000);
    refused(
        &with_blocks((0..5).map(|_| figure(&big, 0.5)).collect()),
        "the figures' SVGs add up to 9.1 MB; at most 8.0 MB",
    );
    // Many empty cells.
    refused(
        &with_blocks(vec![Block::Table {
            head: vec!["a".into(); 10],
            rows: vec![vec![String::new(); 10]; 5_000],
        }]),
        "table cells and list items; at most 50000",
    );
    // Text that would take too many pages.
    refused(
        &with_blocks(vec![Block::Paragraph {
            text: "a\n".repeat(90_000),
        }]),
        "more than 500 pages",
    );
}

#[test]
fn odd_text_lays_out() {
    let doc = ReportDocument {
        title: "\t\r\n\u{0}\u{7}".into(),
        subtitle: "x".repeat(5_000),
        footer: "A footer far too long for one line of the page, ".repeat(20),
        blocks: vec![
            Block::Heading { text: "   ".into() },
            Block::Paragraph { text: String::new() },
            Block::Note {
                text: "Wé\u{301}i 中文 🙂 עִבְרִית ".repeat(400),
            },
            Block::Bullets {
                items: vec![String::new(), "\u{a0}".into(), "ok".into()],
            },
            Block::Table {
                head: vec![String::new()],
                rows: vec![],
            },
            Block::PageBreak,
            Block::PageBreak,
            Block::Figure {
                svg: r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="5000"/>"#.into(),
                caption: "tall ".repeat(2_000),
                width: 1.0,
            },
            Block::Figure {
                svg: r#"<svg xmlns="http://www.w3.org/2000/svg" width="5000" height="1"><text y="1">Ünïcödé</text></svg>"#.into(),
                caption: String::new(),
                width: 0.1,
            },
            Block::Heading {
                text: "A heading at the very end".into(),
            },
        ],
    };
    let pdf = render(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let empty = render(&with_blocks(vec![])).unwrap();
    assert!(empty.starts_with(b"%PDF-"));
}
