-- The values of newly loaded submissions (staged as new_values), blanks as NULL.
INSERT INTO submission_values
SELECT submission_id, indicator_code, value, source_sheet, source_cell
FROM new_values
WHERE submission_id NOT IN (SELECT DISTINCT submission_id FROM submission_values)
