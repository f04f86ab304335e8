-- The monthly cells behind each unit's half-year value (period_sources for the halves): every month
-- for sum, the latest for last, the largest for max (the earliest such month on ties).
CREATE OR REPLACE VIEW half_year_sources AS
SELECT unit_code, unit_name, period_label AS half, indicator_code, period, value, submission_id,
       source_file, source_sheet, source_cell
FROM period_sources
WHERE period_label LIKE '%H_';
