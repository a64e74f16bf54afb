//! The SQLite store: one file, opened one way.
//!
//! `Database::open` is the only place a connection is made: it refuses a database written by a
//! newer SoreMap before changing a byte of it, sets the pragmas, applies the migrations in
//! `migrations/` atomically and reloads the catalogue tables when the shipped catalogue
//! changed. Every write runs inside a transaction; the catalogue reload never touches user
//! tables.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use rusqlite_migration::{Migrations, M};
use serde::de::DeserializeOwned;

use crate::catalogue::{profile_condition, Catalogue, PROFILE};
use crate::error::{Error, Result};
use crate::model::{
    coarse_side, AppInfo, CautionTarget, HealthItem, Muscle, PersonalCaution, Point, Region,
    RegionDetail, RegionSide, SafetyFlag, Settings, Side, Source, Technique, Timeline,
};

/// The file name inside the data directory.
pub const DATABASE_FILE: &str = "soremap.sqlite3";

const MIGRATION_FILES: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_muscles_safety_search.sql"),
    include_str!("../migrations/0003_log.sql"),
    include_str!("../migrations/0004_reminders.sql"),
    include_str!("../migrations/0005_soreness_history.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_FILES.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_FILES.len() as i64
}

pub fn migrations() -> &'static Migrations<'static> {
    &MIGRATIONS
}

pub struct Database {
    pub(crate) conn: Connection,
    path: PathBuf,
    catalogue_version: String,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("path", &self.path)
            .finish()
    }
}

impl Database {
    /// Opens (creating if needed) the database in `dir`, creating `dir` too. Health data: the
    /// folder is made private to the person (0700 on Unix) and the database file 0600.
    pub fn open_in_dir(dir: &Path) -> Result<Self> {
        crate::backup::private_dir(dir)?;
        let path = dir.join(DATABASE_FILE);
        crate::backup::private_file(&path)?;
        Self::open(&path)
    }

    /// Opens (creating if needed) the database file at `path`, with the shipped catalogue.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, &Catalogue::embedded()?)
    }

    /// Opens the database at `path` and makes sure it holds `catalogue`.
    pub fn open_with(path: &Path, catalogue: &Catalogue) -> Result<Self> {
        let found = refuse_newer(path)?;
        if found > 0 && found < schema_version() {
            crate::backup::before_migration(path, found, chrono::Local::now().naive_local())?;
        }
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        MIGRATIONS.to_latest(&mut conn)?;
        let mut db = Database {
            conn,
            path: path.to_owned(),
            catalogue_version: catalogue.version.clone(),
        };
        db.sync_catalogue(catalogue)?;
        Ok(db)
    }

    /// A second connection to the same file for reading only. SQLite's WAL mode lets it read
    /// the last committed state while this connection writes, so a long write (an import)
    /// never blocks what the window shows.
    pub fn reader(&self) -> Result<Database> {
        self.second_connection(true)
    }

    /// A second connection for taking snapshots (`VACUUM INTO` writes a new file, which a
    /// read-only connection may not), so backups never wait for the writer.
    pub fn snapshotter(&self) -> Result<Database> {
        self.second_connection(false)
    }

    fn second_connection(&self, query_only: bool) -> Result<Database> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "query_only", query_only)?;
        Ok(Database {
            conn,
            path: self.path.clone(),
            catalogue_version: self.catalogue_version.clone(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in a transaction: all of it is written, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub fn info(&self) -> Result<AppInfo> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self
                .path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            database_path: self.path.display().to_string(),
            catalogue_version: self.catalogue_version.clone(),
            schema_version: self
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?,
            log_file: None,
        })
    }

    /// Reloads the catalogue tables when their fingerprint differs from `catalogue`'s.
    /// Returns whether it reloaded.
    pub fn sync_catalogue(&mut self, catalogue: &Catalogue) -> Result<bool> {
        let current: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM catalogue_meta WHERE key = 'fingerprint'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if current.as_deref() == Some(catalogue.fingerprint.as_str()) {
            return Ok(false);
        }
        self.write(|tx| load_catalogue(tx, catalogue))?;
        Ok(true)
    }

    pub fn regions(&self) -> Result<Vec<Region>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM regions ORDER BY sort")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|body| decode(&body?)).collect()
    }

    pub fn region(&self, id: &str) -> Result<Region> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM regions WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        match body {
            Some(body) => decode(&body),
            None => Err(Error::UnknownRegion(id.to_owned())),
        }
    }

    /// Checks that `region` exists and has `side`; returns the region.
    pub fn region_side(&self, region: &str, side: &str) -> Result<(Region, Side)> {
        let region = self.region(region)?;
        let side = side_of(&region, side)?;
        Ok((region, side))
    }

    /// The coarse region-side that an entry on `region`/`side` counts toward in Today and
    /// Trends: a fine region's parent (one side of the neck counts toward the midline neck);
    /// a coarse region-side is its own.
    pub fn roll_up(&self, region: &str, side: &str) -> Result<RegionSide> {
        let (region, side) = self.region_side(region, side)?;
        let (coarse, side) = match &region.parent {
            None => (region, side),
            Some(parent) => {
                let parent = self.region(parent)?;
                let side = coarse_side(parent.sided, side);
                (parent, side)
            }
        };
        Ok(RegionSide {
            label: coarse.label(side),
            region: coarse.id,
            side,
        })
    }

    /// What the region panel shows for one region-side.
    pub fn region_detail(&self, region: &str, side: &str) -> Result<RegionDetail> {
        let (region, side) = self.region_side(region, side)?;
        // A coarse region's points include those lying in its fine regions.
        let points_on: Vec<Point> = self.bodies(
            "SELECT body FROM points WHERE located_in = ?1 OR located_in IN
               (SELECT id FROM regions WHERE json_extract(body, '$.parent') = ?1)
             ORDER BY sort",
            &region.id,
        )?;
        let points_for: Vec<Point> = self
            .bodies::<Point>(
                "SELECT p.body FROM point_uses u JOIN points p ON p.id = u.point_id
                 WHERE u.region_id = ?1 AND p.located_in <> ?1 ORDER BY p.sort",
                &region.id,
            )?
            .into_iter()
            .filter(|p| !points_on.iter().any(|on| on.id == p.id))
            .collect();
        let techniques: Vec<Technique> = self.bodies(
            "SELECT t.body FROM technique_regions x JOIN techniques t ON t.id = x.technique_id
             WHERE x.region_id = ?1 ORDER BY t.sort",
            &region.id,
        )?;
        let muscles: Vec<Muscle> = self.bodies(
            "SELECT m.body FROM muscle_regions x JOIN muscles m ON m.id = x.muscle_id
             WHERE x.region_id = ?1 ORDER BY m.sort",
            &region.id,
        )?;
        let timeline = self.timeline()?;
        let profile = self.profile()?;
        let pregnancy = profile.iter().any(|c| c == "pregnancy");
        let all_flags = self.flags()?;
        let flags: Vec<SafetyFlag> = all_flags
            .iter()
            .filter(|f| f.concerns_region(&region))
            // A health-profile caution only matters to someone who has that condition.
            .filter(|f| {
                let needs: Vec<&str> = f
                    .when
                    .as_ref()
                    .map(|r| r.conditions())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| profile_condition(c).is_some())
                    .collect();
                needs.is_empty() || needs.iter().any(|c| profile.iter().any(|p| p == c))
            })
            .cloned()
            .collect();
        let personal = personal_cautions(
            &region,
            &points_on,
            &points_for,
            &techniques,
            &profile,
            &all_flags,
        );
        let cited: HashSet<&str> = points_on
            .iter()
            .chain(&points_for)
            .flat_map(|p| p.sources.iter())
            .chain(techniques.iter().flat_map(|t| t.sources.iter()))
            .chain(muscles.iter().flat_map(|m| m.sources.iter()))
            .chain(timeline.phases.iter().flat_map(|p| p.sources.iter()))
            .chain(timeline.notes.iter().flat_map(|n| n.sources.iter()))
            .chain(flags.iter().flat_map(|f| f.sources.iter()))
            .chain(personal.iter().flat_map(|p| p.flag.sources.iter()))
            .map(String::as_str)
            .collect();
        let sources = self
            .all_sources()?
            .into_values()
            .filter(|s| cited.contains(s.id.as_str()))
            .collect();
        Ok(RegionDetail {
            label: region.label(side),
            region,
            side,
            points_on,
            points_for,
            techniques,
            muscles,
            timeline,
            flags,
            pregnancy,
            profile,
            personal,
            sources,
        })
    }

    /// The general DOMS time course.
    pub fn timeline(&self) -> Result<Timeline> {
        let body: String = self
            .conn
            .prepare_cached("SELECT body FROM timeline WHERE id = 1")?
            .query_row([], |r| r.get(0))?;
        decode(&body)
    }

    /// Every safety flag, most serious first.
    pub fn flags(&self) -> Result<Vec<SafetyFlag>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT body FROM safety_flags
             ORDER BY CASE severity WHEN 'urgent' THEN 0 WHEN 'professional' THEN 1 ELSE 2 END, sort",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|body| decode(&body?)).collect()
    }

    pub(crate) fn all_sources(&self) -> Result<BTreeMap<String, Source>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, body FROM sources ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.map(|row| {
            let (id, body) = row?;
            Ok((id, decode(&body)?))
        })
        .collect()
    }

    fn bodies<T: DeserializeOwned>(&self, sql: &str, arg: &str) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([arg], |r| r.get::<_, String>(0))?;
        rows.map(|body| decode(&body?)).collect()
    }

    /// Searches regions, points, techniques and muscles.
    pub fn search(&self, query: &str) -> Result<crate::model::SearchResults> {
        crate::search::run(&self.conn, query)
    }

    pub fn settings(&self) -> Result<Settings> {
        let mut health = Vec::new();
        for p in PROFILE {
            health.push(HealthItem {
                id: p.id.to_owned(),
                name: p.name.to_owned(),
                on: self.setting(p.id)?.as_deref() == Some("on"),
            });
        }
        Ok(Settings {
            pregnancy: health.iter().any(|h| h.id == "pregnancy" && h.on),
            health,
        })
    }

    /// The health-profile conditions the person has marked, by id.
    pub fn profile(&self) -> Result<Vec<String>> {
        Ok(self
            .settings()?
            .health
            .into_iter()
            .filter(|h| h.on)
            .map(|h| h.id)
            .collect())
    }

    pub fn set_pregnancy(&mut self, on: bool) -> Result<Settings> {
        self.set_health("pregnancy", on)
    }

    /// Marks or clears one condition of the health profile.
    pub fn set_health(&mut self, condition: &str, on: bool) -> Result<Settings> {
        let Some(p) = profile_condition(condition) else {
            let known: Vec<&str> = PROFILE.iter().map(|p| p.id).collect();
            return Err(Error::invalid(
                "health condition",
                format!(
                    "{:?} is not one SoreMap knows; use one of {}.",
                    condition.chars().take(40).collect::<String>(),
                    known.join(", ")
                ),
            ));
        };
        self.set_setting(p.id, if on { "on" } else { "off" })?;
        self.settings()
    }

    /// A user setting, or `None` when it was never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| put_setting(tx, key, value))
    }
}

/// What the person's health profile means for this region, its points and its techniques.
fn personal_cautions(
    region: &Region,
    points_on: &[Point],
    points_for: &[Point],
    techniques: &[Technique],
    profile: &[String],
    flags: &[SafetyFlag],
) -> Vec<PersonalCaution> {
    let mut out = Vec::new();
    for condition in profile {
        let Some(p) = profile_condition(condition) else {
            continue;
        };
        // A flag limited to some regions (pregnancy: abdomen, low back, …) marks points and
        // techniques only where it applies.
        let Some(flag) = flags
            .iter()
            .find(|f| f.id == p.flag && f.concerns_region(region))
        else {
            continue;
        };
        let you = format!("Your health profile says: {}.", p.name.to_lowercase());
        if !flag.regions.is_empty() {
            out.push(PersonalCaution {
                target: CautionTarget::Region,
                id: region.id.clone(),
                condition: p.id.to_owned(),
                why: format!("{you} {} is one of the areas this concerns.", region.name),
                flag: flag.clone(),
            });
        }
        for point in points_on.iter().chain(points_for) {
            if point.caution_for.iter().any(|c| c == p.id) {
                let name = point.code.clone().unwrap_or_else(|| {
                    point
                        .names
                        .first()
                        .cloned()
                        .unwrap_or_else(|| point.id.clone())
                });
                out.push(PersonalCaution {
                    target: CautionTarget::Point,
                    id: point.id.clone(),
                    condition: p.id.to_owned(),
                    why: format!("{you} {name} is marked for care with this condition."),
                    flag: flag.clone(),
                });
            }
        }
        for t in techniques {
            if t.caution_for.iter().any(|c| c == p.id) {
                out.push(PersonalCaution {
                    target: CautionTarget::Technique,
                    id: t.id.clone(),
                    condition: p.id.to_owned(),
                    why: format!("{you} {} is marked for care with this condition.", t.name),
                    flag: flag.clone(),
                });
            }
        }
    }
    out
}

/// Checks that `region` has `side`.
pub(crate) fn side_of(region: &Region, side: &str) -> Result<Side> {
    let side: Side = side.parse()?;
    if !region.sides().contains(&side) {
        let expected = region
            .sides()
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" or ");
        return Err(Error::SideNotApplicable {
            region: region.name.to_lowercase(),
            side: side.to_string(),
            expected,
        });
    }
    Ok(side)
}

/// Refuses a database file whose schema is newer than this build, without writing to it.
/// Returns the file's schema version (0 for a new file).
fn refuse_newer(path: &Path) -> Result<i64> {
    if !path.exists() {
        return Ok(0);
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > schema_version() {
        return Err(Error::DatabaseTooNew {
            path: path.to_owned(),
            found,
            supported: schema_version(),
        });
    }
    Ok(found)
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T> {
    serde_json::from_str(body)
        .map_err(|e| Error::Catalogue(format!("stored catalogue record is unreadable: {e}")))
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::Catalogue(format!("cannot store catalogue record: {e}")))
}

/// Replaces the catalogue tables' content with `catalogue`. User tables are not named here.
fn load_catalogue(tx: &Transaction<'_>, catalogue: &Catalogue) -> Result<()> {
    for table in [
        "search_index",
        "safety_flags",
        "timeline",
        "muscle_regions",
        "muscles",
        "technique_regions",
        "point_uses",
        "techniques",
        "points",
        "regions",
        "sources",
        "catalogue_meta",
    ] {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    for source in &catalogue.sources {
        tx.execute(
            "INSERT INTO sources (id, body) VALUES (?1, ?2)",
            params![source.id, encode(source)?],
        )?;
    }
    for (sort, region) in catalogue.regions.iter().enumerate() {
        tx.execute(
            "INSERT INTO regions (id, sided, sort, body) VALUES (?1, ?2, ?3, ?4)",
            params![region.id, region.sided, sort as i64, encode(region)?],
        )?;
    }
    for (sort, point) in catalogue.points.iter().enumerate() {
        tx.execute(
            "INSERT INTO points (id, code, located_in, sort, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                point.id,
                point.code,
                point.located_in,
                sort as i64,
                encode(point)?
            ],
        )?;
        for region in &point.used_for {
            tx.execute(
                "INSERT OR IGNORE INTO point_uses (point_id, region_id) VALUES (?1, ?2)",
                params![point.id, region],
            )?;
        }
    }
    for (sort, technique) in catalogue.techniques.iter().enumerate() {
        tx.execute(
            "INSERT INTO techniques (id, sort, body) VALUES (?1, ?2, ?3)",
            params![technique.id, sort as i64, encode(technique)?],
        )?;
        for region in &technique.regions {
            tx.execute(
                "INSERT INTO technique_regions (technique_id, region_id) VALUES (?1, ?2)",
                params![technique.id, region],
            )?;
        }
    }
    for (sort, muscle) in catalogue.muscles.iter().enumerate() {
        tx.execute(
            "INSERT INTO muscles (id, sort, body) VALUES (?1, ?2, ?3)",
            params![muscle.id, sort as i64, encode(muscle)?],
        )?;
        for region in &muscle.regions {
            tx.execute(
                "INSERT INTO muscle_regions (muscle_id, region_id) VALUES (?1, ?2)",
                params![muscle.id, region],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO timeline (id, body) VALUES (1, ?1)",
        params![encode(&catalogue.timeline)?],
    )?;
    for (sort, flag) in catalogue.flags.iter().enumerate() {
        let severity = serde_json::to_value(flag.severity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        tx.execute(
            "INSERT INTO safety_flags (id, severity, sort, body) VALUES (?1, ?2, ?3, ?4)",
            params![flag.id, severity, sort as i64, encode(flag)?],
        )?;
    }
    crate::search::index(tx, catalogue)?;
    for (key, value) in [
        ("fingerprint", &catalogue.fingerprint),
        ("version", &catalogue.version),
    ] {
        tx.execute(
            "INSERT INTO catalogue_meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
    }
    Ok(())
}

/// Writes one setting inside a transaction the caller holds.
pub(crate) fn put_setting(tx: &rusqlite::Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
