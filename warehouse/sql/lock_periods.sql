-- Lock the months staged as lock_request (period, locked_at, by_user, reason) and record the event;
-- a month already locked keeps its first lock.
INSERT INTO period_lock_events
SELECT period, 'lock', locked_at, by_user, reason FROM lock_request
WHERE period NOT IN (SELECT period FROM period_locks);
INSERT INTO period_locks
SELECT period, locked_at, by_user, reason FROM lock_request
WHERE period NOT IN (SELECT period FROM period_locks);
