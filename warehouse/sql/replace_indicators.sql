-- Replace the indicators table with the catalog's current rows (staged as new_indicators).
DELETE FROM indicators;
INSERT INTO indicators
SELECT indicator_code, indicator_name, unit, aggregation, value_type, reported_by, section, form_position
FROM new_indicators;
