-- Accepted, superseded or held submissions without a registered unit or without a month's first day.
SELECT s.submission_id, s.source_file, s.unit_code, s.period, s.status
FROM submissions AS s
WHERE s.status IN ('accepted', 'superseded', 'held')
  AND (s.unit_code IS NULL
       OR s.unit_code NOT IN (SELECT unit_code FROM units)
       OR s.period IS NULL
       OR day(s.period) <> 1)
