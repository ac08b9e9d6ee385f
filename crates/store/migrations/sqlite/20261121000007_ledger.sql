-- The electronic volunteer book. Hours entries carry their workflow (claimed → confirmed |
-- rejected | disputed; reversed after a correction); the ledger keeps every confirmation
-- and reversal as an append-only chain per volunteer, hashed and signed.
ALTER TABLE hours_entries ADD COLUMN event_id BLOB REFERENCES events (id);
ALTER TABLE hours_entries ADD COLUMN shift_id BLOB REFERENCES shifts (id);
ALTER TABLE hours_entries ADD COLUMN application_id BLOB REFERENCES applications (id);
ALTER TABLE hours_entries ADD COLUMN description TEXT;
ALTER TABLE hours_entries ADD COLUMN direction TEXT;
ALTER TABLE hours_entries ADD COLUMN activity_type TEXT;
ALTER TABLE hours_entries ADD COLUMN reason TEXT;
ALTER TABLE hours_entries ADD COLUMN created_by BLOB REFERENCES users (id);
ALTER TABLE hours_entries ADD COLUMN decided_by BLOB REFERENCES users (id);
ALTER TABLE hours_entries ADD COLUMN decided_at TEXT;
ALTER TABLE hours_entries ADD COLUMN escalated_at TEXT;
-- One attendance entry per application.
CREATE UNIQUE INDEX hours_entries_application_idx ON hours_entries (application_id);
CREATE INDEX hours_entries_org_status_idx ON hours_entries (organization_id, status);

CREATE TABLE ledger_entries (
    volunteer_id BLOB NOT NULL REFERENCES users (id),
    seq BIGINT NOT NULL CHECK (seq > 0),
    hours_id BLOB NOT NULL REFERENCES hours_entries (id),
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'reverse')),
    minutes BIGINT NOT NULL,
    work_date TEXT NOT NULL,
    organization_id BLOB,
    direction TEXT,
    activity_type TEXT,
    source TEXT NOT NULL,
    reason TEXT,
    actor_id BLOB,
    recorded_at TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (volunteer_id, seq)
);
-- An hours entry is confirmed once and reversed at most once.
CREATE UNIQUE INDEX ledger_entries_once_idx ON ledger_entries (hours_id, kind);

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only');
END;

-- The signed head of each chain (replaced as the chain grows).
CREATE TABLE ledger_heads (
    volunteer_id BLOB PRIMARY KEY REFERENCES users (id),
    seq BIGINT NOT NULL,
    hash BLOB NOT NULL,
    key_id TEXT NOT NULL,
    signature BLOB NOT NULL,
    signed_at TEXT NOT NULL
);

-- Certificates: the signed JSON document as issued; revocation by staff with a reason.
CREATE TABLE certificates (
    code TEXT PRIMARY KEY,
    volunteer_id BLOB NOT NULL REFERENCES users (id),
    lang TEXT NOT NULL,
    document TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by BLOB REFERENCES users (id),
    revoked_reason TEXT
);
CREATE INDEX certificates_volunteer_idx ON certificates (volunteer_id, issued_at);

-- The volunteer's choice to show her book publicly (without personal data).
ALTER TABLE users ADD COLUMN public_book BOOLEAN NOT NULL DEFAULT FALSE;
