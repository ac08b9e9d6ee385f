-- Help requests: people in need (no account) ask for help; the region's front-office
-- triages; volunteers are ranked, offered, and one takes it. Name, phone, exact address and
-- point are private (the front-office of the region and the assignee only) and erased some
-- time after the request is closed, leaving the anonymous facts for statistics.
ALTER TABLE users ADD COLUMN home_lat DOUBLE PRECISION;
ALTER TABLE users ADD COLUMN home_lon DOUBLE PRECISION;
CREATE INDEX users_home_point_idx ON users (home_lat, home_lon);

CREATE TABLE help_requests (
    id UUID PRIMARY KEY,
    status TEXT NOT NULL,
    category TEXT NOT NULL,
    help_type TEXT NOT NULL,
    description TEXT,
    region_code TEXT NOT NULL REFERENCES regions (code),
    locality TEXT,
    address TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    phone TEXT,
    name TEXT,
    lang TEXT NOT NULL,
    urgency TEXT NOT NULL,
    preferred_from TIMESTAMPTZ,
    preferred_to TIMESTAMPTZ,
    phone_confirmed_at TIMESTAMPTZ,
    filed_by UUID REFERENCES users (id),
    duplicate_of UUID REFERENCES help_requests (id),
    reason TEXT,
    assignee_id UUID REFERENCES users (id),
    assigned_at TIMESTAMPTZ,
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    minutes BIGINT,
    person_confirmed_at TIMESTAMPTZ,
    feedback TEXT,
    rating BIGINT,
    closed_at TIMESTAMPTZ,
    erased_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX help_requests_queue_idx ON help_requests (region_code, status, created_at);
CREATE INDEX help_requests_assignee_idx ON help_requests (assignee_id, status);
CREATE INDEX help_requests_closed_idx ON help_requests (closed_at) WHERE erased_at IS NULL;

CREATE TABLE help_offers (
    request_id UUID NOT NULL REFERENCES help_requests (id),
    volunteer_id UUID NOT NULL REFERENCES users (id),
    offered_by UUID REFERENCES users (id),
    offered_at TIMESTAMPTZ NOT NULL,
    answer TEXT,
    answered_at TIMESTAMPTZ,
    PRIMARY KEY (request_id, volunteer_id)
);
CREATE INDEX help_offers_volunteer_idx ON help_offers (volunteer_id, answer);

-- One-time codes sent by SMS (only their hashes are kept).
CREATE TABLE phone_codes (
    id UUID PRIMARY KEY,
    phone TEXT NOT NULL,
    ip TEXT,
    code_hash TEXT NOT NULL,
    purpose TEXT NOT NULL,
    request_id UUID REFERENCES help_requests (id),
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX phone_codes_phone_idx ON phone_codes (phone, created_at);
CREATE INDEX phone_codes_request_idx ON phone_codes (request_id, purpose);

-- Emergency calls and their roll-call.
CREATE TABLE emergency_calls (
    id UUID PRIMARY KEY,
    region_code TEXT REFERENCES regions (code),
    raised_by UUID NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    description TEXT,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    radius_km DOUBLE PRECISION NOT NULL,
    skills TEXT NOT NULL DEFAULT '[]',
    starts_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL,
    notified BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ
);
CREATE TABLE emergency_answers (
    call_id UUID NOT NULL REFERENCES emergency_calls (id),
    volunteer_id UUID NOT NULL REFERENCES users (id),
    answered_at TIMESTAMPTZ NOT NULL,
    roll TEXT,
    roll_at TIMESTAMPTZ,
    PRIMARY KEY (call_id, volunteer_id)
);

ALTER TABLE hours_entries ADD COLUMN help_request_id UUID REFERENCES help_requests (id);
CREATE UNIQUE INDEX hours_entries_help_request_idx ON hours_entries (help_request_id);
ALTER TABLE hours_entries ADD COLUMN region_code TEXT;

-- Messages go by e-mail or by SMS.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
