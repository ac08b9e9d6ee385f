-- Organizations: legal details, descriptions, contacts, logo; search text in lower case.
ALTER TABLE organizations ADD COLUMN bin TEXT;
ALTER TABLE organizations ADD COLUMN description_kk TEXT;
ALTER TABLE organizations ADD COLUMN description_ru TEXT;
ALTER TABLE organizations ADD COLUMN description_en TEXT;
ALTER TABLE organizations ADD COLUMN locality TEXT;
ALTER TABLE organizations ADD COLUMN directions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organizations ADD COLUMN activity_types TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organizations ADD COLUMN contact_email TEXT;
ALTER TABLE organizations ADD COLUMN contact_phone TEXT;
ALTER TABLE organizations ADD COLUMN website TEXT;
ALTER TABLE organizations ADD COLUMN logo BLOB;
ALTER TABLE organizations ADD COLUMN logo_type TEXT;
ALTER TABLE organizations ADD COLUMN status_before_suspension TEXT;
ALTER TABLE organizations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX organizations_bin_key ON organizations (bin) WHERE bin IS NOT NULL;
CREATE INDEX organizations_status_idx ON organizations (status, region_code);
CREATE INDEX organizations_kind_idx ON organizations (kind, region_code);

-- Invitations of coordinators, by e-mail link.
CREATE TABLE invitations (
    id BLOB PRIMARY KEY,
    organization_id BLOB NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BLOB NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT,
    accepted_by BLOB REFERENCES users (id)
);
CREATE INDEX invitations_org_idx ON invitations (organization_id);

-- Verification by the front-office of the organization's region.
CREATE TABLE verification_requests (
    id BLOB PRIMARY KEY,
    organization_id BLOB NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL REFERENCES regions (code),
    status TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    requested_by BLOB REFERENCES users (id),
    decided_at TEXT,
    decided_by BLOB REFERENCES users (id),
    reason TEXT
);
CREATE INDEX verification_requests_queue_idx ON verification_requests (region_code, status, requested_at);
CREATE INDEX verification_requests_org_idx ON verification_requests (organization_id);
-- At most one open request per organization.
CREATE UNIQUE INDEX verification_requests_open_key ON verification_requests (organization_id) WHERE status = 'open';

-- The register of volunteer activity (rules of 2024).
CREATE TABLE register_entries (
    id BLOB PRIMARY KEY,
    applicant_kind TEXT NOT NULL,
    user_id BLOB REFERENCES users (id),
    organization_id BLOB REFERENCES organizations (id),
    public_name TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    activity_types TEXT NOT NULL,
    participants BIGINT NOT NULL,
    projects TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    submitted_by BLOB REFERENCES users (id),
    decided_at TEXT,
    decided_by BLOB REFERENCES users (id),
    reason TEXT,
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX register_entries_status_idx ON register_entries (status, region_code);

-- The audit log: append-only (the triggers refuse changes).
CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id),
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id BLOB NOT NULL,
    organization_id BLOB,
    region_code TEXT,
    changes TEXT NOT NULL DEFAULT '{}',
    reason TEXT
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
