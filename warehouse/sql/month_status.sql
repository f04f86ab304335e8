-- Each registered unit's reporting status for one month: accepted, held (month locked), rejected or missing.
WITH month_submissions AS (
    SELECT *
    FROM submissions
    WHERE period = $period
),
per_unit AS (
    SELECT
        unit_code,
        count(*) FILTER (WHERE status = 'accepted') AS accepted,
        count(*) FILTER (WHERE status = 'rejected') AS rejected,
        count(*) FILTER (WHERE status = 'held') AS held,
        arg_max(source_file, received_at) FILTER (WHERE status = 'accepted') AS accepted_file,
        arg_max(received_at, received_at) FILTER (WHERE status = 'accepted') AS accepted_at,
        arg_max(source_file, received_at) FILTER (WHERE status = 'rejected') AS rejected_file,
        arg_max(messages, received_at) FILTER (WHERE status = 'rejected') AS rejected_messages
    FROM month_submissions
    GROUP BY unit_code
),
final AS (
    SELECT
        u.unit_code,
        u.unit_name,
        u.kind,
        CASE
            WHEN coalesce(p.accepted, 0) > 0 THEN 'accepted'
            WHEN coalesce(p.held, 0) > 0 THEN 'held'
            WHEN coalesce(p.rejected, 0) > 0 THEN 'rejected'
            ELSE 'missing'
        END AS status,
        CASE WHEN coalesce(p.accepted, 0) > 0 THEN p.accepted_file ELSE p.rejected_file END AS source_file,
        p.accepted_at,
        coalesce(p.rejected_messages, []::VARCHAR[]) AS rejected_messages
    FROM units AS u
    LEFT JOIN per_unit AS p USING (unit_code)
)
SELECT * FROM final
ORDER BY kind DESC, unit_code
