-- The re-read submissions the history rules might warn about, found from the figures alone (staged as
-- history_figures: history_figures.sql's rows for the months judged, the indicators' figures in lists),
-- so that only these are judged in Python, which words the warnings. A superset, never fewer: each test is a little looser than the
-- rule's own ($margin):
--   spike:  a value above $floor and above $times the median of the unit's months before
--           (the median of `count` sorted values: the middle one, or the mean of the two middle ones);
--   year:   a stated 本年累计 differing by more than $tolerance from the sum of the unit's earlier
--           months of the year and this one, where every earlier month is on record.
WITH spike_figures AS (  -- a row per indicator
    SELECT unit_code, month, unnest(codes) AS indicator_code, unnest(counts) AS count,
           unnest(lowers) AS lower, unnest(uppers) AS upper
    FROM history_figures
    WHERE kind = 'spike'
),
year_figures AS (
    SELECT unit_code, month, unnest(codes) AS indicator_code, unnest(lowers) AS total
    FROM history_figures
    WHERE kind = 'year'
),
judged AS (
    SELECT submission_id, unit_code, year(period) * 12 + month(period) - 1 AS month
    FROM judged_submissions
),
valued AS MATERIALIZED (  -- each judged value with its unit and month, before meeting the figures
    SELECT j.submission_id, j.unit_code, j.month, v.indicator_code, v.value
    FROM judged AS j
    JOIN judged_values AS v USING (submission_id)
    WHERE v.value * (1 + $margin) + $margin > $floor
),
spiking AS (
    SELECT v.submission_id
    FROM valued AS v
    JOIN spike_figures AS f
        ON f.unit_code = v.unit_code AND f.month = v.month AND f.indicator_code = v.indicator_code
    WHERE v.value * (1 + $margin) + $margin
          > $times * CASE WHEN f.count % 2 = 1 THEN f.lower ELSE (f.lower + f.upper) / 2 END
),
stated AS MATERIALIZED (  -- each judged 本年累计 figure with its unit and month
    SELECT j.submission_id, j.unit_code, j.month, s.indicator_code, s.value
    FROM judged AS j
    JOIN judged_ytd AS s USING (submission_id)
    WHERE s.value IS NOT NULL
),
year_off AS (
    SELECT t.submission_id
    FROM stated AS t
    JOIN history_figures AS c ON c.kind = 'complete' AND c.unit_code = t.unit_code AND c.month = t.month
    LEFT JOIN year_figures AS y
        ON y.unit_code = t.unit_code AND y.month = t.month AND y.indicator_code = t.indicator_code
    LEFT JOIN judged_values AS v ON v.submission_id = t.submission_id AND v.indicator_code = t.indicator_code
    WHERE abs(t.value - (coalesce(y.total, 0) + coalesce(v.value, 0))) * (1 + $margin) + $margin > $tolerance
)
SELECT submission_id FROM spiking
UNION
SELECT submission_id FROM year_off
