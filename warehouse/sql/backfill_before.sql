-- Keep the months' values and the scope's submissions as they are before a backfill replaces them
-- (months staged as backfill_range, re-read files as backfill_files), to compare with afterwards.
CREATE OR REPLACE TEMP TABLE backfill_values_before AS
SELECT m.unit_code, m.period, m.indicator_code, m.value
FROM monthly_values AS m, backfill_range AS r
WHERE m.period BETWEEN r.first AND r.last;
CREATE OR REPLACE TEMP TABLE backfill_submissions_before AS
SELECT s.submission_id, s.status, s.messages
FROM submissions AS s, backfill_range AS r
WHERE s.period BETWEEN r.first AND r.last
   OR (s.period IS NULL AND s.sha256 IN (SELECT sha256 FROM backfill_files));
