-- Totals of confirmed minutes read the index alone.
CREATE INDEX hours_entries_status_minutes_idx ON hours_entries (status, minutes);
