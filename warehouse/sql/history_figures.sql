-- What the history rules need of each unit-month being checked (staged as batch_months: the batch's
-- accepted months, one row per value, a month left all blank as one row with no indicator), from the
-- months on record: the warehouse's accepted months with the batch's laid over them. Months in
-- months_excluded (a backfill's own) are left out of the warehouse's. Three kinds of rows:
--   spike:    per indicator, how many of the 12 months before reported a value, and the two middle
--             values of those once sorted (the same one for an odd count);
--   year:     per indicator, the sum of the earlier months of the year in month order (blanks as 0),
--             for a unit-month whose every earlier month of the year is on record;
--   complete: each such unit-month (it may have no indicator summed).
WITH wanted AS (
    SELECT DISTINCT unit_code, period
    FROM batch_months
),
span AS (
    SELECT unit_code, min(period) - INTERVAL 12 MONTH AS first, max(period) AS last
    FROM wanted
    GROUP BY unit_code
),
stored AS (
    SELECT s.unit_code, s.period, v.indicator_code, v.value
    FROM span AS w
    JOIN submissions AS s
        ON s.unit_code = w.unit_code
        AND s.status = 'accepted'
        AND s.period BETWEEN w.first AND w.last
    LEFT JOIN submission_values AS v USING (submission_id)
    WHERE NOT EXISTS (SELECT 1 FROM months_excluded AS x WHERE s.period BETWEEN x.first AND x.last)
      AND NOT EXISTS (SELECT 1 FROM wanted AS b WHERE b.unit_code = s.unit_code AND b.period = s.period)
),
on_record AS (
    SELECT unit_code, period, indicator_code, value FROM stored
    UNION ALL
    SELECT unit_code, period, indicator_code, value FROM batch_months
),
before AS (
    SELECT w.unit_code, w.period, r.period AS earlier, r.indicator_code, r.value
    FROM wanted AS w
    JOIN on_record AS r
        ON r.unit_code = w.unit_code
        AND r.period < w.period
        AND r.period >= w.period - INTERVAL 12 MONTH
),
spikes AS (
    SELECT unit_code, period, indicator_code, list_sort(list(value)) AS sorted
    FROM before
    WHERE value IS NOT NULL
    GROUP BY unit_code, period, indicator_code
),
complete AS (
    SELECT w.unit_code, w.period
    FROM wanted AS w
    LEFT JOIN before AS b
        ON b.unit_code = w.unit_code
        AND b.period = w.period
        AND year(b.earlier) = year(w.period)
    GROUP BY w.unit_code, w.period
    HAVING count(DISTINCT b.earlier) = month(w.period) - 1
),
year_so_far AS (
    SELECT c.unit_code, c.period, b.indicator_code, list_sum(list_transform(list_sort(list({'earlier': b.earlier, 'value': coalesce(b.value, 0.0)})), lambda m: m.value)) AS total
    FROM complete AS c
    JOIN before AS b
        ON b.unit_code = c.unit_code
        AND b.period = c.period
        AND year(b.earlier) = year(c.period)
    WHERE b.indicator_code IS NOT NULL
    GROUP BY c.unit_code, c.period, b.indicator_code
)
-- One row per kind and unit-month, the indicators' figures as lists: DuckDB hands Python a list
-- far faster than a row per indicator. Months go back as numbers (year * 12 + month - 1), which
-- Python takes far faster than dates.
SELECT 'spike' AS kind, unit_code, year(period) * 12 + month(period) - 1 AS month, list(indicator_code) AS codes,
       list(len(sorted)) AS counts, list(sorted[(len(sorted) - 1) // 2 + 1]) AS lowers,
       list(sorted[len(sorted) // 2 + 1]) AS uppers
FROM spikes
GROUP BY unit_code, period
UNION ALL
SELECT 'year', unit_code, year(period) * 12 + month(period) - 1, list(indicator_code), NULL, list(total), NULL
FROM year_so_far
GROUP BY unit_code, period
UNION ALL
SELECT 'complete', unit_code, year(period) * 12 + month(period) - 1, NULL, NULL, NULL, NULL
FROM complete
