//! Reports laid out as PDF.
//!
//! The UI sends a [`ReportDocument`]: a title, a subtitle, a footer and a list of blocks
//! (headings, paragraphs, a boxed note, bullet lists, tables, SVG figures, page breaks).
//! [`render`] lays it out on A4 pages and writes a PDF with real, selectable text in the
//! embedded DejaVu Sans and the figures as vectors.
//!
//! Layout is two passes: the blocks are first placed on pages as a list of drawing operations,
//! then, with the page count known, every page is drawn with its "Page N of M" footer.
//!
//! The document comes over the IPC boundary, so it is checked before anything is laid out
//! (sizes, counts, table shapes, figure widths, that every SVG parses) and every failure is an
//! [`Error::InvalidArgument`] naming the problem. SVGs are parsed without access to the disk
//! or the network: there is no resources folder, `<image>` may only hold `data:` PNGs, and
//! text in figures uses the embedded fonts only.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::{short, Error, Result};

/// A report as the UI describes it.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ReportDocument {
    /// Shown large at the top of the first page.
    pub title: String,
    /// Shown under the title, e.g. the date range and when the report was made.
    pub subtitle: String,
    /// At the foot of every page, on the left; the right holds "Page N of M".
    pub footer: String,
    pub blocks: Vec<Block>,
}

/// One piece of a report, laid out in order.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Block {
    Heading {
        text: String,
    },
    Paragraph {
        text: String,
    },
    /// A paragraph in a shaded box, such as the disclaimer.
    Note {
        text: String,
    },
    Bullets {
        items: Vec<String>,
    },
    /// Every row has as many cells as `head`.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// `width` is the fraction of the text width the figure takes, from 0.1 to 1.0; the height
    /// follows from the SVG's aspect ratio.
    Figure {
        svg: String,
        caption: String,
        width: f32,
    },
    PageBreak,
}

/// The most blocks a report may have.
pub const MAX_BLOCKS: usize = 2_000;
/// The most characters of text (titles, paragraphs, cells, captions…) a report may have.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// The most table cells and list items a report may have, all tables and lists together.
pub const MAX_CELLS: usize = 50_000;
/// The largest SVG one figure may have, in bytes.
pub const MAX_SVG_BYTES: usize = 2 * 1024 * 1024;
/// The largest all the figures' SVGs may be together, in bytes.
pub const MAX_ALL_SVG_BYTES: usize = 8 * 1024 * 1024;
/// The most columns a table may have.
pub const MAX_TABLE_COLUMNS: usize = 12;
/// The most pages a report may take.
pub const MAX_PAGES: usize = 500;
/// The most pixels a PNG embedded in a figure may have.
const MAX_IMAGE_PIXELS: u64 = 16_000_000;

/// DejaVu Sans, regular and bold, deflated by `build.rs` (the binary carries half the bytes).
static REGULAR_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.deflate"));
static BOLD_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.deflate"));

/// Regular and bold, inflated; or why they could not be.
type Inflated = std::result::Result<(Vec<u8>, Vec<u8>), String>;

/// The fonts, inflated the first time a report is made and kept for the next.
fn fonts() -> Result<(&'static [u8], &'static [u8])> {
    static FONTS: OnceLock<Inflated> = OnceLock::new();
    let inflate = |deflated: &[u8]| {
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(deflated), &mut data)
            .map(|_| data)
            .map_err(|e| format!("the embedded font cannot be read: {e}"))
    };
    match FONTS.get_or_init(|| Ok((inflate(REGULAR_DEFLATED)?, inflate(BOLD_DEFLATED)?))) {
        Ok((regular, bold)) => Ok((regular, bold)),
        Err(e) => Err(Error::Internal(e.clone())),
    }
}
const FAMILY: &str = "DejaVu Sans";

// Page geometry, in points (1/72 inch); y grows downwards from the top of the page.
const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * MM;
const PAGE_H: f32 = 297.0 * MM;
const MARGIN: f32 = 18.0 * MM;
const LEFT: f32 = MARGIN;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BODY_TOP: f32 = MARGIN;
const BODY_BOTTOM: f32 = PAGE_H - 24.0 * MM;
const BODY_H: f32 = BODY_BOTTOM - BODY_TOP;
const FOOTER_RULE: f32 = PAGE_H - 19.0 * MM;
const FOOTER_LINE: f32 = PAGE_H - 17.5 * MM;

// Type: sizes and line heights.
const TITLE_SIZE: f32 = 20.0;
const TITLE_LH: f32 = 25.0;
const HEADING_SIZE: f32 = 13.0;
const HEADING_LH: f32 = 17.0;
const BODY_SIZE: f32 = 10.0;
const BODY_LH: f32 = 14.0;
const NOTE_SIZE: f32 = 9.5;
const NOTE_LH: f32 = 13.0;
const NOTE_PAD: f32 = 7.0;
const NOTE_BAR: f32 = 3.0;
const BULLET_INDENT: f32 = 14.0;
const TABLE_SIZE: f32 = 8.5;
const TABLE_LH: f32 = 11.0;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;
const CAPTION_SIZE: f32 = 9.0;
const CAPTION_LH: f32 = 12.0;
const FOOTER_SIZE: f32 = 8.0;
const FOOTER_LH: f32 = 10.0;

type Color = (u8, u8, u8);
const INK: Color = (28, 28, 30);
const STRONG: Color = (22, 44, 68);
const MUTED: Color = (92, 98, 106);
const ACCENT: Color = (46, 102, 140);
const RULE: Color = (150, 156, 164);
const HAIRLINE: Color = (212, 216, 222);
const HEAD_FILL: Color = (230, 235, 241);
const STRIPE: Color = (246, 248, 250);
const NOTE_FILL: Color = (241, 245, 249);

/// Lays `doc` out on A4 pages and returns the PDF file's bytes.
pub fn render(doc: &ReportDocument) -> Result<Vec<u8>> {
    let figures = check(doc)?;
    let mut shaper = Shaper::new()?;
    let (pages, outline) = {
        let mut layout = Layout::new(&mut shaper, &figures);
        layout.document(doc)?;
        (layout.pages, layout.outline)
    };
    draw(doc, &pages, &outline, &figures, &mut shaper)
}

fn invalid(problem: impl Into<String>) -> Error {
    Error::invalid("report", problem)
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

// ---------------------------------------------------------------------------------------------
// Checking the input

/// Checks every limit and parses the figures, in the order they appear.
fn check(doc: &ReportDocument) -> Result<Vec<usvg::Tree>> {
    if doc.blocks.len() > MAX_BLOCKS {
        return Err(invalid(format!(
            "the report has {} blocks; at most {MAX_BLOCKS} are allowed",
            doc.blocks.len()
        )));
    }
    let mut chars = [&doc.title, &doc.subtitle, &doc.footer]
        .iter()
        .map(|s| s.chars().count())
        .sum::<usize>();
    let mut cells = 0usize;
    let mut svg_bytes = 0usize;
    let (mut tables, mut figures) = (0usize, 0usize);
    for block in &doc.blocks {
        match block {
            Block::Heading { text } | Block::Paragraph { text } | Block::Note { text } => {
                chars += text.chars().count();
            }
            Block::Bullets { items } => {
                cells += items.len();
                chars += items.iter().map(|s| s.chars().count()).sum::<usize>();
            }
            Block::Table { head, rows } => {
                tables += 1;
                if head.is_empty() {
                    return Err(invalid(format!("table {tables} has no columns")));
                }
                if head.len() > MAX_TABLE_COLUMNS {
                    return Err(invalid(format!(
                        "table {tables} has {} columns; at most {MAX_TABLE_COLUMNS} are allowed",
                        head.len()
                    )));
                }
                if let Some((i, row)) = rows
                    .iter()
                    .enumerate()
                    .find(|(_, row)| row.len() != head.len())
                {
                    return Err(invalid(format!(
                        "table {tables}, row {} has {} {} but the head has {}",
                        i + 1,
                        row.len(),
                        if row.len() == 1 { "cell" } else { "cells" },
                        head.len()
                    )));
                }
                cells = cells.saturating_add(head.len().saturating_mul(rows.len() + 1));
                chars += head.iter().map(|s| s.chars().count()).sum::<usize>();
                chars += rows
                    .iter()
                    .flatten()
                    .map(|s| s.chars().count())
                    .sum::<usize>();
            }
            Block::Figure {
                svg,
                caption,
                width,
            } => {
                figures += 1;
                if !(0.1..=1.0).contains(width) {
                    return Err(invalid(format!(
                        "figure {figures} has width {width}; it must be between 0.1 and 1.0 \
                         (a fraction of the text width)"
                    )));
                }
                if svg.len() > MAX_SVG_BYTES {
                    return Err(invalid(format!(
                        "figure {figures}'s SVG is {}; at most {} is allowed",
                        megabytes(svg.len()),
                        megabytes(MAX_SVG_BYTES)
                    )));
                }
                svg_bytes += svg.len();
                chars += caption.chars().count();
            }
            Block::PageBreak => {}
        }
        if chars > MAX_TEXT_CHARS {
            return Err(invalid(format!(
                "the report has more than {MAX_TEXT_CHARS} characters of text"
            )));
        }
    }
    if cells > MAX_CELLS {
        return Err(invalid(format!(
            "the report has {cells} table cells and list items; at most {MAX_CELLS} are allowed"
        )));
    }
    if svg_bytes > MAX_ALL_SVG_BYTES {
        return Err(invalid(format!(
            "the figures' SVGs add up to {}; at most {} is allowed",
            megabytes(svg_bytes),
            megabytes(MAX_ALL_SVG_BYTES)
        )));
    }

    let options = svg_options();
    doc.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Figure { svg, .. } => Some(svg),
            _ => None,
        })
        .enumerate()
        .map(|(i, svg)| {
            usvg::Tree::from_str(svg, &options).map_err(|e| {
                invalid(format!(
                    "figure {} is not a valid SVG: {}",
                    i + 1,
                    short(&e.to_string())
                ))
            })
        })
        .collect()
}

/// Options that keep SVG parsing inside the document: no resources folder, no file or URL
/// loaded for `<image>`, PNGs only from `data:` URIs and only of a sane size, and the
/// embedded fonts for every font family.
fn svg_options() -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: None,
        font_family: FAMILY.to_owned(),
        fontdb: svg_fonts(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|mime, data, _| {
                (mime == "image/png" && png_is_reasonable(&data))
                    .then_some(usvg::ImageKind::PNG(data))
            }),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// Whether `data` is a PNG whose header declares at most [`MAX_IMAGE_PIXELS`] pixels, so that
/// decoding it cannot take unbounded memory.
fn png_is_reasonable(data: &[u8]) -> bool {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let (Some(signature), Some(chunk), Some(w), Some(h)) = (
        data.get(0..8),
        data.get(12..16),
        data.get(16..20),
        data.get(20..24),
    ) else {
        return false;
    };
    let dimension = |b: &[u8]| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    signature == SIGNATURE && chunk == b"IHDR" && dimension(w) * dimension(h) <= MAX_IMAGE_PIXELS
}

/// The fonts SVG text may use: the embedded DejaVu Sans, whatever family is asked for.
fn svg_fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            if let Ok((regular, bold)) = fonts() {
                for data in [regular, bold] {
                    db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
                }
            }
            db.set_serif_family(FAMILY);
            db.set_sans_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

// ---------------------------------------------------------------------------------------------
// Text: shaping, measuring and wrapping

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Face {
    Regular,
    Bold,
}

/// Shaped text, with advances in em (multiply by the font size for points).
#[derive(Debug, Clone, Default)]
struct Line {
    text: String,
    glyphs: Vec<KrillaGlyph>,
    width: f32,
}

impl Line {
    fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// Appends `other`, whose glyphs point into its own text.
    fn append(&mut self, other: &Line) {
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.glyphs.extend(other.glyphs.iter().map(|g| {
            let mut g = g.clone();
            g.text_range = g.text_range.start + offset..g.text_range.end + offset;
            g
        }));
        self.width += other.width;
    }

    /// The clusters of the line: (start of its text, end of its glyphs, width in em).
    fn clusters(&self) -> Vec<(usize, usize, f32)> {
        let mut clusters: Vec<(usize, usize, f32)> = Vec::new();
        for (i, g) in self.glyphs.iter().enumerate() {
            match clusters.last_mut() {
                Some(last) if self.glyphs[last.1 - 1].text_range.start == g.text_range.start => {
                    last.1 = i + 1;
                    last.2 += g.x_advance;
                }
                _ => clusters.push((g.text_range.start, i + 1, g.x_advance)),
            }
        }
        clusters
    }

    /// The part of the line from glyph `from` to glyph `to`, its text from byte `start` to
    /// byte `end`.
    fn slice(&self, from: usize, to: usize, start: usize, end: usize) -> Line {
        let glyphs: Vec<KrillaGlyph> = self.glyphs[from..to]
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.text_range = g.text_range.start.clamp(start, end) - start
                    ..g.text_range.end.clamp(start, end) - start;
                g
            })
            .collect();
        Line {
            text: self.text.get(start..end).unwrap_or_default().to_owned(),
            width: glyphs.iter().map(|g| g.x_advance).sum(),
            glyphs,
        }
    }

    /// Cuts the line into pieces no wider than `max` em, between clusters (never inside a
    /// letter with its accents), after a `/`, `-`, `.` and the like where there is one; a
    /// cluster wider than `max` gets a piece of its own.
    fn split(&self, max: f32) -> Vec<Line> {
        let clusters = self.clusters();
        let mut pieces = Vec::new();
        let (mut first, mut width) = (0usize, 0f32);
        // The cluster after the last good place to break in the current piece.
        let mut good = None;
        for i in 0..clusters.len() {
            if i > first && width + clusters[i].2 > max {
                let at = good.filter(|&b| b > first).unwrap_or(i);
                pieces.push(self.piece(&clusters, first, at));
                first = at;
                width = clusters[at..i].iter().map(|c| c.2).sum();
                good = None;
            }
            width += clusters[i].2;
            let end = clusters.get(i + 1).map_or(self.text.len(), |c| c.0);
            if self
                .text
                .get(clusters[i].0..end)
                .is_some_and(|t| t.ends_with(['/', '-', '–', '.', '_', '?', '&', '=', ',', ';']))
            {
                good = Some(i + 1);
            }
        }
        pieces.push(self.piece(&clusters, first, clusters.len()));
        pieces
    }

    /// Clusters `first..last` as a line of their own.
    fn piece(&self, clusters: &[(usize, usize, f32)], first: usize, last: usize) -> Line {
        let glyph_from = first.checked_sub(1).map_or(0, |p| clusters[p].1);
        let glyph_to = last.checked_sub(1).map_or(0, |p| clusters[p].1);
        let start = if first == 0 { 0 } else { clusters[first].0 };
        let end = clusters.get(last).map_or(self.text.len(), |c| c.0);
        self.slice(glyph_from, glyph_to, start, end)
    }
}

/// Shapes text with rustybuzz, the same shaper krilla uses, so that what is measured is what
/// is drawn; words are cached, as reports repeat them a lot.
struct Shaper {
    regular: rustybuzz::Face<'static>,
    bold: rustybuzz::Face<'static>,
    cache: HashMap<(Face, String), Line>,
    /// Ascent and descent of the font, in em (descent negative).
    ascent: f32,
    descent: f32,
}

impl Shaper {
    fn new() -> Result<Self> {
        let face = |data: &'static [u8]| {
            rustybuzz::Face::from_slice(data, 0)
                .ok_or_else(|| Error::Internal("the embedded font cannot be read".into()))
        };
        let (regular, bold) = fonts()?;
        let regular = face(regular)?;
        let bold = face(bold)?;
        let em = regular.units_per_em() as f32;
        Ok(Shaper {
            ascent: f32::from(regular.ascender()) / em,
            descent: f32::from(regular.descender()) / em,
            regular,
            bold,
            cache: HashMap::new(),
        })
    }

    /// Where the baseline sits below the top of a line of `line_height` in type of `size`.
    fn baseline(&self, size: f32, line_height: f32) -> f32 {
        (line_height - size * (self.ascent - self.descent)) / 2.0 + size * self.ascent
    }

    fn shape(&mut self, face: Face, text: &str) -> Line {
        if let Some(line) = self.cache.get(&(face, text.to_owned())) {
            return line.clone();
        }
        let font = match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        };
        let em = font.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let output = rustybuzz::shape(font, &[], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            let end = infos[i + 1..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&c| c > start)
                .unwrap_or(text.len());
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / em,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                start..end,
                None,
            ));
        }
        let line = Line {
            text: text.to_owned(),
            width: glyphs.iter().map(|g| g.x_advance).sum(),
            glyphs,
        };
        if self.cache.len() < 100_000 {
            self.cache.insert((face, text.to_owned()), line.clone());
        }
        line
    }

    /// Breaks `text` into lines no wider than `max_width` points: at spaces, at line breaks,
    /// and inside words too long for a line of their own.
    fn wrap(&mut self, text: &str, face: Face, size: f32, max_width: f32) -> Vec<Line> {
        let max = max_width / size;
        let space = self.shape(face, " ");
        let mut lines = Vec::new();
        for paragraph in clean(text).split('\n') {
            let mut line = Line::default();
            for word in words(paragraph) {
                let word = self.shape(face, word);
                if !line.is_empty() && line.width + space.width + word.width <= max {
                    line.append(&space);
                    line.append(&word);
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word.width <= max {
                    line = word;
                } else {
                    let mut pieces = word.split(max);
                    line = pieces.pop().unwrap_or_default();
                    lines.extend(pieces);
                }
            }
            lines.push(line);
        }
        lines
    }

    /// The widest a line of `text` would be without wrapping, and its widest word, in points.
    fn natural_widths(&mut self, text: &str, face: Face, size: f32) -> (f32, f32) {
        let space = self.shape(face, " ").width;
        let (mut widest_line, mut widest_word) = (0f32, 0f32);
        for paragraph in clean(text).split('\n') {
            let mut line = 0f32;
            for (i, word) in words(paragraph).enumerate() {
                let w = self.shape(face, word).width;
                widest_word = widest_word.max(w);
                line += w + if i > 0 { space } else { 0.0 };
            }
            widest_line = widest_line.max(line);
        }
        (widest_line * size, widest_word * size)
    }

    /// `text` on one line, cut short with an ellipsis if wider than `max_width` points.
    fn fit(&mut self, text: &str, face: Face, size: f32, max_width: f32) -> Line {
        let line = self.shape(face, &clean(text).replace('\n', " "));
        if line.width * size <= max_width {
            return line;
        }
        let ellipsis = self.shape(face, "…");
        let mut head = line
            .split((max_width / size - ellipsis.width).max(0.0))
            .into_iter()
            .next()
            .unwrap_or_default();
        head.append(&ellipsis);
        head
    }
}

/// Text with tabs as spaces, line breaks as `\n`, and no other control characters.
fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The words of a line, split at breaking spaces (not at no-break spaces).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
        .filter(|w| !w.is_empty())
}

// ---------------------------------------------------------------------------------------------
// Layout: blocks placed on pages as drawing operations

enum Op {
    Text {
        x: f32,
        baseline: f32,
        line: Line,
        face: Face,
        size: f32,
        color: Color,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color,
    },
    Figure {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// How a run of lines is set.
#[derive(Clone, Copy)]
struct Style {
    face: Face,
    size: f32,
    line_height: f32,
    color: Color,
}

const BODY: Style = Style {
    face: Face::Regular,
    size: BODY_SIZE,
    line_height: BODY_LH,
    color: INK,
};

/// How lines flowing over pages are placed and decorated.
#[derive(Clone, Copy)]
struct Flow {
    x: f32,
    width: f32,
    style: Style,
    centered: bool,
    /// Padding above and below each page's part, and the fill behind it.
    boxed: bool,
    /// Where a bullet goes before the first line.
    bullet: Option<f32>,
}

impl Flow {
    /// Lines across the text width, left-aligned.
    fn plain(style: Style) -> Self {
        Flow {
            x: LEFT,
            width: TEXT_W,
            style,
            centered: false,
            boxed: false,
            bullet: None,
        }
    }
}

struct Layout<'a> {
    shaper: &'a mut Shaper,
    figures: &'a [usvg::Tree],
    pages: Vec<Vec<Op>>,
    /// Where the next thing goes on the current page.
    y: f32,
    /// Space owed before the next thing, dropped at the top of a page.
    gap: f32,
    /// Headings, for the PDF's bookmarks: text, page index, position.
    outline: Vec<(String, usize, f32)>,
}

impl<'a> Layout<'a> {
    fn new(shaper: &'a mut Shaper, figures: &'a [usvg::Tree]) -> Self {
        Layout {
            shaper,
            figures,
            pages: vec![Vec::new()],
            y: BODY_TOP,
            gap: 0.0,
            outline: Vec::new(),
        }
    }

    fn at_top(&self) -> bool {
        self.y <= BODY_TOP + 0.01
    }

    /// The space left on the page for the next thing.
    fn room(&self) -> f32 {
        BODY_BOTTOM - self.y - if self.at_top() { 0.0 } else { self.gap }
    }

    fn fits(&self, height: f32) -> bool {
        height <= self.room() + 0.01
    }

    fn new_page(&mut self) -> Result<()> {
        if self.pages.len() >= MAX_PAGES {
            return Err(invalid(format!(
                "the report would take more than {MAX_PAGES} pages"
            )));
        }
        self.pages.push(Vec::new());
        self.y = BODY_TOP;
        self.gap = 0.0;
        Ok(())
    }

    /// Starts a new page unless `height` fits on this one (or this one is still empty).
    fn ensure(&mut self, height: f32) -> Result<()> {
        if !self.fits(height) && !self.at_top() {
            self.new_page()?;
        }
        Ok(())
    }

    /// Takes `height` from the page and returns where it starts.
    fn take(&mut self, height: f32) -> f32 {
        let top = if self.at_top() {
            self.y
        } else {
            self.y + self.gap
        };
        self.y = top + height;
        self.gap = 0.0;
        top
    }

    fn space(&mut self, gap: f32) {
        self.gap = self.gap.max(gap);
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        self.push(Op::Rect { x, y, w, h, color });
    }

    fn text(&mut self, x: f32, top: f32, line: &Line, style: Style) {
        if line.is_empty() {
            return;
        }
        let baseline = top + self.shaper.baseline(style.size, style.line_height);
        self.push(Op::Text {
            x,
            baseline,
            line: line.clone(),
            face: style.face,
            size: style.size,
            color: style.color,
        });
    }

    fn document(&mut self, doc: &ReportDocument) -> Result<()> {
        self.title(&doc.title, &doc.subtitle)?;
        let mut figure = 0;
        for (i, block) in doc.blocks.iter().enumerate() {
            let keep = self.keep_height(doc.blocks.get(i + 1), figure);
            match block {
                Block::Heading { text } => self.heading(text, keep)?,
                Block::Paragraph { text } => self.paragraph(text)?,
                Block::Note { text } => self.note(text)?,
                Block::Bullets { items } => self.bullets(items)?,
                Block::Table { head, rows } => self.table(head, rows)?,
                Block::Figure { caption, width, .. } => {
                    self.figure(figure, caption, *width)?;
                    figure += 1;
                }
                Block::PageBreak => {
                    if !self.at_top() {
                        self.new_page()?;
                    }
                }
            }
        }
        Ok(())
    }

    fn title(&mut self, title: &str, subtitle: &str) -> Result<()> {
        let parts = [
            (
                title,
                Style {
                    face: Face::Bold,
                    size: TITLE_SIZE,
                    line_height: TITLE_LH,
                    color: STRONG,
                },
                3.0,
            ),
            (
                subtitle,
                Style {
                    color: MUTED,
                    ..BODY
                },
                0.0,
            ),
        ];
        let mut any = false;
        for (text, style, after) in parts {
            if text.trim().is_empty() {
                continue;
            }
            let lines = self.shaper.wrap(text, style.face, style.size, TEXT_W);
            self.flow(&lines, Flow::plain(style))?;
            self.space(after);
            any = true;
        }
        if any {
            self.space(8.0);
            let top = self.take(1.2);
            self.rect(LEFT, top, TEXT_W, 1.2, ACCENT);
            self.space(16.0);
        }
        Ok(())
    }

    /// How much of `next`, the block after a heading, must fit under the heading on the same
    /// page; `figure` is the index of the next figure.
    fn keep_height(&self, next: Option<&Block>, figure: usize) -> f32 {
        match next {
            Some(Block::Paragraph { .. }) | Some(Block::Bullets { .. }) => 2.0 * BODY_LH + 6.0,
            Some(Block::Note { .. }) => 2.0 * NOTE_LH + 2.0 * NOTE_PAD + 6.0,
            Some(Block::Table { .. }) => 2.0 * (2.0 * TABLE_LH + 2.0 * CELL_PAD_Y) + 6.0,
            Some(Block::Figure { width, .. }) => self.figures.get(figure).map_or(0.0, |tree| {
                figure_size(tree, *width, CAPTION_LH).1 + CAPTION_LH + 14.0
            }),
            _ => 0.0,
        }
    }

    /// Places `lines` from the current position, over as many pages as they need: never one
    /// line of a paragraph alone at the foot of a page, nor alone at the top of the next.
    fn flow(&mut self, lines: &[Line], flow: Flow) -> Result<()> {
        let lh = flow.style.line_height;
        let pad = if flow.boxed { NOTE_PAD } else { 0.0 };
        let mut done = 0;
        while done < lines.len() {
            let left = lines.len() - done;
            let fit = (((self.room() - 2.0 * pad) / lh) + 0.001).floor().max(0.0) as usize;
            let mut take = fit.min(left);
            if take < left {
                if left - take == 1 && take >= 2 {
                    take -= 1;
                }
                if done == 0 && take < 2 {
                    take = 0;
                }
            }
            if take == 0 {
                if self.at_top() {
                    take = fit.clamp(1, left);
                } else {
                    self.new_page()?;
                    continue;
                }
            }
            let top = self.take(take as f32 * lh + 2.0 * pad);
            if flow.boxed {
                let h = take as f32 * lh + 2.0 * pad;
                self.rect(flow.x, top, flow.width, h, NOTE_FILL);
                self.rect(flow.x, top, NOTE_BAR, h, ACCENT);
            }
            let (text_x, text_w) = if flow.boxed {
                let inset = NOTE_BAR + 2.0 * NOTE_PAD;
                (flow.x + inset - NOTE_PAD, flow.width - inset)
            } else {
                (flow.x, flow.width)
            };
            for (j, line) in lines[done..done + take].iter().enumerate() {
                let line_top = top + pad + j as f32 * lh;
                let x = if flow.centered {
                    text_x + ((text_w - line.width * flow.style.size) / 2.0).max(0.0)
                } else {
                    text_x
                };
                if let (Some(bullet_x), 0, 0) = (flow.bullet, done, j) {
                    let bullet = self.shaper.shape(flow.style.face, "•");
                    self.text(bullet_x, line_top, &bullet, flow.style);
                }
                self.text(x, line_top, line, flow.style);
            }
            done += take;
            if done < lines.len() {
                self.new_page()?;
            }
        }
        Ok(())
    }

    fn heading(&mut self, text: &str, keep: f32) -> Result<()> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let style = Style {
            face: Face::Bold,
            size: HEADING_SIZE,
            line_height: HEADING_LH,
            color: STRONG,
        };
        let lines = self.shaper.wrap(text, Face::Bold, HEADING_SIZE, TEXT_W);
        self.space(16.0);
        let own = lines.len().min(3) as f32 * HEADING_LH;
        self.ensure(own + keep.min(BODY_H / 2.0))?;
        let top = if self.at_top() {
            self.y
        } else {
            self.y + self.gap
        };
        self.outline.push((
            short(&clean(text).replace('\n', " ")),
            self.pages.len() - 1,
            top,
        ));
        self.flow(&lines, Flow::plain(style))?;
        self.space(6.0);
        Ok(())
    }

    fn paragraph(&mut self, text: &str) -> Result<()> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let lines = self.shaper.wrap(text, Face::Regular, BODY_SIZE, TEXT_W);
        self.flow(&lines, Flow::plain(BODY))?;
        self.space(8.0);
        Ok(())
    }

    fn note(&mut self, text: &str) -> Result<()> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let style = Style {
            size: NOTE_SIZE,
            line_height: NOTE_LH,
            ..BODY
        };
        let inner = TEXT_W - NOTE_BAR - 2.0 * NOTE_PAD;
        let lines = self.shaper.wrap(text, Face::Regular, NOTE_SIZE, inner);
        self.space(4.0);
        self.flow(
            &lines,
            Flow {
                x: LEFT,
                width: TEXT_W,
                style,
                centered: false,
                boxed: true,
                bullet: None,
            },
        )?;
        self.space(12.0);
        Ok(())
    }

    fn bullets(&mut self, items: &[String]) -> Result<()> {
        for item in items {
            if item.trim().is_empty() {
                continue;
            }
            let lines = self
                .shaper
                .wrap(item, Face::Regular, BODY_SIZE, TEXT_W - BULLET_INDENT);
            self.flow(
                &lines,
                Flow {
                    x: LEFT + BULLET_INDENT,
                    width: TEXT_W - BULLET_INDENT,
                    style: BODY,
                    centered: false,
                    boxed: false,
                    bullet: Some(LEFT + 3.0),
                },
            )?;
            self.space(3.0);
        }
        self.space(8.0);
        Ok(())
    }

    /// Column widths from the content, filling the text width: each column as wide as its
    /// longest line if they all fit, otherwise at least as wide as its longest word (capped,
    /// as longer words are broken) or, for a column of short cells, as its longest cell, with
    /// the rest shared by how much more each column would like.
    fn column_widths(&mut self, head: &[String], rows: &[Vec<String>]) -> Vec<f32> {
        let cap = TEXT_W * 0.3;
        let short = TEXT_W * 0.14;
        let mut most = vec![0f32; head.len()];
        let mut least = vec![0f32; head.len()];
        // A head wraps before the cells under it do: only its words count.
        for (i, cell) in head.iter().enumerate() {
            let (_, word) = self.shaper.natural_widths(cell, Face::Bold, TABLE_SIZE);
            least[i] = (word + 2.0 * CELL_PAD_X).min(cap);
            most[i] = least[i];
        }
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                let (line, word) = self.shaper.natural_widths(cell, Face::Regular, TABLE_SIZE);
                most[i] = most[i].max(line + 2.0 * CELL_PAD_X);
                least[i] = least[i].max((word + 2.0 * CELL_PAD_X).min(cap));
            }
        }
        for (least, most) in least.iter_mut().zip(&most) {
            if *most <= short {
                *least = least.max(*most);
            }
        }
        let sum_most: f32 = most.iter().sum();
        let sum_least: f32 = least.iter().sum();
        if sum_most <= TEXT_W {
            most.iter().map(|w| w * TEXT_W / sum_most).collect()
        } else if sum_least <= TEXT_W {
            let wanted: f32 = most.iter().zip(&least).map(|(m, l)| m - l).sum();
            let spare = TEXT_W - sum_least;
            most.iter()
                .zip(&least)
                .map(|(m, l)| l + spare * (m - l) / wanted.max(f32::EPSILON))
                .collect()
        } else {
            // Not even the longest words fit: narrow columns keep theirs, the others share
            // what is left equally.
            let mut order: Vec<usize> = (0..least.len()).collect();
            order.sort_by(|&a, &b| least[a].total_cmp(&least[b]));
            let mut widths = vec![0f32; least.len()];
            let mut left = TEXT_W;
            for (k, &i) in order.iter().enumerate() {
                widths[i] = least[i].min(left / (order.len() - k) as f32);
                left -= widths[i];
            }
            widths
        }
    }

    fn wrap_row(&mut self, row: &[String], face: Face, widths: &[f32]) -> Vec<Vec<Line>> {
        row.iter()
            .zip(widths)
            .map(|(cell, w)| {
                self.shaper
                    .wrap(cell, face, TABLE_SIZE, (w - 2.0 * CELL_PAD_X).max(1.0))
            })
            .collect()
    }

    fn table(&mut self, head: &[String], rows: &[Vec<String>]) -> Result<()> {
        let widths = self.column_widths(head, rows);
        let head = self.wrap_row(head, Face::Bold, &widths);
        let head_h = row_height(&head, usize::MAX);
        self.space(6.0);
        let first_h = rows
            .first()
            .map(|row| {
                let row = self.wrap_row(row, Face::Regular, &widths);
                row_height(&row, 3)
            })
            .unwrap_or(0.0);
        self.ensure(head_h + first_h + 1.0)?;
        self.table_head(&head, &widths);
        for (i, row) in rows.iter().enumerate() {
            let cells = self.wrap_row(row, Face::Regular, &widths);
            let height = row_height(&cells, usize::MAX);
            let fill = (i % 2 == 1).then_some(STRIPE);
            if !self.fits(height) && height <= BODY_H - head_h {
                self.new_page()?;
                self.table_head(&head, &widths);
            }
            // A row taller than a page is split between lines, all cells alike.
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            let mut done = 0;
            while done < lines {
                let fit = ((self.room() - 2.0 * CELL_PAD_Y) / TABLE_LH + 0.001)
                    .floor()
                    .max(0.0) as usize;
                let take = fit.min(lines - done);
                if take == 0 || (take < lines - done && take < 2 && !self.at_top()) {
                    self.new_page()?;
                    self.table_head(&head, &widths);
                    continue;
                }
                self.table_row(&cells, done..done + take, &widths, Face::Regular, fill);
                done += take;
                if done < lines {
                    self.new_page()?;
                    self.table_head(&head, &widths);
                }
            }
        }
        let end = self.y;
        self.rect(LEFT, end - 0.4, TEXT_W, 0.8, RULE);
        self.space(12.0);
        Ok(())
    }

    fn table_head(&mut self, head: &[Vec<Line>], widths: &[f32]) {
        let top = self.y + if self.at_top() { 0.0 } else { self.gap };
        self.rect(LEFT, top - 0.4, TEXT_W, 0.8, RULE);
        self.table_row(head, 0..usize::MAX, widths, Face::Bold, Some(HEAD_FILL));
        let bottom = self.y;
        self.rect(LEFT, bottom - 0.4, TEXT_W, 0.8, RULE);
    }

    /// Draws the lines `lines` of every cell as one row.
    fn table_row(
        &mut self,
        cells: &[Vec<Line>],
        lines: std::ops::Range<usize>,
        widths: &[f32],
        face: Face,
        fill: Option<Color>,
    ) {
        let count = cells
            .iter()
            .map(|c| c.len().min(lines.end).saturating_sub(lines.start))
            .max()
            .unwrap_or(0)
            .max(1);
        let height = count as f32 * TABLE_LH + 2.0 * CELL_PAD_Y;
        let top = self.take(height);
        if let Some(color) = fill {
            self.rect(LEFT, top, TEXT_W, height, color);
        }
        let style = Style {
            face,
            size: TABLE_SIZE,
            line_height: TABLE_LH,
            color: INK,
        };
        let mut x = LEFT;
        for (cell, width) in cells.iter().zip(widths) {
            let end = lines.end.min(cell.len());
            let start = lines.start.min(end);
            for (j, line) in cell[start..end].iter().enumerate() {
                self.text(
                    x + CELL_PAD_X,
                    top + CELL_PAD_Y + j as f32 * TABLE_LH,
                    line,
                    style,
                );
            }
            x += width;
        }
        self.rect(LEFT, top + height - 0.2, TEXT_W, 0.4, HAIRLINE);
    }

    fn figure(&mut self, index: usize, caption: &str, width: f32) -> Result<()> {
        let Some(tree) = self.figures.get(index) else {
            return Err(Error::Internal(format!(
                "figure {} was not parsed",
                index + 1
            )));
        };
        let caption = if caption.trim().is_empty() {
            Vec::new()
        } else {
            self.shaper
                .wrap(caption, Face::Regular, CAPTION_SIZE, TEXT_W)
        };
        // The figure and the start of its caption must fit on one page.
        let caption_start = caption.len().min(2) as f32 * CAPTION_LH;
        let reserve = if caption.is_empty() {
            0.0
        } else {
            6.0 + caption_start
        };
        let (w, h) = figure_size(tree, width, reserve);
        self.space(8.0);
        self.ensure(h + reserve)?;
        let top = self.take(h);
        self.push(Op::Figure {
            index,
            x: LEFT + (TEXT_W - w) / 2.0,
            y: top,
            w,
            h,
        });
        if !caption.is_empty() {
            self.space(6.0);
            self.flow(
                &caption,
                Flow {
                    x: LEFT,
                    width: TEXT_W,
                    style: Style {
                        face: Face::Regular,
                        size: CAPTION_SIZE,
                        line_height: CAPTION_LH,
                        color: MUTED,
                    },
                    centered: true,
                    boxed: false,
                    bullet: None,
                },
            )?;
        }
        self.space(14.0);
        Ok(())
    }
}

/// The size of a figure `width` of the text width wide, keeping its aspect ratio, made
/// smaller if needed so that it and `reserve` more fit on a page.
fn figure_size(tree: &usvg::Tree, width: f32, reserve: f32) -> (f32, f32) {
    let size = tree.size();
    let aspect = size.height() / size.width();
    let mut w = width * TEXT_W;
    let mut h = w * aspect;
    let max_h = (BODY_H - reserve).max(BODY_H / 2.0);
    if h > max_h {
        h = max_h;
        w = h / aspect;
    }
    (w, h)
}

/// The height of a row showing at most `max_lines` lines of each cell.
fn row_height(cells: &[Vec<Line>], max_lines: usize) -> f32 {
    let lines = cells
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(1)
        .clamp(1, max_lines);
    lines as f32 * TABLE_LH + 2.0 * CELL_PAD_Y
}

// ---------------------------------------------------------------------------------------------
// Drawing

fn draw(
    doc: &ReportDocument,
    pages: &[Vec<Op>],
    outline: &[(String, usize, f32)],
    figures: &[usvg::Tree],
    shaper: &mut Shaper,
) -> Result<Vec<u8>> {
    let font = |data: &'static [u8]| {
        Font::new(data.into(), 0)
            .ok_or_else(|| Error::Internal("the embedded font cannot be read".into()))
    };
    let (regular, bold) = fonts()?;
    let regular = font(regular)?;
    let bold = font(bold)?;
    let page_settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| Error::Internal("the page size is invalid".into()))?;
    let footer_style = Style {
        face: Face::Regular,
        size: FOOTER_SIZE,
        line_height: FOOTER_LH,
        color: MUTED,
    };

    let mut document = Document::new();
    let mut metadata = Metadata::new()
        .creator("SoreMap".to_owned())
        .language("en".to_owned());
    if !doc.title.trim().is_empty() {
        metadata = metadata.title(clean(&doc.title).replace('\n', " "));
    }
    document.set_metadata(metadata);

    for (n, ops) in pages.iter().enumerate() {
        let mut page = document.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    baseline,
                    line,
                    face,
                    size,
                    color,
                } => {
                    let font = match face {
                        Face::Regular => regular.clone(),
                        Face::Bold => bold.clone(),
                    };
                    draw_line(&mut surface, *x, *baseline, line, font, *size, *color);
                }
                Op::Rect { x, y, w, h, color } => draw_rect(&mut surface, *x, *y, *w, *h, *color),
                Op::Figure { index, x, y, w, h } => {
                    let (Some(tree), Some(size)) = (figures.get(*index), Size::from_wh(*w, *h))
                    else {
                        continue;
                    };
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_svg(tree, size, SvgSettings::default());
                    surface.pop();
                }
            }
        }

        // The footer: a rule, the report's footer on the left, the page number on the right.
        draw_rect(&mut surface, LEFT, FOOTER_RULE, TEXT_W, 0.5, HAIRLINE);
        let baseline = FOOTER_LINE + shaper.baseline(FOOTER_SIZE, FOOTER_LH);
        let number = format!("Page {} of {}", n + 1, pages.len());
        let number = shaper.fit(&number, Face::Regular, FOOTER_SIZE, TEXT_W);
        let number_w = number.width * FOOTER_SIZE;
        let footer = shaper.fit(
            &doc.footer,
            Face::Regular,
            FOOTER_SIZE,
            (TEXT_W - number_w - 18.0).max(0.0),
        );
        for (x, line) in [(LEFT, &footer), (LEFT + TEXT_W - number_w, &number)] {
            draw_line(
                &mut surface,
                x,
                baseline,
                line,
                regular.clone(),
                footer_style.size,
                footer_style.color,
            );
        }
        surface.finish();
        page.finish();
    }

    if !outline.is_empty() {
        let mut bookmarks = Outline::new();
        for (text, page, y) in outline {
            bookmarks.push_child(OutlineNode::new(
                text.clone(),
                XyzDestination::new(*page, Point::from_xy(LEFT, *y)),
            ));
        }
        document.set_outline(bookmarks);
    }

    document
        .finish()
        .map_err(|e| Error::Internal(format!("the PDF could not be written: {e}")))
}

fn fill(color: Color) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        ..Fill::default()
    }
}

fn draw_line(
    surface: &mut Surface,
    x: f32,
    baseline: f32,
    line: &Line,
    font: Font,
    size: f32,
    color: Color,
) {
    if line.is_empty() {
        return;
    }
    surface.set_stroke(None);
    surface.set_fill(Some(fill(color)));
    surface.draw_glyphs(
        Point::from_xy(x, baseline),
        &line.glyphs,
        font,
        &line.text,
        size,
        false,
    );
}

fn draw_rect(surface: &mut Surface, x: f32, y: f32, w: f32, h: f32, color: Color) {
    let Some(rect) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    let Some(path) = path.finish() else {
        return;
    };
    surface.set_stroke(None);
    surface.set_fill(Some(fill(color)));
    surface.draw_path(&path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_break_at_spaces_but_not_at_no_break_spaces() {
        let w: Vec<&str> = words("10\u{202f}°C  and\ta\u{a0}b").collect();
        assert_eq!(w, ["10\u{202f}°C", "and", "a\u{a0}b"]);
    }

    #[test]
    fn long_words_are_broken_to_fit_and_keep_their_text() {
        let mut shaper = Shaper::new().unwrap();
        let word = "Wěizhōng".repeat(30);
        let lines = shaper.wrap(&word, Face::Regular, 10.0, 100.0);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(line.width * 10.0 <= 100.0 + 0.01, "{}", line.width * 10.0);
            for g in &line.glyphs {
                assert!(line.text.get(g.text_range.clone()).is_some());
            }
        }
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, word);
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let mut shaper = Shaper::new().unwrap();
        let text = "Soreness ≤ 3 → light mobility · 20 °C – keep moving. ".repeat(20);
        let lines = shaper.wrap(&text, Face::Regular, 10.0, 200.0);
        for line in &lines {
            assert!(line.width * 10.0 <= 200.0 + 0.01);
            for g in &line.glyphs {
                assert!(line.text.get(g.text_range.clone()).is_some());
            }
        }
        let joined = lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, text.trim_end());
    }

    #[test]
    fn png_headers_are_checked() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(100u32.to_be_bytes());
        png.extend(100u32.to_be_bytes());
        assert!(png_is_reasonable(&png));
        png[16..20].copy_from_slice(&200_000u32.to_be_bytes());
        assert!(!png_is_reasonable(&png));
        png[16..20].copy_from_slice(&u32::MAX.to_be_bytes());
        png[20..24].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(!png_is_reasonable(&png));
        assert!(!png_is_reasonable(b"GIF89a"));
    }
}

/// Where a report was written, and its size.
#[derive(Debug, Clone, PartialEq, serde::Serialize, TS)]
#[ts(export)]
pub struct ReportSaved {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

impl crate::Database {
    /// Lays the report out and writes it where the person chose, the way every export is
    /// written: never over SoreMap's own files, and whole or not at all.
    pub fn save_report(&self, doc: &ReportDocument, path: &std::path::Path) -> Result<ReportSaved> {
        let path = crate::backup::refuse_protected_target(self.path(), path)?;
        let bytes = render(doc)?;
        crate::backup::atomic_write(&path, |out, tmp| {
            use std::io::Write;
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io("write", tmp, e))
        })?;
        Ok(ReportSaved {
            path: path.display().to_string(),
            bytes: bytes.len() as u64,
        })
    }
}
