-- Remove the values of the submissions a backfill replaces (those it changed: backfill_changed).
DELETE FROM submission_values WHERE submission_id IN (SELECT submission_id FROM backfill_changed)
