-- The county total of each indicator month by month within one half-year or year (units that reported).
SELECT period, indicator_code, sum(value) AS value, count(value) AS units_reported
FROM monthly_values
WHERE value IS NOT NULL AND period BETWEEN $first AND $last
GROUP BY period, indicator_code
ORDER BY period, indicator_code
