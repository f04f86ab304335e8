-- Rejected submissions that keep no reason to send back.
SELECT submission_id, source_file, unit_code, period
FROM submissions
WHERE status = 'rejected' AND len(messages) = 0
