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
ALTER TABLE organizations ADD COLUMN logo BYTEA;
ALTER TABLE organizations ADD COLUMN logo_type TEXT;
ALTER TABLE organizations ADD COLUMN status_before_suspension TEXT;
ALTER TABLE organizations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX organizations_bin_key ON organizations (bin) WHERE bin IS NOT NULL;
CREATE INDEX organizations_status_idx ON organizations (status, region_code);
CREATE INDEX organizations_kind_idx ON organizations (kind, region_code);

-- Invitations of coordinators, by e-mail link.
CREATE TABLE invitations (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by UUID NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    accepted_by UUID REFERENCES users (id)
);
CREATE INDEX invitations_org_idx ON invitations (organization_id);

-- Verification by the front-office of the organization's region.
CREATE TABLE verification_requests (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL REFERENCES regions (code),
    status TEXT NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    requested_by UUID REFERENCES users (id),
    decided_at TIMESTAMPTZ,
    decided_by UUID REFERENCES users (id),
    reason TEXT
);
CREATE INDEX verification_requests_queue_idx ON verification_requests (region_code, status, requested_at);
CREATE INDEX verification_requests_org_idx ON verification_requests (organization_id);
-- At most one open request per organization.
CREATE UNIQUE INDEX verification_requests_open_key ON verification_requests (organization_id) WHERE status = 'open';

-- The register of volunteer activity (rules of 2024).
CREATE TABLE register_entries (
    id UUID PRIMARY KEY,
    applicant_kind TEXT NOT NULL,
    user_id UUID REFERENCES users (id),
    organization_id UUID REFERENCES organizations (id),
    public_name TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    activity_types TEXT NOT NULL,
    participants BIGINT NOT NULL,
    projects TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL,
    submitted_by UUID REFERENCES users (id),
    decided_at TIMESTAMPTZ,
    decided_by UUID REFERENCES users (id),
    reason TEXT,
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX register_entries_status_idx ON register_entries (status, region_code);

-- The audit log: append-only (the triggers refuse changes).
CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor_id UUID REFERENCES users (id),
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id UUID NOT NULL,
    organization_id UUID,
    region_code TEXT,
    changes TEXT NOT NULL DEFAULT '{}',
    reason TEXT
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
