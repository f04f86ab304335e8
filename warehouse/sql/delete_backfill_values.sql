-- Remove the values of the submissions a backfill replaces (listed in backfill_scope).
DELETE FROM submission_values WHERE submission_id IN (SELECT submission_id FROM backfill_scope)
