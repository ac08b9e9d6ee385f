-- Reference data
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    kato TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_kk_latn TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    center_kk TEXT NOT NULL,
    center_ru TEXT NOT NULL,
    center_en TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    position BIGINT NOT NULL
);

CREATE TABLE directions (
    code TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES directions (code),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position BIGINT NOT NULL
);

CREATE TABLE activity_types (
    code TEXT PRIMARY KEY,
    law_number BIGINT NOT NULL,
    adults_only BOOLEAN NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE beneficiary_categories (
    code TEXT PRIMARY KEY,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position BIGINT NOT NULL
);

-- Accounts
CREATE TABLE users (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    email_confirmed_at TIMESTAMPTZ,
    display_name TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    patronymic TEXT,
    birth_date DATE,
    iin TEXT,
    phone TEXT,
    region_code TEXT REFERENCES regions (code),
    locality TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    skills TEXT NOT NULL DEFAULT '[]',
    directions TEXT NOT NULL DEFAULT '[]',
    availability TEXT,
    preferred_lang TEXT NOT NULL DEFAULT 'kk',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_iin_key ON users (iin) WHERE iin IS NOT NULL;
CREATE INDEX users_region_idx ON users (region_code);
CREATE INDEX users_created_idx ON users (created_at);

CREATE TABLE organizations (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    name_kk TEXT,
    name_ru TEXT,
    name_en TEXT,
    region_code TEXT NOT NULL REFERENCES regions (code),
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX organizations_region_idx ON organizations (region_code);

-- Roles with their scope: an organization for org_owner / org_coordinator,
-- a region for regional_coordinator, nothing for national_admin.
CREATE TABLE role_assignments (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    organization_id UUID REFERENCES organizations (id) ON DELETE CASCADE,
    region_code TEXT REFERENCES regions (code),
    granted_by UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);
CREATE UNIQUE INDEX role_assignments_global_key ON role_assignments (user_id, role) WHERE organization_id IS NULL AND region_code IS NULL;
CREATE UNIQUE INDEX role_assignments_org_key ON role_assignments (user_id, role, organization_id) WHERE organization_id IS NOT NULL;
CREATE UNIQUE INDEX role_assignments_region_key ON role_assignments (user_id, role, region_code) WHERE region_code IS NOT NULL;

CREATE TABLE sessions (
    id UUID PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    user_agent TEXT
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- One-time links sent by e-mail: confirm, reset a password, change the e-mail.
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    new_email TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id);

CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Every e-mail goes through here first, so none is lost.
CREATE TABLE outbox (
    id UUID PRIMARY KEY,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    delivery TEXT NOT NULL DEFAULT 'pending',
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_pending_idx ON outbox (delivery, next_attempt_at);
CREATE INDEX outbox_created_idx ON outbox (created_at);

-- The electronic volunteer book (grows with its own issue).
CREATE TABLE hours_entries (
    id UUID PRIMARY KEY,
    volunteer_id UUID NOT NULL REFERENCES users (id),
    organization_id UUID REFERENCES organizations (id),
    minutes BIGINT NOT NULL,
    work_date DATE NOT NULL,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX hours_entries_volunteer_idx ON hours_entries (volunteer_id);
CREATE INDEX hours_entries_status_idx ON hours_entries (status);
