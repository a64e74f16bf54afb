//! Search across regions, points, techniques and muscles, backed by SQLite FTS5.
//!
//! Whatever the person types is never passed to FTS5 as query syntax: it is cut into words and
//! each word is quoted, so quotes, `*`, `-`, `NEAR` or `OR` are just text. Point codes are
//! recognised in any common spelling (`BL40`, `bl-40`, `bl 40`) before the text search.

use std::collections::HashSet;

use rusqlite::{params, Connection, Transaction};

use crate::catalogue::{normalize_code, Catalogue};
use crate::error::{Error, Result};
use crate::model::{SearchKind, SearchResult, SearchResults};

/// The longest search text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
const MAX_RESULTS: usize = 30;
const MAX_WORDS: usize = 12;

/// Fills the search index from `catalogue` (inside the catalogue's load transaction).
pub(crate) fn index(tx: &Transaction<'_>, catalogue: &Catalogue) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO search_index (kind, ref_id, region, subtitle, title, keywords, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let region_name = |id: &str| {
        catalogue
            .region(id)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    };
    for region in &catalogue.regions {
        let muscles: Vec<String> = catalogue
            .muscles
            .iter()
            .filter(|m| m.regions.contains(&region.id))
            .flat_map(|m| std::iter::once(m.name.clone()).chain(m.other_names.clone()))
            .collect();
        insert.execute(params![
            "region",
            region.id,
            region.id,
            "Body region",
            region.name,
            region.id.replace('-', " "),
            format!("{} {}", region.summary, muscles.join(" ")),
        ])?;
    }
    for point in &catalogue.points {
        let title = match (&point.code, &point.pinyin) {
            (Some(code), Some(pinyin)) => format!("{code} {pinyin}"),
            _ => point
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| point.id.clone()),
        };
        let notes: Vec<&str> = point.source_notes.iter().map(|n| n.text.as_str()).collect();
        insert.execute(params![
            "point",
            point.id,
            point.located_in,
            format!(
                "Point · {} · on the {}",
                point.names.join(" · "),
                region_name(&point.located_in).to_lowercase()
            ),
            title,
            format!(
                "{} {} {}",
                point.names.join(" "),
                point.pinyin.clone().unwrap_or_default(),
                region_name(&point.located_in)
            ),
            format!(
                "{} {} {}",
                point.location,
                point.how_to_find,
                notes.join(" ")
            ),
        ])?;
    }
    for technique in &catalogue.techniques {
        insert.execute(params![
            "technique",
            technique.id,
            technique.regions.first().cloned().unwrap_or_default(),
            "Technique",
            technique.name,
            technique.id.replace('-', " "),
            format!("{} {}", technique.summary, technique.steps.join(" ")),
        ])?;
    }
    for muscle in &catalogue.muscles {
        insert.execute(params![
            "muscle",
            muscle.id,
            muscle.regions.first().cloned().unwrap_or_default(),
            format!(
                "Muscle · {}",
                muscle
                    .regions
                    .iter()
                    .map(|r| region_name(r))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            muscle.name,
            muscle.other_names.join(" "),
            muscle.description,
        ])?;
    }
    Ok(())
}

/// Turns free text into a safe FTS5 query: every word quoted and prefix-matched, all words
/// required; several words are also tried run together ("wei zhong" finds "Weizhong").
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_lowercase)
        .collect();
    let all = words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ");
    match words.len() {
        0 => None,
        1 => Some(all),
        _ => Some(format!("({all}) OR \"{}\"*", words.concat())),
    }
}

fn result_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<SearchResult> {
    let kind = match row.get::<_, String>(0)?.as_str() {
        "region" => SearchKind::Region,
        "point" => SearchKind::Point,
        "technique" => SearchKind::Technique,
        _ => SearchKind::Muscle,
    };
    Ok(SearchResult {
        kind,
        id: row.get(1)?,
        region: row.get(2)?,
        subtitle: row.get(3)?,
        title: row.get(4)?,
    })
}

pub(crate) fn run(conn: &Connection, raw: &str) -> Result<SearchResults> {
    let query = raw.trim();
    let count = query.chars().count();
    if count > MAX_QUERY_CHARS {
        return Err(Error::invalid(
            "search",
            format!("the text is {count} characters long; use at most {MAX_QUERY_CHARS}."),
        ));
    }
    let mut results = Vec::new();
    if let Some(code) = normalize_code(query) {
        let mut stmt = conn.prepare_cached(
            "SELECT kind, ref_id, region, subtitle, title FROM search_index
             WHERE kind = 'point' AND ref_id IN (SELECT id FROM points WHERE code = ?1)",
        )?;
        for row in stmt.query_map([code], result_from)? {
            results.push(row?);
        }
    }
    if let Some(fts) = fts_query(query) {
        let mut stmt = conn.prepare_cached(
            "SELECT kind, ref_id, region, subtitle, title FROM search_index
             WHERE search_index MATCH ?1
             ORDER BY bm25(search_index, 0, 0, 0, 0, 10.0, 5.0, 1.0)
             LIMIT ?2",
        )?;
        for row in stmt.query_map(params![fts, MAX_RESULTS as i64], result_from)? {
            results.push(row?);
        }
    }
    let mut seen = HashSet::new();
    results.retain(|r| seen.insert((r.kind, r.id.clone())));
    results.truncate(MAX_RESULTS);

    let message = if query.is_empty() || fts_query(query).is_none() {
        Some("Type a body part (calf), a point code (BL40) or a name (Weizhong).".to_owned())
    } else if results.is_empty() {
        Some(format!(
            "Nothing matches “{query}”. Try a body part (calf), a point code (BL40) or a name (Weizhong)."
        ))
    } else {
        None
    };
    Ok(SearchResults {
        query: query.to_owned(),
        results,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_quoted_never_syntax() {
        assert_eq!(fts_query("calf").unwrap(), "\"calf\"*");
        assert_eq!(
            fts_query("behind the knee").unwrap(),
            "(\"behind\"* \"the\"* \"knee\"*) OR \"behindtheknee\"*"
        );
        assert_eq!(
            fts_query("\"NEAR(a b)\" -x *").unwrap(),
            "(\"near\"* \"a\"* \"b\"* \"x\"*) OR \"nearabx\"*"
        );
        assert_eq!(fts_query("  * - \" "), None);
    }
}
