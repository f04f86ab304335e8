-- The submissions whose status or messages differ between the warehouse in use (attached as
-- `published`) and this one, or that only one of them has (NULL status on the other side).
SELECT
    coalesce(n.source_file, r.source_file) AS source_file,
    coalesce(n.unit_code, r.unit_code) AS unit_code,
    coalesce(n.period, r.period) AS period,
    n.status AS status_published,
    r.status AS status_rebuilt,
    n.messages IS DISTINCT FROM r.messages AS messages_differ
FROM published.submissions AS n
FULL OUTER JOIN submissions AS r USING (submission_id)
WHERE n.status IS DISTINCT FROM r.status OR n.messages IS DISTINCT FROM r.messages
ORDER BY source_file, period
