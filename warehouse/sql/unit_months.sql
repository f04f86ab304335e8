-- Each unit's accepted months, from 12 months before the earliest month asked for (pairs staged
-- as months_wanted) to the latest: one row per value, and a month whose form left everything
-- blank as one row with no indicator. Months in months_excluded (a backfill's own) are left out.
WITH wanted AS (
    SELECT unit_code, min(period) - INTERVAL 12 MONTH AS first, max(period) AS last
    FROM months_wanted
    GROUP BY unit_code
)
SELECT s.unit_code, s.period, v.indicator_code, v.value
FROM wanted AS w
JOIN submissions AS s
    ON s.unit_code = w.unit_code
    AND s.status = 'accepted'
    AND s.period BETWEEN w.first AND w.last
LEFT JOIN submission_values AS v USING (submission_id)
WHERE NOT EXISTS (SELECT 1 FROM months_excluded AS x WHERE s.period BETWEEN x.first AND x.last)
ORDER BY s.unit_code, s.period, v.indicator_code
