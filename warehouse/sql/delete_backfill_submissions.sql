-- Remove the submissions a backfill replaces (those it changed: backfill_changed).
DELETE FROM submissions WHERE submission_id IN (SELECT submission_id FROM backfill_changed)
