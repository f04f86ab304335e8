-- Each unit's value for one half-year or year.
SELECT unit_code, indicator_code, value, months_reported
FROM period_values
WHERE period_label = $period
