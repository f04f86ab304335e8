-- The county's figures for one half, every indicator, beside the same half a year before.
SELECT indicator_code, value, prev_value, change, change_pct, units_reported, units_expected
FROM county_half_year
WHERE half = $half
