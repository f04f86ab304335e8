-- The county: the sum over units of their half-year values, beside the same half a year before (county_period for the halves).
CREATE OR REPLACE VIEW county_half_year AS
SELECT period_label AS half, indicator_code, value, prev_value, change, change_pct, units_reported, units_expected
FROM county_period
WHERE period_label LIKE '%H_';
