-- The transparency log: every ledger entry of every volunteer is a leaf of one Merkle
-- tree, in append order (leaf_index, given in the appending transaction from the counter
-- below, so committed leaves are always 0..n without a gap). The tree is stored as tiles
-- of 256 hashes (C2SP tlog-tiles); log_tree says how far the tiles reach and their root;
-- every signed checkpoint is kept.
ALTER TABLE ledger_entries ADD COLUMN leaf_index BIGINT;

DROP TRIGGER ledger_no_update;
UPDATE ledger_entries SET leaf_index = r.n
FROM (SELECT volunteer_id AS v, seq AS s,
             ROW_NUMBER() OVER (ORDER BY recorded_at, volunteer_id, seq) - 1 AS n
      FROM ledger_entries) AS r
WHERE r.v = ledger_entries.volunteer_id AND r.s = ledger_entries.seq;
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only');
END;
CREATE UNIQUE INDEX ledger_entries_leaf_idx ON ledger_entries (leaf_index);

CREATE TABLE ledger_log (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    leaves BIGINT NOT NULL
);
INSERT INTO ledger_log (id, leaves) SELECT 1, COUNT(*) FROM ledger_entries;

CREATE TABLE log_tree (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL,
    root BLOB NOT NULL
);

CREATE TABLE log_tiles (
    level INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hashes BLOB NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE log_checkpoints (
    size BIGINT PRIMARY KEY,
    root BLOB NOT NULL,
    key_id TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX log_checkpoints_created_idx ON log_checkpoints (created_at);

-- Confirmed (and reversed) hours are what the ledger says: their minutes, volunteer and
-- organization never change.
CREATE TRIGGER hours_confirmed_fixed BEFORE UPDATE OF minutes, volunteer_id, organization_id ON hours_entries
WHEN OLD.status IN ('confirmed', 'reversed')
    AND (NEW.minutes IS NOT OLD.minutes OR NEW.volunteer_id IS NOT OLD.volunteer_id
         OR NEW.organization_id IS NOT OLD.organization_id)
BEGIN
    SELECT RAISE(ABORT, 'confirmed hours are in the ledger and do not change');
END;
