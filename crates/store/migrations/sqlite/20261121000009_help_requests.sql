-- Help requests: people in need (no account) ask for help; the region's front-office
-- triages; volunteers are ranked, offered, and one takes it. Name, phone, exact address and
-- point are private (the front-office of the region and the assignee only) and erased some
-- time after the request is closed, leaving the anonymous facts for statistics.
ALTER TABLE users ADD COLUMN home_lat REAL;
ALTER TABLE users ADD COLUMN home_lon REAL;
CREATE INDEX users_home_point_idx ON users (home_lat, home_lon);

CREATE TABLE help_requests (
    id BLOB PRIMARY KEY,
    status TEXT NOT NULL,
    category TEXT NOT NULL,
    help_type TEXT NOT NULL,
    description TEXT,
    region_code TEXT NOT NULL REFERENCES regions (code),
    locality TEXT,
    address TEXT,
    lat REAL,
    lon REAL,
    phone TEXT,
    name TEXT,
    lang TEXT NOT NULL,
    urgency TEXT NOT NULL,
    preferred_from TEXT,
    preferred_to TEXT,
    phone_confirmed_at TEXT,
    filed_by BLOB REFERENCES users (id),
    duplicate_of BLOB REFERENCES help_requests (id),
    reason TEXT,
    assignee_id BLOB REFERENCES users (id),
    assigned_at TEXT,
    started_at TEXT,
    completed_at TEXT,
    minutes INTEGER,
    person_confirmed_at TEXT,
    feedback TEXT,
    rating INTEGER,
    closed_at TEXT,
    erased_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX help_requests_queue_idx ON help_requests (region_code, status, created_at);
CREATE INDEX help_requests_assignee_idx ON help_requests (assignee_id, status);
CREATE INDEX help_requests_closed_idx ON help_requests (closed_at) WHERE erased_at IS NULL;

CREATE TABLE help_offers (
    request_id BLOB NOT NULL REFERENCES help_requests (id),
    volunteer_id BLOB NOT NULL REFERENCES users (id),
    offered_by BLOB REFERENCES users (id),
    offered_at TEXT NOT NULL,
    answer TEXT,
    answered_at TEXT,
    PRIMARY KEY (request_id, volunteer_id)
);
CREATE INDEX help_offers_volunteer_idx ON help_offers (volunteer_id, answer);

-- One-time codes sent by SMS (only their hashes are kept).
CREATE TABLE phone_codes (
    id BLOB PRIMARY KEY,
    phone TEXT NOT NULL,
    ip TEXT,
    code_hash TEXT NOT NULL,
    purpose TEXT NOT NULL,
    request_id BLOB REFERENCES help_requests (id),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX phone_codes_phone_idx ON phone_codes (phone, created_at);
CREATE INDEX phone_codes_request_idx ON phone_codes (request_id, purpose);

-- Emergency calls and their roll-call.
CREATE TABLE emergency_calls (
    id BLOB PRIMARY KEY,
    region_code TEXT REFERENCES regions (code),
    raised_by BLOB NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    description TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    radius_km REAL NOT NULL,
    skills TEXT NOT NULL DEFAULT '[]',
    starts_at TEXT NOT NULL,
    status TEXT NOT NULL,
    notified INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE TABLE emergency_answers (
    call_id BLOB NOT NULL REFERENCES emergency_calls (id),
    volunteer_id BLOB NOT NULL REFERENCES users (id),
    answered_at TEXT NOT NULL,
    roll TEXT,
    roll_at TEXT,
    PRIMARY KEY (call_id, volunteer_id)
);

ALTER TABLE hours_entries ADD COLUMN help_request_id BLOB REFERENCES help_requests (id);
CREATE UNIQUE INDEX hours_entries_help_request_idx ON hours_entries (help_request_id);
ALTER TABLE hours_entries ADD COLUMN region_code TEXT;

-- Messages go by e-mail or by SMS.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
