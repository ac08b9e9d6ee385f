-- Events grow their search fields; applications their attendance, consent and reminders;
-- volunteers their notification choices and calendar feed; the server its secrets.
ALTER TABLE events ADD COLUMN contact_phone TEXT;
ALTER TABLE events ADD COLUMN languages_mask BIGINT NOT NULL DEFAULT 0;
-- Start of the first coming shift: the search reads it instead of aggregating shifts.
-- Raised by adding a shift, refreshed by the scheduler once a shift has started.
ALTER TABLE events ADD COLUMN next_start TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN cancel_reason TEXT;
CREATE INDEX events_next_idx ON events (status, next_start);
CREATE INDEX events_region_next_idx ON events (status, region_code, next_start);
CREATE INDEX events_point_idx ON events (lat, lon);

-- Skills an event requires (normalized, lower case), for "suitable for me".
CREATE TABLE event_skills (
    event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    PRIMARY KEY (event_id, skill)
);

-- A minor under the consent age: the application waits for a parent's consent.
ALTER TABLE applications ADD COLUMN consent_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE applications ADD COLUMN checked_in_at TIMESTAMPTZ;
ALTER TABLE applications ADD COLUMN checked_out_at TIMESTAMPTZ;
ALTER TABLE applications ADD COLUMN consent_parent_name TEXT;
ALTER TABLE applications ADD COLUMN consent_parent_contact TEXT;
ALTER TABLE applications ADD COLUMN consent_date DATE;
ALTER TABLE applications ADD COLUMN consent_recorded_by UUID REFERENCES users (id);
ALTER TABLE applications ADD COLUMN consent_recorded_at TIMESTAMPTZ;
-- When the coordinator was reminded of this pending application, and when the volunteer
-- was reminded of the coming shift (each at most once).
ALTER TABLE applications ADD COLUMN coordinator_reminded_at TIMESTAMPTZ;
ALTER TABLE applications ADD COLUMN shift_reminded_at TIMESTAMPTZ;
CREATE INDEX applications_pending_idx ON applications (status, created_at);
CREATE INDEX applications_event_idx ON applications (event_id, status);

-- Categories of e-mail the volunteer turned off, comma-separated.
ALTER TABLE users ADD COLUMN notify_off TEXT NOT NULL DEFAULT '';
-- Secret of the volunteer's calendar feed URL; NULL when none (revoked).
ALTER TABLE users ADD COLUMN calendar_token TEXT;
CREATE UNIQUE INDEX users_calendar_token_idx ON users (calendar_token);

CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
