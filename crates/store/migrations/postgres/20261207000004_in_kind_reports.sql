-- Gifts in kind and the closing report of a collection.
--
-- A gift in kind is a donation (in_kind, its estimate or none in amount_tiyn, its money
-- entry flagged in kind with the estimate or 0): its photos and the signed handover act
-- are kept here, each known by its bytes (photos are images, the act a PDF or an image).
CREATE TABLE donation_files (
    donation_id UUID NOT NULL REFERENCES donations (id),
    kind TEXT NOT NULL CHECK (kind IN ('photo', 'act')),
    position INTEGER NOT NULL CHECK (position >= 0),
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL,
    PRIMARY KEY (donation_id, kind, position)
);

-- The closing report, published as the collection goes from closed to reported: what
-- happens to the remainder, and the figures of its money trail at the signed checkpoint
-- they were computed at (every money entry of the collection inside that tree).
CREATE TABLE collection_reports (
    collection_id UUID PRIMARY KEY REFERENCES collections (id),
    remainder_use TEXT NOT NULL,
    remainder_text TEXT NOT NULL,
    raised_tiyn BIGINT NOT NULL,
    reversed_tiyn BIGINT NOT NULL,
    spent_tiyn BIGINT NOT NULL,
    in_kind_tiyn BIGINT NOT NULL,
    remainder_tiyn BIGINT NOT NULL,
    donations BIGINT NOT NULL,
    checkpoint_size BIGINT NOT NULL CHECK (checkpoint_size >= 0),
    checkpoint_at TIMESTAMPTZ,
    published_by UUID NOT NULL REFERENCES users (id),
    published_at TIMESTAMPTZ NOT NULL
);

-- The report's money spent, by expense category.
CREATE TABLE collection_report_spending (
    collection_id UUID NOT NULL REFERENCES collection_reports (collection_id),
    category TEXT NOT NULL,
    amount_tiyn BIGINT NOT NULL CHECK (amount_tiyn > 0),
    PRIMARY KEY (collection_id, category)
);

-- Reminders of a collection's closing report, one of each kind: the row is the mark that
-- it was taken, so none goes twice, even when two passes of the scheduler meet.
CREATE TABLE collection_reminders (
    collection_id UUID NOT NULL REFERENCES collections (id),
    kind TEXT NOT NULL,
    taken_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (collection_id, kind)
);
