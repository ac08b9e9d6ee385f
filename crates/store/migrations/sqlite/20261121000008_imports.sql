-- Paper records of hours imported by a regional front-office: the file as checked (its
-- refusals kept for the preview), then, once confirmed, each valid row imported into the
-- matching volunteer's book or held until she signs up.
CREATE TABLE imports (
    id BLOB PRIMARY KEY,
    created_by BLOB NOT NULL REFERENCES users (id),
    region_code TEXT REFERENCES regions (code),
    file_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('preview', 'applied', 'discarded')),
    total_rows INTEGER NOT NULL,
    valid_rows INTEGER NOT NULL,
    bad_rows INTEGER NOT NULL,
    errors TEXT NOT NULL,
    imported_rows INTEGER NOT NULL DEFAULT 0,
    held_rows INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    applied_at TEXT
);
CREATE INDEX imports_region_idx ON imports (region_code, created_at);

CREATE TABLE import_rows (
    import_id BLOB NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    iin TEXT,
    email TEXT,
    full_name TEXT NOT NULL,
    work_date TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    direction TEXT,
    activity_type TEXT,
    description TEXT,
    status TEXT NOT NULL CHECK (status IN ('preview', 'imported', 'held')),
    volunteer_id BLOB REFERENCES users (id),
    hours_id BLOB REFERENCES hours_entries (id),
    PRIMARY KEY (import_id, line)
);
CREATE INDEX import_rows_held_iin_idx ON import_rows (iin) WHERE status = 'held';
CREATE INDEX import_rows_held_email_idx ON import_rows (email) WHERE status = 'held';
