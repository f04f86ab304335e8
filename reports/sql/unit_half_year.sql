-- Each unit's half-year value for one half.
SELECT unit_code, indicator_code, value, months_reported
FROM half_year_values
WHERE half = $half
