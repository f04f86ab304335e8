-- Each unit's status for each month of one half-year or year: accepted, late, rejected or missing.
SELECT unit_code, unit_name, kind, period, deadline, first_accepted_at, status
FROM monthly_completeness
WHERE period BETWEEN $first AND $last
ORDER BY kind DESC, unit_code, period
