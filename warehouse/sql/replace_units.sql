-- Replace the units table with the registry's current rows (staged as new_units).
DELETE FROM units;
INSERT INTO units
SELECT unit_code, unit_name, kind, aliases
FROM new_units;
