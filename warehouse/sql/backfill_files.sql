-- The received files a backfill re-reads: every file with a submission in the months staged as
-- backfill_range, and every file none of whose submissions could be placed in a month; with the
-- first month each was read as holding.
SELECT f.sha256, f.source_file, f.inbox_path, f.archive_path, f.size_bytes, f.modified_at, f.received_at,
       (SELECT min(s.period) FROM submissions AS s WHERE s.sha256 = f.sha256) AS period
FROM received_files AS f
WHERE EXISTS (
    SELECT 1
    FROM submissions AS s, backfill_range AS r
    WHERE s.sha256 = f.sha256 AND (s.period BETWEEN r.first AND r.last OR s.period IS NULL)
)
ORDER BY f.received_at, f.modified_at, f.source_file
