-- Every unit and month from the first to the last month anyone reported: accepted (by the
-- deadline), late (accepted after it), held (its only forms arrived after the month was locked),
-- rejected (nothing accepted) or missing.
CREATE OR REPLACE VIEW monthly_completeness AS
WITH months AS (
    SELECT CAST(month AS DATE) AS period
    FROM generate_series(
        (SELECT min(period) FROM submissions),
        (SELECT max(period) FROM submissions),
        INTERVAL 1 MONTH
    ) AS t(month)
),
deadline AS (
    SELECT CAST(value AS INTEGER) AS day FROM settings WHERE key = 'deadline_day'
),
per_unit AS (
    SELECT
        unit_code,
        period,
        min(received_at) FILTER (WHERE status IN ('accepted', 'superseded')) AS first_accepted_at,
        count(*) FILTER (WHERE status = 'held') AS held,
        count(*) FILTER (WHERE status = 'rejected') AS rejected
    FROM submissions
    WHERE unit_code IS NOT NULL AND period IS NOT NULL
    GROUP BY unit_code, period
),
final AS (
    SELECT
        u.unit_code,
        u.unit_name,
        u.kind,
        m.period,
        CAST(m.period + INTERVAL 1 MONTH + INTERVAL ((SELECT day FROM deadline) - 1) DAY AS DATE) AS deadline,
        p.first_accepted_at,
        CASE
            WHEN p.first_accepted_at IS NOT NULL
                 AND CAST(p.first_accepted_at AS DATE)
                     <= m.period + INTERVAL 1 MONTH + INTERVAL ((SELECT day FROM deadline) - 1) DAY
                THEN 'accepted'
            WHEN p.first_accepted_at IS NOT NULL THEN 'late'
            WHEN coalesce(p.held, 0) > 0 THEN 'held'
            WHEN coalesce(p.rejected, 0) > 0 THEN 'rejected'
            ELSE 'missing'
        END AS status
    FROM units AS u
    CROSS JOIN months AS m
    LEFT JOIN per_unit AS p ON p.unit_code = u.unit_code AND p.period = m.period
)
SELECT * FROM final;
