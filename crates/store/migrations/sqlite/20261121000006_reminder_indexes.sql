-- The scheduler's reminders read only what is still to remind: pending applications not yet
-- reminded to their coordinators, by age.
CREATE INDEX applications_unreminded_idx ON applications (created_at)
    WHERE status = 'pending' AND coordinator_reminded_at IS NULL;
