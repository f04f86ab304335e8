-- Replace the indicators table with the catalog's rows, every version with its months (staged as new_indicators).
DELETE FROM indicators;
INSERT INTO indicators
SELECT indicator_code, indicator_name, unit, aggregation, value_type, reported_by, section, form_position,
       valid_from, valid_to, replaces
FROM new_indicators;
