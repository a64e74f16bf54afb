-- SoreMap schema 2: muscles, the DOMS timeline, safety flags and full-text search.
-- All catalogue tables: rebuilt from data/ whenever the shipped catalogue changes.

CREATE TABLE muscles (
    id   TEXT PRIMARY KEY,
    sort INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE TABLE muscle_regions (
    muscle_id TEXT NOT NULL REFERENCES muscles (id) ON DELETE CASCADE,
    region_id TEXT NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
    PRIMARY KEY (region_id, muscle_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE timeline (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE TABLE safety_flags (
    id       TEXT PRIMARY KEY,
    severity TEXT NOT NULL CHECK (severity IN ('urgent', 'professional', 'caution')),
    sort     INTEGER NOT NULL,
    body     TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

-- One row per searchable catalogue entry. `title` and `keywords` weigh more than `body`.
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref_id UNINDEXED,
    region UNINDEXED,
    subtitle UNINDEXED,
    title,
    keywords,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
