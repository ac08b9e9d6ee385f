-- Charitable activity: collections by verified organizations, registered by the region's
-- front-office; donations in money and in kind; expenses approved by a second member.
-- Every recorded donation, expense and reversal is a money entry, a leaf of the same
-- transparency log as the volunteer book's entries (its leaf_index from ledger_log).
CREATE TABLE collections (
    id BLOB PRIMARY KEY,
    organization_id BLOB NOT NULL REFERENCES organizations (id),
    region_code TEXT NOT NULL REFERENCES regions (code),
    status TEXT NOT NULL,
    purpose_kk TEXT,
    purpose_ru TEXT,
    purpose_en TEXT,
    beneficiary_category TEXT NOT NULL,
    target_tiyn BIGINT NOT NULL CHECK (target_tiyn > 0),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL CHECK (ends_on >= starts_on),
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
    reported_at TEXT,
    created_by BLOB NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX collections_directory_idx ON collections (status, region_code, beneficiary_category);
CREATE INDEX collections_org_idx ON collections (organization_id, created_at);

CREATE TABLE collection_boxes (
    collection_id BLOB NOT NULL REFERENCES collections (id),
    number INTEGER NOT NULL CHECK (number > 0),
    location TEXT NOT NULL,
    PRIMARY KEY (collection_id, number)
);

CREATE TABLE donations (
    id BLOB PRIMARY KEY,
    collection_id BLOB NOT NULL REFERENCES collections (id),
    in_kind BOOLEAN NOT NULL DEFAULT FALSE,
    -- Money: the amount; in kind: the optional estimated value.
    amount_tiyn BIGINT CHECK (amount_tiyn > 0),
    channel TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    donor_user_id BLOB REFERENCES users (id),
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
    reversed_at TEXT,
    reversed_reason TEXT,
    recorded_by BLOB REFERENCES users (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX donations_collection_idx ON donations (collection_id, recorded_at);
CREATE INDEX donations_donor_idx ON donations (donor_user_id, recorded_at) WHERE donor_user_id IS NOT NULL;

CREATE TABLE expenses (
    id BLOB PRIMARY KEY,
    collection_id BLOB NOT NULL REFERENCES collections (id),
    status TEXT NOT NULL,
    amount_tiyn BIGINT NOT NULL CHECK (amount_tiyn > 0),
    category TEXT NOT NULL,
    -- Goods handed out (their value) rather than money.
    in_kind BOOLEAN NOT NULL DEFAULT FALSE,
    purpose TEXT NOT NULL,
    payee_organization TEXT,
    beneficiaries INTEGER CHECK (beneficiaries > 0),
    spent_on TEXT NOT NULL,
    receipt BLOB NOT NULL,
    receipt_type TEXT NOT NULL,
    submitted_by BLOB NOT NULL REFERENCES users (id),
    submitted_at TEXT NOT NULL,
    decided_by BLOB REFERENCES users (id),
    decided_at TEXT,
    reason TEXT,
    CHECK (decided_by IS NULL OR decided_by <> submitted_by)
);
CREATE INDEX expenses_collection_idx ON expenses (collection_id, status, submitted_at);

-- The money trail: append-only, one entry per recorded donation, approved expense and
-- reversal; no personal data.
CREATE TABLE money_entries (
    id BLOB PRIMARY KEY,
    collection_id BLOB NOT NULL REFERENCES collections (id),
    organization_id BLOB NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('donation', 'expense', 'reversal')),
    amount BIGINT NOT NULL,
    channel TEXT NOT NULL,
    in_kind BOOLEAN NOT NULL,
    occurred_on TEXT NOT NULL,
    reverses BLOB UNIQUE,
    recorded_at TEXT NOT NULL,
    hash BLOB NOT NULL,
    leaf_index BIGINT NOT NULL UNIQUE
);
CREATE INDEX money_entries_collection_idx ON money_entries (collection_id, leaf_index);

CREATE TRIGGER money_no_update BEFORE UPDATE ON money_entries
BEGIN
    SELECT RAISE(ABORT, 'the money trail is append-only');
END;
CREATE TRIGGER money_no_delete BEFORE DELETE ON money_entries
BEGIN
    SELECT RAISE(ABORT, 'the money trail is append-only');
END;

-- Payment providers' notifications already handled (by the provider's event id).
CREATE TABLE payment_events (
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    donation_id BLOB,
    received_at TEXT NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- Bank statement rows that matched no collection, kept for manual assignment.
CREATE TABLE statement_rows (
    organization_id BLOB NOT NULL REFERENCES organizations (id),
    transaction_id TEXT NOT NULL,
    amount_tiyn BIGINT NOT NULL,
    occurred_on TEXT NOT NULL,
    payer TEXT,
    details TEXT,
    donation_id BLOB,
    imported_by BLOB NOT NULL REFERENCES users (id),
    imported_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, transaction_id)
);

-- Concerns about a collection, in its region's front-office queue.
CREATE TABLE collection_concerns (
    id BLOB PRIMARY KEY,
    collection_id BLOB NOT NULL REFERENCES collections (id),
    text TEXT NOT NULL,
    contact TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_by BLOB REFERENCES users (id),
    closed_at TEXT
);
CREATE INDEX collection_concerns_queue_idx ON collection_concerns (status, created_at);
