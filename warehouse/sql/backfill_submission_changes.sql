-- The submissions a backfill changed: status before and after (NULL: absent on that side), and
-- whether the messages changed, for every one that is new, gone, or differs (all of them among
-- backfill_changed).
WITH after AS (
    SELECT s.submission_id, s.source_file, s.unit_code, s.period, s.status, s.messages
    FROM submissions AS s
    WHERE s.submission_id IN (SELECT submission_id FROM backfill_changed)
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
