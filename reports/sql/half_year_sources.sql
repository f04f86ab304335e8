-- The monthly cells behind the half's figures (this half and the same half a year before).
SELECT half, indicator_code, unit_code, unit_name, period, value, source_file, source_sheet, source_cell
FROM half_year_sources
WHERE half IN ($half, $previous)
ORDER BY half, indicator_code, unit_code, period
