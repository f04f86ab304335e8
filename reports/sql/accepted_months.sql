-- The months that hold at least one accepted form, oldest first.
SELECT DISTINCT period
FROM submissions
WHERE status = 'accepted' AND period IS NOT NULL
ORDER BY period
