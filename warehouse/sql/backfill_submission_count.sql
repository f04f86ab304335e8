-- How many submissions a backfill's months hold after it.
SELECT count(*)
FROM submissions AS s, backfill_range AS r
WHERE s.period BETWEEN r.first AND r.last
   OR (s.period IS NULL AND s.sha256 IN (SELECT sha256 FROM backfill_files))
