-- The county's figures for one half-year or year, every indicator, beside the same period a year before.
SELECT indicator_code, value, prev_value, change, change_pct, units_reported, units_expected
FROM county_period
WHERE period_label = $period
