-- Rejected files that could not be tied to a registered unit or a month, newest first.
SELECT source_file, period, messages, received_at
FROM submissions
WHERE status = 'rejected'
  AND (unit_code IS NULL OR period IS NULL)
  AND (period = $period OR period IS NULL)
ORDER BY received_at DESC, source_file
