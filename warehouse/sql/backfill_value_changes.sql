-- The values a backfill changed: before and after for each unit, month and indicator that differ
-- (NULL: left blank, or no accepted form), in the months its changed submissions touch.
WITH after AS (
    SELECT m.unit_code, m.period, m.indicator_code, m.value
    FROM monthly_values AS m
    JOIN backfill_touched AS t USING (unit_code, period)
)
SELECT
    coalesce(a.unit_code, b.unit_code) AS unit_code,
    coalesce(a.period, b.period) AS period,
    coalesce(a.indicator_code, b.indicator_code) AS indicator_code,
    b.value AS before,
    a.value AS after
FROM after AS a
FULL OUTER JOIN backfill_values_before AS b USING (unit_code, period, indicator_code)
WHERE a.value IS DISTINCT FROM b.value
ORDER BY unit_code, period, indicator_code
