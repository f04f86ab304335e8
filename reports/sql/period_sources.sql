-- The monthly cells behind the period's figures (this half-year or year and the same period a year before).
SELECT period_label, indicator_code, unit_code, unit_name, period, value, source_file, source_sheet, source_cell
FROM period_sources
WHERE period_label IN ($period, $previous)
ORDER BY period_label, indicator_code, unit_code, period
