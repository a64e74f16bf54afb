-- SoreMap schema 5: an index to read a region-side's whole history of soreness from, as
-- episodes and their forecasts are derived from it (its times, when each entry was written,
-- and its intensities), without reading each entry's row. Only a query that asks for
-- `intensity >= 0` (which every entry's intensity is) can use it, so no other query finds
-- entries logged at the same moment in another order than before.

CREATE INDEX soreness_history ON soreness_entries (region_id, side, at, created_at, intensity)
    WHERE deleted_at IS NULL AND intensity >= 0;
