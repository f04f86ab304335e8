-- The current values of the months staged as backfill_range, for comparing before and after.
SELECT m.unit_code, m.period, m.indicator_code, m.value
FROM monthly_values AS m, backfill_range AS r
WHERE m.period BETWEEN r.first AND r.last
