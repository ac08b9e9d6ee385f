-- Candidates for a help request: volunteers without a home point are found by their region
-- from the index alone (not by reading every volunteer of the region).
CREATE INDEX users_region_no_point_idx ON users (region_code, home_lat);
