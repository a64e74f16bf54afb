-- SoreMap schema 4: reminders already sent, so each one is sent once. User data: the
-- catalogue reload never touches it. Only the last 30 days are kept (pruned whenever a new
-- key is recorded); reminder settings live in `settings` under keys named `reminders.*`.

CREATE TABLE reminders_sent (
    key     TEXT PRIMARY KEY,
    sent_at TEXT NOT NULL
) STRICT;
CREATE INDEX reminders_sent_by_time ON reminders_sent (sent_at);
