-- monthly_completeness rows whose status is not one of the five the contract names.
SELECT unit_code, period, status
FROM monthly_completeness
WHERE status IS NULL OR status NOT IN ('accepted', 'late', 'held', 'rejected', 'missing')
