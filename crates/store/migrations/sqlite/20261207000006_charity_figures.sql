-- An organization's annual charity report sums its money entries by day.
CREATE INDEX money_entries_organization_idx ON money_entries (organization_id, occurred_on);
