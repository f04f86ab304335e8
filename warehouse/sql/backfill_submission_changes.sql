-- The submissions a backfill changed: status before and after (NULL: absent on that side), and
-- whether the messages changed, for every one that is new, gone, or differs.
WITH after AS (
    SELECT s.submission_id, s.source_file, s.unit_code, s.period, s.status, s.messages
    FROM submissions AS s, backfill_range AS r
    WHERE s.period BETWEEN r.first AND r.last
       OR (s.period IS NULL AND s.sha256 IN (SELECT sha256 FROM backfill_files))
)
SELECT
    a.source_file, a.unit_code, a.period,
    b.status AS status_before,
    a.status AS status_after,
    a.messages IS DISTINCT FROM b.messages AS messages_changed
FROM after AS a
FULL OUTER JOIN backfill_submissions_before AS b USING (submission_id)
WHERE a.status IS DISTINCT FROM b.status OR a.messages IS DISTINCT FROM b.messages
ORDER BY a.source_file, a.period
