-- The units and months whose completeness status differs between the warehouse in use (attached
-- as `published`) and this one.
SELECT
    coalesce(n.unit_code, r.unit_code) AS unit_code,
    coalesce(n.period, r.period) AS period,
    n.status AS status_published,
    r.status AS status_rebuilt
FROM published.monthly_completeness AS n
FULL OUTER JOIN monthly_completeness AS r USING (unit_code, period)
WHERE n.status IS DISTINCT FROM r.status
ORDER BY unit_code, period
