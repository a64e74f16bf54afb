-- SoreMap schema 1.
-- Catalogue tables are rebuilt from data/ whenever the shipped catalogue changes.
-- User tables (settings, and later the log) are never touched by that rebuild.

CREATE TABLE catalogue_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE sources (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE TABLE regions (
    id    TEXT PRIMARY KEY,
    sided INTEGER NOT NULL CHECK (sided IN (0, 1)),
    sort  INTEGER NOT NULL,
    body  TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE TABLE points (
    id         TEXT PRIMARY KEY,
    code       TEXT UNIQUE,
    located_in TEXT NOT NULL REFERENCES regions (id),
    sort       INTEGER NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
) STRICT;
CREATE INDEX points_located_in ON points (located_in);

CREATE TABLE point_uses (
    point_id  TEXT NOT NULL REFERENCES points (id) ON DELETE CASCADE,
    region_id TEXT NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
    PRIMARY KEY (region_id, point_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE techniques (
    id   TEXT PRIMARY KEY,
    sort INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE TABLE technique_regions (
    technique_id TEXT NOT NULL REFERENCES techniques (id) ON DELETE CASCADE,
    region_id    TEXT NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
    PRIMARY KEY (region_id, technique_id)
) STRICT, WITHOUT ROWID;

-- User data.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
