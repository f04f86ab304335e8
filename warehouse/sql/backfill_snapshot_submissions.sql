-- The submissions in a backfill's scope (see backfill_scope.sql), for comparing before and after.
SELECT s.submission_id, s.source_file, s.unit_code, s.period, s.status, s.messages
FROM submissions AS s, backfill_range AS r
WHERE s.period BETWEEN r.first AND r.last
   OR (s.period IS NULL AND s.sha256 IN (SELECT sha256 FROM backfill_files))
