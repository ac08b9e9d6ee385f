-- Bank statements of an organization's account, uploaded by its treasurer: the file as
-- sent (read again with another column mapping until it is recorded), the mapping, what
-- reading it found, and what recording it did.
CREATE TABLE statements (
    id BLOB PRIMARY KEY,
    organization_id BLOB NOT NULL REFERENCES organizations (id),
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    encoding TEXT NOT NULL,
    -- JSON: the header line and the column of each field.
    mapping TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('preview', 'applying', 'applied', 'discarded')),
    total_rows BIGINT NOT NULL DEFAULT 0,
    credit_rows BIGINT NOT NULL DEFAULT 0,
    debit_rows BIGINT NOT NULL DEFAULT 0,
    bad_rows BIGINT NOT NULL DEFAULT 0,
    -- JSON: the refusals (line, column, code).
    errors TEXT NOT NULL,
    recorded_rows BIGINT NOT NULL DEFAULT 0,
    duplicate_rows BIGINT NOT NULL DEFAULT 0,
    unmatched_rows BIGINT NOT NULL DEFAULT 0,
    created_by BLOB NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    applied_at TEXT
);
CREATE INDEX statements_org_idx ON statements (organization_id, created_at);

-- Every transfer a statement brought in, by the bank's transaction id: with its donation
-- once recorded, without one while it waits for the treasurer to assign it.
ALTER TABLE statement_rows ADD COLUMN statement_id BLOB REFERENCES statements (id);
ALTER TABLE statement_rows ADD COLUMN line BIGINT;
ALTER TABLE statement_rows ADD COLUMN assigned_by BLOB REFERENCES users (id);
ALTER TABLE statement_rows ADD COLUMN assigned_at TEXT;
CREATE INDEX statement_rows_waiting_idx ON statement_rows (organization_id, occurred_on)
    WHERE donation_id IS NULL;
