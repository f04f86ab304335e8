-- The locked months, oldest first.
SELECT period FROM period_locks ORDER BY period
