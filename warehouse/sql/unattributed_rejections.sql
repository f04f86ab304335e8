-- Rejected files that name no registered unit, newest first: those of the month asked, and those of
-- no known month under the month they arrived in (never under every month).
SELECT source_file, period, messages, received_at
FROM submissions
WHERE status = 'rejected'
  AND (unit_code IS NULL OR period IS NULL)
  AND coalesce(period, date_trunc('month', received_at)::DATE) = $period
ORDER BY received_at DESC, source_file
