-- Paper records of hours imported by a regional front-office: the file as checked (its
-- refusals kept for the preview), then, once confirmed, each valid row imported into the
-- matching volunteer's book or held until she signs up.
CREATE TABLE imports (
    id UUID PRIMARY KEY,
    created_by UUID NOT NULL REFERENCES users (id),
    region_code TEXT REFERENCES regions (code),
    file_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('preview', 'applied', 'discarded')),
    total_rows BIGINT NOT NULL,
    valid_rows BIGINT NOT NULL,
    bad_rows BIGINT NOT NULL,
    errors TEXT NOT NULL,
    imported_rows BIGINT NOT NULL DEFAULT 0,
    held_rows BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    applied_at TIMESTAMPTZ
);
CREATE INDEX imports_region_idx ON imports (region_code, created_at);

CREATE TABLE import_rows (
    import_id UUID NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line BIGINT NOT NULL,
    iin TEXT,
    email TEXT,
    full_name TEXT NOT NULL,
    work_date DATE NOT NULL,
    minutes BIGINT NOT NULL,
    region_code TEXT NOT NULL,
    direction TEXT,
    activity_type TEXT,
    description TEXT,
    status TEXT NOT NULL CHECK (status IN ('preview', 'imported', 'held')),
    volunteer_id UUID REFERENCES users (id),
    hours_id UUID REFERENCES hours_entries (id),
    PRIMARY KEY (import_id, line)
);
CREATE INDEX import_rows_held_iin_idx ON import_rows (iin) WHERE status = 'held';
CREATE INDEX import_rows_held_email_idx ON import_rows (email) WHERE status = 'held';
