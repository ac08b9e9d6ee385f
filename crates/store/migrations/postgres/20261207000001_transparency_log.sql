-- The transparency log: every ledger entry of every volunteer is a leaf of one Merkle
-- tree, in append order (leaf_index, given in the appending transaction from the counter
-- below, so committed leaves are always 0..n without a gap). The tree is stored as tiles
-- of 256 hashes (C2SP tlog-tiles); log_tree says how far the tiles reach and their root;
-- every signed checkpoint is kept.
ALTER TABLE ledger_entries ADD COLUMN leaf_index BIGINT;

ALTER TABLE ledger_entries DISABLE TRIGGER ledger_no_change;
UPDATE ledger_entries SET leaf_index = r.n
FROM (SELECT volunteer_id AS v, seq AS s,
             ROW_NUMBER() OVER (ORDER BY recorded_at, volunteer_id, seq) - 1 AS n
      FROM ledger_entries) AS r
WHERE r.v = ledger_entries.volunteer_id AND r.s = ledger_entries.seq;
ALTER TABLE ledger_entries ENABLE TRIGGER ledger_no_change;
CREATE UNIQUE INDEX ledger_entries_leaf_idx ON ledger_entries (leaf_index);

CREATE TABLE ledger_log (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    leaves BIGINT NOT NULL
);
INSERT INTO ledger_log (id, leaves) SELECT 1, COUNT(*) FROM ledger_entries;

CREATE TABLE log_tree (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL,
    root BYTEA NOT NULL
);

CREATE TABLE log_tiles (
    level INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hashes BYTEA NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE log_checkpoints (
    size BIGINT PRIMARY KEY,
    root BYTEA NOT NULL,
    key_id TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX log_checkpoints_created_idx ON log_checkpoints (created_at);

-- Confirmed (and reversed) hours are what the ledger says: their minutes, volunteer and
-- organization never change.
CREATE FUNCTION hours_confirmed_fixed() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN ('confirmed', 'reversed')
       AND (NEW.minutes IS DISTINCT FROM OLD.minutes OR NEW.volunteer_id IS DISTINCT FROM OLD.volunteer_id
            OR NEW.organization_id IS DISTINCT FROM OLD.organization_id) THEN
        RAISE EXCEPTION 'confirmed hours are in the ledger and do not change';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER hours_confirmed_fixed BEFORE UPDATE ON hours_entries
    FOR EACH ROW EXECUTE FUNCTION hours_confirmed_fixed();
