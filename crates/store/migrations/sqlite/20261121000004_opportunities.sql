-- Projects, events and shifts of an organization; applications to shifts.
CREATE TABLE projects (
    id BLOB PRIMARY KEY,
    organization_id BLOB NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title_kk TEXT,
    title_ru TEXT,
    title_en TEXT,
    goals TEXT,
    starts_on TEXT,
    ends_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX projects_org_idx ON projects (organization_id);

CREATE TABLE events (
    id BLOB PRIMARY KEY,
    organization_id BLOB NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id BLOB REFERENCES projects (id),
    title_kk TEXT,
    title_ru TEXT,
    title_en TEXT,
    description_kk TEXT,
    description_ru TEXT,
    description_en TEXT,
    direction TEXT REFERENCES directions (code),
    activity_type TEXT NOT NULL REFERENCES activity_types (code),
    region_code TEXT NOT NULL REFERENCES regions (code),
    locality TEXT,
    address TEXT,
    lat REAL,
    lon REAL,
    online BOOLEAN NOT NULL DEFAULT FALSE,
    time_zone TEXT NOT NULL DEFAULT 'Asia/Almaty',
    min_age BIGINT NOT NULL DEFAULT 0,
    hazardous BOOLEAN NOT NULL DEFAULT FALSE,
    skills TEXT NOT NULL DEFAULT '[]',
    languages TEXT NOT NULL DEFAULT '[]',
    contact_name TEXT,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX events_org_idx ON events (organization_id);
CREATE INDEX events_search_idx ON events (status, region_code);

-- Capacity is enforced by the counter's guarded update inside each transaction; the CHECK
-- is the last line: the database itself refuses an overbooked shift.
CREATE TABLE shifts (
    id BLOB PRIMARY KEY,
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    capacity BIGINT NOT NULL,
    accepted_count BIGINT NOT NULL DEFAULT 0,
    description TEXT,
    created_at TEXT NOT NULL,
    CHECK (capacity > 0),
    CHECK (ends_at > starts_at),
    CHECK (accepted_count >= 0 AND accepted_count <= capacity)
);
CREATE INDEX shifts_event_idx ON shifts (event_id, starts_at);
CREATE INDEX shifts_starts_idx ON shifts (starts_at);

CREATE TABLE applications (
    id BLOB PRIMARY KEY,
    shift_id BLOB NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    volunteer_id BLOB NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    motivation TEXT,
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by BLOB REFERENCES users (id),
    reason TEXT,
    UNIQUE (shift_id, volunteer_id)
);
CREATE INDEX applications_volunteer_idx ON applications (volunteer_id, status);
CREATE INDEX applications_shift_idx ON applications (shift_id, status, created_at);
