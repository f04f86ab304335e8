-- Period locks: once a half-year report has gone out, its months are locked. A form arriving for
-- a locked month is archived and held (status 'held', its values kept but not loaded). Every lock
-- and unlock is recorded with who and why.
CREATE TABLE period_locks (
    period     DATE PRIMARY KEY,
    locked_at  TIMESTAMP NOT NULL,
    locked_by  VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL
);

CREATE TABLE period_lock_events (
    period    DATE NOT NULL,
    action    VARCHAR NOT NULL,   -- 'lock' or 'unlock'
    event_at  TIMESTAMP NOT NULL,
    by_user   VARCHAR NOT NULL,
    reason    VARCHAR NOT NULL
);
