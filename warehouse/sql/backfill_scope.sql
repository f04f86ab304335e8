-- The submissions a backfill replaces: those in the months staged as backfill_range, and those of
-- the re-read files (staged as backfill_files) that were placed in no month.
CREATE OR REPLACE TEMP TABLE backfill_scope AS
SELECT s.submission_id
FROM submissions AS s, backfill_range AS r
WHERE s.period BETWEEN r.first AND r.last
   OR (s.period IS NULL AND s.sha256 IN (SELECT sha256 FROM backfill_files))
