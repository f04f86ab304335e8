-- The accepted values that differ between the warehouse in use (attached as `published`) and this
-- one: 'published' rows only the warehouse in use has, 'rebuilt' rows only this one has.
WITH now AS (
    SELECT unit_code, period, indicator_code, value, source_file, source_sheet, source_cell
    FROM published.monthly_values
),
rebuilt AS (
    SELECT unit_code, period, indicator_code, value, source_file, source_sheet, source_cell
    FROM monthly_values
)
SELECT * FROM (
    SELECT 'published' AS side, * FROM (SELECT * FROM now EXCEPT ALL SELECT * FROM rebuilt)
    UNION ALL
    SELECT 'rebuilt' AS side, * FROM (SELECT * FROM rebuilt EXCEPT ALL SELECT * FROM now)
)
ORDER BY unit_code, period, indicator_code, side
