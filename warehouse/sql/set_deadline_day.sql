-- The reporting deadline used by monthly_completeness: the Nth of the following month.
UPDATE settings SET value = CAST($day AS VARCHAR) WHERE key = 'deadline_day'
