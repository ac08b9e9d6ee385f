-- Charitable activity: collections by verified organizations, registered by the region's
-- front-office; donations in money and in kind; expenses approved by a second member.
-- Every recorded donation, expense and reversal is a money entry, a leaf of the same
-- transparency log as the volunteer book's entries (its leaf_index from ledger_log).
CREATE TABLE collections (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL REFERENCES regions (code),
    status TEXT NOT NULL,
    purpose_kk TEXT,
    purpose_ru TEXT,
    purpose_en TEXT,
    beneficiary_category TEXT NOT NULL,
    target_tiyn BIGINT NOT NULL CHECK (target_tiyn > 0),
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL CHECK (ends_on >= starts_on),
    iban TEXT NOT NULL,
    bank TEXT NOT NULL,
    holder_bin TEXT NOT NULL,
    registration_number TEXT,
    status_reason TEXT,
    -- Sums of the collection's money entries, kept in the transaction that appends them.
    raised_tiyn BIGINT NOT NULL DEFAULT 0,
    spent_tiyn BIGINT NOT NULL DEFAULT 0,
    donations BIGINT NOT NULL DEFAULT 0,
    report TEXT,
    reported_at TIMESTAMPTZ,
    created_by UUID NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX collections_directory_idx ON collections (status, region_code, beneficiary_category);
CREATE INDEX collections_org_idx ON collections (organization_id, created_at);

CREATE TABLE collection_boxes (
    collection_id UUID NOT NULL REFERENCES collections (id),
    number INTEGER NOT NULL CHECK (number > 0),
    location TEXT NOT NULL,
    PRIMARY KEY (collection_id, number)
);

CREATE TABLE donations (
    id UUID PRIMARY KEY,
    collection_id UUID NOT NULL REFERENCES collections (id),
    in_kind BOOLEAN NOT NULL DEFAULT FALSE,
    -- Money: the amount; in kind: the optional estimated value.
    amount_tiyn BIGINT CHECK (amount_tiyn > 0),
    channel TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    donor_user_id UUID REFERENCES users (id),
    donor_name TEXT,
    donor_email TEXT,
    -- NULL: shown as anonymous.
    public_name TEXT,
    -- The bank's transaction id, the provider's payment id or the bank document number,
    -- prefixed by where it came from: the same money is never recorded twice.
    external_key TEXT UNIQUE,
    items TEXT,
    quantity TEXT,
    unit TEXT,
    condition TEXT,
    box_number INTEGER,
    act TEXT,
    receipt_code TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL,
    reversed_at TIMESTAMPTZ,
    reversed_reason TEXT,
    recorded_by UUID REFERENCES users (id),
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX donations_collection_idx ON donations (collection_id, recorded_at);
CREATE INDEX donations_donor_idx ON donations (donor_user_id, recorded_at) WHERE donor_user_id IS NOT NULL;

CREATE TABLE expenses (
    id UUID PRIMARY KEY,
    collection_id UUID NOT NULL REFERENCES collections (id),
    status TEXT NOT NULL,
    amount_tiyn BIGINT NOT NULL CHECK (amount_tiyn > 0),
    category TEXT NOT NULL,
    -- Goods handed out (their value) rather than money.
    in_kind BOOLEAN NOT NULL DEFAULT FALSE,
    purpose TEXT NOT NULL,
    payee_organization TEXT,
    beneficiaries INTEGER CHECK (beneficiaries > 0),
    spent_on DATE NOT NULL,
    receipt BYTEA NOT NULL,
    receipt_type TEXT NOT NULL,
    submitted_by UUID NOT NULL REFERENCES users (id),
    submitted_at TIMESTAMPTZ NOT NULL,
    decided_by UUID REFERENCES users (id),
    decided_at TIMESTAMPTZ,
    reason TEXT,
    CHECK (decided_by IS NULL OR decided_by <> submitted_by)
);
CREATE INDEX expenses_collection_idx ON expenses (collection_id, status, submitted_at);

-- The money trail: append-only, one entry per recorded donation, approved expense and
-- reversal; no personal data.
CREATE TABLE money_entries (
    id UUID PRIMARY KEY,
    collection_id UUID NOT NULL REFERENCES collections (id),
    organization_id UUID NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('donation', 'expense', 'reversal')),
    amount BIGINT NOT NULL,
    channel TEXT NOT NULL,
    in_kind BOOLEAN NOT NULL,
    occurred_on DATE NOT NULL,
    reverses UUID UNIQUE,
    recorded_at TIMESTAMPTZ NOT NULL,
    hash BYTEA NOT NULL,
    leaf_index BIGINT NOT NULL UNIQUE
);
CREATE INDEX money_entries_collection_idx ON money_entries (collection_id, leaf_index);

CREATE FUNCTION money_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the money trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER money_no_change BEFORE UPDATE OR DELETE ON money_entries
    FOR EACH ROW EXECUTE FUNCTION money_append_only();

-- Payment providers' notifications already handled (by the provider's event id).
CREATE TABLE payment_events (
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    donation_id UUID,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- Bank statement rows that matched no collection, kept for manual assignment.
CREATE TABLE statement_rows (
    organization_id UUID NOT NULL REFERENCES organizations (id),
    transaction_id TEXT NOT NULL,
    amount_tiyn BIGINT NOT NULL,
    occurred_on DATE NOT NULL,
    payer TEXT,
    details TEXT,
    donation_id UUID,
    imported_by UUID NOT NULL REFERENCES users (id),
    imported_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, transaction_id)
);

-- Concerns about a collection, in its region's front-office queue.
CREATE TABLE collection_concerns (
    id UUID PRIMARY KEY,
    collection_id UUID NOT NULL REFERENCES collections (id),
    text TEXT NOT NULL,
    contact TEXT,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    closed_by UUID REFERENCES users (id),
    closed_at TIMESTAMPTZ
);
CREATE INDEX collection_concerns_queue_idx ON collection_concerns (status, created_at);
