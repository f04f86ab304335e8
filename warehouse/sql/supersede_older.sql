-- A newly accepted submission replaces any earlier accepted one for the same unit and month.
UPDATE submissions AS s
SET status = 'superseded'
WHERE s.status = 'accepted'
  AND s.submission_id NOT IN (SELECT submission_id FROM new_submissions)
  AND EXISTS (
      SELECT 1
      FROM new_submissions AS n
      WHERE n.status = 'accepted'
        AND n.unit_code = s.unit_code
        AND n.period = s.period
  )
