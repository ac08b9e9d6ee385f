-- A volunteer's book: her latest entries a page at a time, and her totals from the ledger
-- read from the index alone.
CREATE INDEX hours_entries_volunteer_date_idx ON hours_entries (volunteer_id, work_date, created_at);
CREATE INDEX ledger_entries_totals_idx ON ledger_entries (volunteer_id, work_date, organization_id, direction, activity_type, minutes);
