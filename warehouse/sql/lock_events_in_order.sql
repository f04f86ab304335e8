-- Every lock and unlock, oldest first.
SELECT period, action, event_at, by_user, reason FROM period_lock_events ORDER BY event_at
