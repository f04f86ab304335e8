-- The months a backfill re-read as the history rules see them (history_figures.sql's batch_months):
-- each accepted submission's values, one row per value, a month left all blank as one row with no
-- indicator. judged_submissions and judged_values are the re-read submissions and their values.
SELECT s.unit_code, s.period, v.indicator_code AS indicator_code, v.value
FROM judged_submissions AS s
LEFT JOIN judged_values AS v ON v.submission_id = s.submission_id
WHERE s.status = 'accepted'
