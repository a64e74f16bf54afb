//! Reminders on the DOMS clock: a daily "time to log" nudge and check-ins 24, 48 and 72 hours
//! after a logged workout, when delayed soreness usually rises, peaks and starts to ease.
//!
//! This module only decides *what is due*; it never shows a notification and never reads the
//! clock: the caller passes `now` (local wall-clock time), so every rule is tested on real
//! databases with a fixed clock. The shell asks `due_reminders`, shows what comes back and
//! records each key with `mark_reminder_sent`, so each reminder is sent once.
//!
//! Reminders must never become a nag: a moment that passed while SoreMap was closed is
//! dropped, not sent late as part of a backlog; several areas of one workout make one
//! reminder; an area is asked about at most once a day; anything already logged that day
//! silences it; and one call never returns more than `MAX_PER_CALL`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::{short, Error, Result};
use crate::model::{roll_up, Region, Side, Tissue};
use crate::validate::{format_time, stored};

/// The daily reminder's time of day until the person chooses one.
pub const DEFAULT_DAILY_TIME: &str = "20:00";
/// Hours after a workout at which a check-in is due. Delayed soreness builds over the first
/// day, is greatest between 24 and 72 hours (often 48–72) and then fades (Cheung, Hume &
/// Maxwell 2003; Hotfiel et al. 2018; the `peak` phase of `data/timeline.toml`).
pub const CHECKIN_HOURS: [i64; 3] = [24, 48, 72];
/// How long a check-in stays due after its moment. Later it is stale and is never sent: a
/// person who opens SoreMap two days after a workout hears about the moment at hand, not
/// about the ones that passed.
pub const CHECKIN_DUE_FOR_HOURS: i64 = 6;
/// Only workouts this recent get check-ins.
pub const CHECKIN_LOOKBACK_DAYS: i64 = 4;
/// A check-in moment from this hour until `NIGHT_END_HOUR` falls at night…
pub const NIGHT_START_HOUR: u32 = 22;
/// …and is moved to this hour the next morning (keeping its key).
pub const NIGHT_END_HOUR: u32 = 8;
/// The most reminders one call returns, so the person never gets a burst of notifications.
pub const MAX_PER_CALL: usize = 3;
/// Sent keys older than this many days are pruned; nothing older can be due again.
pub const SENT_KEEP_DAYS: i64 = 30;
/// The longest reminder key accepted.
const MAX_KEY_LEN: usize = 300;
/// The most areas a check-in's title names before it says "and N other areas".
const MAX_NAMED: usize = 3;
/// The longest activity name quoted in a check-in's body, in characters.
const MAX_ACTIVITY_QUOTED: usize = 40;

const KEY_DAILY: &str = "reminders.daily";
const KEY_DAILY_TIME: &str = "reminders.daily_time";
const KEY_CHECKINS: &str = "reminders.checkins";
const KEY_TRAY: &str = "reminders.tray";
const KEY_AUTOSTART: &str = "reminders.autostart";

/// What the person chose about reminders and running in the background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReminderSettings {
    /// A daily "time to log" reminder.
    pub daily: bool,
    /// When the daily reminder is due, local "HH:MM" (24-hour clock).
    pub daily_time: String,
    /// Check-ins 24, 48 and 72 hours after a logged workout.
    pub checkins: bool,
    /// Keep running in the tray when the window is closed.
    pub tray: bool,
    /// Start at login.
    pub autostart: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            daily: false,
            daily_time: DEFAULT_DAILY_TIME.to_owned(),
            checkins: false,
            tray: false,
            autostart: false,
        }
    }
}

/// Which rule a reminder comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReminderKind {
    Daily,
    Checkin,
}

/// A reminder that is due now and was not sent yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reminder {
    /// Stable id, passed back to `mark_reminder_sent` so the reminder is sent once:
    /// `daily:2026-11-22`, `checkin:<workout id>:quadriceps:left:48` (the region-side it
    /// opens on and the hours after the workout). Once a check-in for a workout's moment was
    /// sent, that moment is done, whichever areas it named.
    pub key: String,
    pub kind: ReminderKind,
    pub title: String,
    pub body: String,
    /// For a check-in: the (coarse) region to open the log form on.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// Local "YYYY-MM-DDTHH:MM:SS" when it became due.
    pub due: String,
}

impl Database {
    /// The reminder settings; defaults (all off, daily at 20:00) for what was never set.
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        let on = |key: &str| -> Result<bool> { Ok(self.setting(key)?.as_deref() == Some("on")) };
        // A stored time that is not one (an old or edited file) falls back to the default
        // rather than silencing the reminder or failing the settings view.
        let daily_time = self
            .setting(KEY_DAILY_TIME)?
            .and_then(|t| time_of_day(&t).ok())
            .unwrap_or_else(|| DEFAULT_DAILY_TIME.to_owned());
        Ok(ReminderSettings {
            daily: on(KEY_DAILY)?,
            daily_time,
            checkins: on(KEY_CHECKINS)?,
            tray: on(KEY_TRAY)?,
            autostart: on(KEY_AUTOSTART)?,
        })
    }

    /// Saves all reminder settings in one transaction, after checking the daily time; a bad
    /// time writes nothing.
    pub fn set_reminder_settings(&mut self, input: &ReminderSettings) -> Result<ReminderSettings> {
        let daily_time = time_of_day(&input.daily_time)?;
        let flag = |on: bool| if on { "on" } else { "off" };
        self.write(|tx| {
            put(tx, KEY_DAILY, flag(input.daily))?;
            put(tx, KEY_DAILY_TIME, &daily_time)?;
            put(tx, KEY_CHECKINS, flag(input.checkins))?;
            put(tx, KEY_TRAY, flag(input.tray))?;
            put(tx, KEY_AUTOSTART, flag(input.autostart))
        })?;
        self.reminder_settings()
    }

    /// The reminders due at `now` (local time) and not sent yet, most recent first, at most
    /// `MAX_PER_CALL`.
    pub fn due_reminders(&self, now: NaiveDateTime) -> Result<Vec<Reminder>> {
        let settings = self.reminder_settings()?;
        if !settings.daily && !settings.checkins {
            return Ok(Vec::new());
        }
        let regions = self.regions()?;
        let sent = self.sent_reminders()?;
        let logged = Logged::read(self, &regions, now)?;
        let mut due = Vec::new();
        if settings.daily {
            due.extend(daily(&settings.daily_time, now, &logged, &sent));
        }
        if settings.checkins {
            due.extend(self.checkins(&regions, now, &logged, &sent)?);
        }
        due.sort_by(|a, b| b.due.cmp(&a.due).then_with(|| a.key.cmp(&b.key)));
        due.truncate(MAX_PER_CALL);
        Ok(due)
    }

    /// Records that the reminder `key` was sent at `now`; recording it again changes nothing.
    /// Keys sent more than `SENT_KEEP_DAYS` days ago are pruned in the same transaction.
    pub fn mark_reminder_sent(&mut self, key: &str, now: NaiveDateTime) -> Result<()> {
        if key.len() > MAX_KEY_LEN || !(key.starts_with("daily:") || key.starts_with("checkin:")) {
            return Err(Error::invalid(
                "reminder",
                format!("{:?} is not a reminder key.", short(key)),
            ));
        }
        let cutoff = format_time(now - Duration::days(SENT_KEEP_DAYS));
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO reminders_sent (key, sent_at) VALUES (?1, ?2)",
                params![key, format_time(now)],
            )?;
            tx.execute("DELETE FROM reminders_sent WHERE sent_at < ?1", [cutoff])?;
            Ok(())
        })
    }

    /// Every recorded key with when it was sent.
    fn sent_reminders(&self) -> Result<Sent> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, sent_at FROM reminders_sent")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut sent = Sent::default();
        for row in rows {
            let (key, at) = row?;
            if let Some((workout, hours)) = checkin_moment(&key) {
                sent.moments.insert((workout.to_owned(), hours));
                if let Ok(at) = stored(&at) {
                    sent.checkins_on
                        .entry(workout.to_owned())
                        .or_default()
                        .push(at.date());
                }
            }
            sent.keys.insert(key);
        }
        Ok(sent)
    }

    /// The check-ins due at `now`, one per workout and moment.
    fn checkins(
        &self,
        regions: &[Region],
        now: NaiveDateTime,
        logged: &Logged,
        sent: &Sent,
    ) -> Result<Vec<Reminder>> {
        let order: HashMap<&str, usize> = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let from = format_time(now - Duration::days(CHECKIN_LOOKBACK_DAYS));
        let to = format_time(now + Duration::seconds(1));
        let mut workouts = self.workouts_between(&from, &to)?;
        // The most recent workout first: an area two workouts are due to ask about is asked
        // about for the latest one.
        workouts.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));

        // Each workout's areas, rolled up to coarse region-sides, muscles only, in map order.
        let areas: Vec<Vec<(&Region, Side)>> = workouts
            .iter()
            .map(|w| {
                let mut list: Vec<(&Region, Side)> = w
                    .regions
                    .iter()
                    .filter_map(|rs| roll_up(regions, &rs.region, rs.side))
                    .filter(|(r, _)| r.tissue == Tissue::Muscle)
                    .collect();
                list.sort_by_key(|(r, s)| (order.get(r.id.as_str()).copied(), *s));
                list.dedup_by(|a, b| a.0.id == b.0.id && a.1 == b.1);
                list
            })
            .collect();

        // Areas a check-in sent today already asked about.
        let mut asked: HashSet<(String, Side)> = HashSet::new();
        for (w, list) in workouts.iter().zip(&areas) {
            let today = sent
                .checkins_on
                .get(&w.id)
                .is_some_and(|days| days.contains(&now.date()));
            if today {
                asked.extend(list.iter().map(|(r, s)| (r.id.clone(), *s)));
            }
        }

        let mut out = Vec::new();
        for (w, list) in workouts.iter().zip(&areas) {
            let Ok(at) = stored(&w.at) else { continue };
            for hours in CHECKIN_HOURS {
                let moment = at + Duration::hours(hours);
                let due = out_of_night(moment);
                if now < due || now >= due + Duration::hours(CHECKIN_DUE_FOR_HOURS) {
                    continue;
                }
                if sent.moments.contains(&(w.id.clone(), hours)) {
                    continue;
                }
                // Logged on the day it is due counts; so does anything logged since the moment
                // itself when the night moved it to the next morning.
                let since = moment.min(due.date().and_time(NaiveTime::MIN));
                let until = day_after(due.date());
                let open: Vec<(&Region, Side)> = list
                    .iter()
                    .filter(|(r, s)| !logged.any(&r.id, *s, since, until))
                    .filter(|(r, s)| asked.insert((r.id.clone(), *s)))
                    .copied()
                    .collect();
                if let Some(&(first, side)) = open.first() {
                    out.push(Reminder {
                        key: format!("checkin:{}:{}:{}:{hours}", w.id, first.id, side),
                        kind: ReminderKind::Checkin,
                        title: checkin_title(&open),
                        body: checkin_body(hours, at.date(), due.date(), &w.activity),
                        region: Some(first.id.clone()),
                        side: Some(side),
                        due: format_time(due),
                    });
                }
            }
        }
        Ok(out)
    }
}

/// What was already sent.
#[derive(Default)]
struct Sent {
    keys: HashSet<String>,
    /// (workout id, hours) of every check-in sent: once one was, that moment is done, whichever
    /// areas it named.
    moments: HashSet<(String, i64)>,
    /// The days on which a check-in for each workout was sent.
    checkins_on: HashMap<String, Vec<NaiveDate>>,
}

/// The workout id and hours of a check-in key (`checkin:<workout>:<region>:<side>:<hours>`).
fn checkin_moment(key: &str) -> Option<(&str, i64)> {
    let mut parts = key.split(':');
    if parts.next() != Some("checkin") {
        return None;
    }
    let workout = parts.next()?;
    let hours = parts.next_back()?.parse().ok()?;
    Some((workout, hours))
}

/// Soreness logged around now, as coarse region-sides with the times of their entries.
struct Logged {
    by_area: BTreeMap<(String, Side), Vec<NaiveDateTime>>,
    times: Vec<NaiveDateTime>,
}

impl Logged {
    /// Live entries from before the oldest check-in window to the end of tomorrow (times a
    /// few minutes ahead of the clock are allowed), rolled up to their coarse region-sides.
    fn read(db: &Database, regions: &[Region], now: NaiveDateTime) -> Result<Logged> {
        let from = format_time(now - Duration::days(CHECKIN_LOOKBACK_DAYS + 1));
        let to = format_time(day_after(day_after(now.date()).date()));
        let mut stmt = db.conn.prepare_cached(
            "SELECT region_id, side, at FROM soreness_entries
             WHERE deleted_at IS NULL AND at >= ?1 AND at < ?2",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Side>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut logged = Logged {
            by_area: BTreeMap::new(),
            times: Vec::new(),
        };
        for row in rows {
            let (region, side, at) = row?;
            let Ok(at) = stored(&at) else { continue };
            logged.times.push(at);
            if let Some((coarse, side)) = roll_up(regions, &region, side) {
                logged
                    .by_area
                    .entry((coarse.id.clone(), side))
                    .or_default()
                    .push(at);
            }
        }
        Ok(logged)
    }

    /// Whether anything at all was logged from `from` (inclusive) to `to` (exclusive).
    fn anything(&self, from: NaiveDateTime, to: NaiveDateTime) -> bool {
        self.times.iter().any(|t| (from..to).contains(t))
    }

    /// Whether the coarse region-side, or any of its muscles, was logged in `from..to`.
    fn any(&self, region: &str, side: Side, from: NaiveDateTime, to: NaiveDateTime) -> bool {
        self.by_area
            .get(&(region.to_owned(), side))
            .is_some_and(|times| times.iter().any(|t| (from..to).contains(t)))
    }
}

/// The daily reminder, when due: from the chosen time until midnight, unless something was
/// logged today or it was sent today already.
fn daily(time: &str, now: NaiveDateTime, logged: &Logged, sent: &Sent) -> Option<Reminder> {
    let today = now.date();
    let at = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    let due = today.and_time(at);
    let key = format!("daily:{today}");
    if now < due || sent.keys.contains(&key) {
        return None;
    }
    if logged.anything(today.and_time(NaiveTime::MIN), day_after(today)) {
        return None;
    }
    Some(Reminder {
        key,
        kind: ReminderKind::Daily,
        title: "Time to log your soreness".to_owned(),
        body: "Nothing logged yet today. A quick entry each day shows how your soreness rises \
               and fades."
            .to_owned(),
        region: None,
        side: None,
        due: format_time(due),
    })
}

/// A check-in moment that falls at night moves to the next morning.
fn out_of_night(moment: NaiveDateTime) -> NaiveDateTime {
    let morning = NaiveTime::from_hms_opt(NIGHT_END_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    if moment.hour() >= NIGHT_START_HOUR {
        day_after(moment.date()).date().and_time(morning)
    } else if moment.hour() < NIGHT_END_HOUR {
        moment.date().and_time(morning)
    } else {
        moment
    }
}

/// Midnight at the start of the day after `date`.
fn day_after(date: NaiveDate) -> NaiveDateTime {
    date.succ_opt().unwrap_or(date).and_time(NaiveTime::MIN)
}

/// "How are your quads and hamstrings today?", "How is your left calf today?"
fn checkin_title(areas: &[(&Region, Side)]) -> String {
    // Both sides of one region are named once, in the plural ("calves").
    let mut names: Vec<(String, bool)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (region, side) in areas {
        if seen.contains(&region.id.as_str()) {
            continue;
        }
        seen.push(&region.id);
        let both = region.sided
            && areas
                .iter()
                .filter(|(r, _)| r.id == region.id)
                .map(|(_, s)| *s)
                .collect::<HashSet<_>>()
                .len()
                == 2;
        names.push(area_name(region, *side, both));
    }
    let plural = names.len() > 1 || names.first().is_some_and(|(_, plural)| *plural);
    let mut names: Vec<String> = names.into_iter().map(|(name, _)| name).collect();
    if names.len() > MAX_NAMED {
        let more = names.len() - (MAX_NAMED - 1);
        names.truncate(MAX_NAMED - 1);
        names.push(format!("{more} other areas"));
    }
    let list = match names.as_slice() {
        [] => "muscles".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!(
        "How {} your {list} today?",
        if plural { "are" } else { "is" }
    )
}

/// What check-ins call the coarse muscle regions: (region, one side, both sides, whether the
/// one-side name is plural). A region missing here is called by its catalogue name.
const AREA_NAMES: &[(&str, &str, &str, bool)] = &[
    ("neck", "neck", "neck", false),
    ("upper-trapezius", "upper trap", "upper traps", false),
    ("front-shoulder", "front shoulder", "front shoulders", false),
    ("rear-shoulder", "rear shoulder", "rear shoulders", false),
    ("chest", "chest", "chest", false),
    ("biceps", "biceps", "biceps", true),
    ("triceps", "triceps", "triceps", true),
    ("forearm", "forearm", "forearms", false),
    ("abdomen", "abs", "abs", true),
    ("obliques", "obliques", "obliques", true),
    ("upper-back", "upper back", "upper back", false),
    ("lats", "lats", "lats", true),
    ("mid-back", "mid back", "mid back", false),
    ("lower-back", "lower back", "lower back", false),
    ("glutes", "glute", "glutes", false),
    ("outer-hip", "outer hip", "outer hips", false),
    ("adductors", "inner thigh", "inner thighs", false),
    ("quadriceps", "quad", "quads", false),
    ("hamstrings", "hamstring", "hamstrings", false),
    ("shin", "shin", "shins", false),
    ("calf", "calf", "calves", false),
    ("sole", "sole", "soles", false),
];

/// How a region-side is called in a check-in ("left calf", "calves" for `both` sides), and
/// whether that name is plural.
fn area_name(region: &Region, side: Side, both: bool) -> (String, bool) {
    let name = region.name.to_lowercase();
    let (one, two, one_plural) = AREA_NAMES
        .iter()
        .find(|(id, ..)| *id == region.id)
        .map(|&(_, one, two, plural)| (one, two, plural))
        .unwrap_or((&name, &name, false));
    match (both, side) {
        (true, _) => (two.to_owned(), two != one || one_plural),
        (false, Side::Center) => (one.to_owned(), one_plural),
        (false, _) => (format!("{side} {one}"), one_plural),
    }
}

/// What the DOMS timeline says about each check-in moment. The moment may have moved out of
/// the night, so the body counts days, not exact hours.
fn checkin_body(hours: i64, workout: NaiveDate, due: NaiveDate, activity: &str) -> String {
    let when = match (due - workout).num_days() {
        1 => format!("yesterday's {}", quoted(activity)),
        _ => format!("{}'s {}", weekday(workout.weekday()), quoted(activity)),
    };
    match hours {
        24 => format!(
            "A day after {when}: delayed soreness usually builds about now and is often worst \
             over the next day or two. Log how it feels in SoreMap."
        ),
        48 => format!("Two days after {when}: soreness often peaks about now. Log it in SoreMap."),
        _ => format!(
            "Three days after {when}: soreness is usually past its peak and easing from here. \
             Log how it feels in SoreMap."
        ),
    }
}

/// The activity as the person typed it, its first letter lowered when it is an ordinary
/// capital ("Running" → "running", "HIIT" stays), and cut short.
fn quoted(activity: &str) -> String {
    let activity = activity.trim();
    let mut chars = activity.chars();
    let first_word: String = activity.chars().take_while(|c| c.is_alphabetic()).collect();
    let ordinary_capital =
        first_word.chars().count() > 1 && first_word.chars().skip(1).all(char::is_lowercase);
    let mut text = match chars.next() {
        Some(first) if ordinary_capital => first.to_lowercase().chain(chars).collect(),
        _ => activity.to_owned(),
    };
    if text.chars().count() > MAX_ACTIVITY_QUOTED {
        text = text
            .chars()
            .take(MAX_ACTIVITY_QUOTED - 1)
            .collect::<String>()
            + "…";
    }
    text
}

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A daily reminder time as "HH:MM", 24-hour clock.
fn time_of_day(text: &str) -> Result<String> {
    let trimmed = text.trim();
    let bad = |why: &str| {
        Error::invalid(
            "daily reminder time",
            format!("{why} use HH:MM on the 24-hour clock, e.g. {DEFAULT_DAILY_TIME}."),
        )
    };
    if trimmed.is_empty() {
        return Err(bad("no time was given;"));
    }
    let parsed = match trimmed.as_bytes() {
        [h1, h2, b':', m1, m2] if [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()) => {
            NaiveTime::parse_from_str(trimmed, "%H:%M").ok()
        }
        _ => None,
    };
    match parsed {
        Some(t) => Ok(t.format("%H:%M").to_string()),
        None => Err(bad(&format!("{:?} is not a time of day;", short(trimmed)))),
    }
}

fn put(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    crate::db::put_setting(tx, key, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day() {
        assert_eq!(time_of_day("07:05").unwrap(), "07:05");
        assert_eq!(time_of_day(" 23:59 ").unwrap(), "23:59");
        for bad in ["25:00", "8pm", "", "7:00", "12:60", "12:00:00", "１２:００"] {
            assert!(time_of_day(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn activities_are_quoted_gently() {
        assert_eq!(quoted("Running"), "running");
        assert_eq!(quoted("HIIT"), "HIIT");
        assert_eq!(quoted("leg day"), "leg day");
        assert_eq!(
            quoted(&"a".repeat(100)).chars().count(),
            MAX_ACTIVITY_QUOTED
        );
    }

    #[test]
    fn every_coarse_muscle_region_has_a_check_in_name() {
        let catalogue = crate::catalogue::Catalogue::embedded().unwrap();
        for region in catalogue
            .regions
            .iter()
            .filter(|r| r.is_coarse() && r.tissue == Tissue::Muscle)
        {
            assert!(
                AREA_NAMES.iter().any(|(id, ..)| *id == region.id),
                "{} has no check-in name",
                region.id
            );
        }
    }
}
