-- SoreMap schema 3: the personal log. User data: the catalogue reload never touches it.
-- Region ids are checked in Rust against the catalogue, not by foreign keys, so that a new
-- catalogue edition can never cascade into the log. Every record has a stable random id so
-- exports can be merged back without duplicates. Deletes are soft (deleted_at) for undo.

CREATE TABLE soreness_entries (
    id         TEXT PRIMARY KEY,
    at         TEXT NOT NULL,
    region_id  TEXT NOT NULL,
    side       TEXT NOT NULL CHECK (side IN ('left', 'right', 'center')),
    intensity  INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    kind       TEXT NOT NULL CHECK (kind IN ('doms', 'acute', 'pain', 'stiffness')),
    symptoms   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(symptoms)),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX soreness_by_region_side ON soreness_entries (region_id, side, at)
    WHERE deleted_at IS NULL;
CREATE INDEX soreness_by_time ON soreness_entries (at) WHERE deleted_at IS NULL;

CREATE TABLE workouts (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    activity     TEXT NOT NULL,
    effort       INTEGER NOT NULL CHECK (effort BETWEEN 1 AND 10),
    duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX workouts_by_time ON workouts (at) WHERE deleted_at IS NULL;

CREATE TABLE workout_regions (
    workout_id TEXT NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
    region_id  TEXT NOT NULL,
    side       TEXT NOT NULL CHECK (side IN ('left', 'right', 'center')),
    PRIMARY KEY (workout_id, region_id, side)
) STRICT, WITHOUT ROWID;
CREATE INDEX workout_regions_by_region ON workout_regions (region_id, side);

CREATE TABLE treatments (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    region_id    TEXT NOT NULL,
    side         TEXT NOT NULL CHECK (side IN ('left', 'right', 'center')),
    technique_id TEXT,
    point_id     TEXT,
    duration_sec INTEGER NOT NULL CHECK (duration_sec BETWEEN 1 AND 86400),
    before       INTEGER CHECK (before BETWEEN 0 AND 10),
    after        INTEGER CHECK (after BETWEEN 0 AND 10),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK ((technique_id IS NULL) <> (point_id IS NULL))
) STRICT;
CREATE INDEX treatments_by_region ON treatments (region_id, side, at) WHERE deleted_at IS NULL;

-- A red flag the person has read. Flags stay visible; this only marks them as seen.
CREATE TABLE flag_acks (
    key             TEXT PRIMARY KEY,
    acknowledged_at TEXT NOT NULL
) STRICT;
