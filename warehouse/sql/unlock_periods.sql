-- Unlock the months staged as lock_request (period, locked_at, by_user, reason) and record the event.
INSERT INTO period_lock_events
SELECT period, 'unlock', locked_at, by_user, reason FROM lock_request
WHERE period IN (SELECT period FROM period_locks);
DELETE FROM period_locks WHERE period IN (SELECT period FROM lock_request);
