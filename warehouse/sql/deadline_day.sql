-- The reporting deadline day stored for monthly_completeness.
SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'deadline_day'
