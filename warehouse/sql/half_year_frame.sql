-- One half of the county's table for analysts: each indicator in form order with its name and unit.
SELECT c.half, c.indicator_code, i.indicator_name, i.unit, i.aggregation,
       c.value, c.prev_value, c.change, c.change_pct, c.units_reported, c.units_expected
FROM county_half_year AS c
JOIN indicators AS i USING (indicator_code)
WHERE c.half = $half
ORDER BY i.form_position
