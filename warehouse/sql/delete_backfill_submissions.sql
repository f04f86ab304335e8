-- Remove the submissions a backfill replaces (listed in backfill_scope).
DELETE FROM submissions WHERE submission_id IN (SELECT submission_id FROM backfill_scope)
