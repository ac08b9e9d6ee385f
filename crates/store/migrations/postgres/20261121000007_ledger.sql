-- The electronic volunteer book. Hours entries carry their workflow (claimed → confirmed |
-- rejected | disputed; reversed after a correction); the ledger keeps every confirmation
-- and reversal as an append-only chain per volunteer, hashed and signed.
ALTER TABLE hours_entries ADD COLUMN event_id UUID REFERENCES events (id);
ALTER TABLE hours_entries ADD COLUMN shift_id UUID REFERENCES shifts (id);
ALTER TABLE hours_entries ADD COLUMN application_id UUID REFERENCES applications (id);
ALTER TABLE hours_entries ADD COLUMN description TEXT;
ALTER TABLE hours_entries ADD COLUMN direction TEXT;
ALTER TABLE hours_entries ADD COLUMN activity_type TEXT;
ALTER TABLE hours_entries ADD COLUMN reason TEXT;
ALTER TABLE hours_entries ADD COLUMN created_by UUID REFERENCES users (id);
ALTER TABLE hours_entries ADD COLUMN decided_by UUID REFERENCES users (id);
ALTER TABLE hours_entries ADD COLUMN decided_at TIMESTAMPTZ;
ALTER TABLE hours_entries ADD COLUMN escalated_at TIMESTAMPTZ;
-- One attendance entry per application.
CREATE UNIQUE INDEX hours_entries_application_idx ON hours_entries (application_id);
CREATE INDEX hours_entries_org_status_idx ON hours_entries (organization_id, status);

CREATE TABLE ledger_entries (
    volunteer_id UUID NOT NULL REFERENCES users (id),
    seq BIGINT NOT NULL CHECK (seq > 0),
    hours_id UUID NOT NULL REFERENCES hours_entries (id),
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'reverse')),
    minutes BIGINT NOT NULL,
    work_date DATE NOT NULL,
    organization_id UUID,
    direction TEXT,
    activity_type TEXT,
    source TEXT NOT NULL,
    reason TEXT,
    actor_id UUID,
    recorded_at TIMESTAMPTZ NOT NULL,
    prev_hash BYTEA NOT NULL,
    hash BYTEA NOT NULL,
    PRIMARY KEY (volunteer_id, seq)
);
-- An hours entry is confirmed once and reversed at most once.
CREATE UNIQUE INDEX ledger_entries_once_idx ON ledger_entries (hours_id, kind);

CREATE FUNCTION ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ledger_no_change BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- The signed head of each chain (replaced as the chain grows).
CREATE TABLE ledger_heads (
    volunteer_id UUID PRIMARY KEY REFERENCES users (id),
    seq BIGINT NOT NULL,
    hash BYTEA NOT NULL,
    key_id TEXT NOT NULL,
    signature BYTEA NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL
);

-- Certificates: the signed JSON document as issued; revocation by staff with a reason.
CREATE TABLE certificates (
    code TEXT PRIMARY KEY,
    volunteer_id UUID NOT NULL REFERENCES users (id),
    lang TEXT NOT NULL,
    document TEXT NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    revoked_by UUID REFERENCES users (id),
    revoked_reason TEXT
);
CREATE INDEX certificates_volunteer_idx ON certificates (volunteer_id, issued_at);

-- The volunteer's choice to show her book publicly (without personal data).
ALTER TABLE users ADD COLUMN public_book BOOLEAN NOT NULL DEFAULT FALSE;
