-- The submissions a backfill must write: those of its scope (backfill_scope) or of the re-read ones
-- (staged as new_submissions, new_values) whose row or values differ between the two, or that are on
-- one side only. Every other submission of the scope was re-read exactly as stored, and stays.
-- Rows are matched on their keys (a submission's id; its id and indicator for a value), as the
-- warehouse keys them: far cheaper than comparing whole rows.
CREATE OR REPLACE TEMP TABLE backfill_changed AS
WITH old_submissions AS (
    SELECT submission_id, source_file, sha256, unit_code, period, status, messages, received_at, modified_at
    FROM submissions
    WHERE submission_id IN (SELECT submission_id FROM backfill_scope)
),
old_values AS (
    SELECT submission_id, indicator_code, value, source_sheet, source_cell
    FROM submission_values
    WHERE submission_id IN (SELECT submission_id FROM backfill_scope)
),
new_value_rows AS (
    SELECT submission_id::VARCHAR AS submission_id, indicator_code::VARCHAR AS indicator_code, value,
           source_sheet::VARCHAR AS source_sheet, source_cell::VARCHAR AS source_cell
    FROM new_values
)
SELECT coalesce(o.submission_id, n.submission_id::VARCHAR) AS submission_id
FROM old_submissions AS o
FULL OUTER JOIN new_submissions AS n ON o.submission_id = n.submission_id
WHERE o.submission_id IS NULL OR n.submission_id IS NULL
   OR o.source_file IS DISTINCT FROM n.source_file OR o.sha256 IS DISTINCT FROM n.sha256
   OR o.unit_code IS DISTINCT FROM n.unit_code OR o.period IS DISTINCT FROM n.period
   OR o.status IS DISTINCT FROM n.status OR o.messages IS DISTINCT FROM n.messages
   OR o.received_at IS DISTINCT FROM n.received_at::TIMESTAMP OR o.modified_at IS DISTINCT FROM n.modified_at::TIMESTAMP
UNION
SELECT coalesce(o.submission_id, n.submission_id)
FROM old_values AS o
FULL OUTER JOIN new_value_rows AS n USING (submission_id, indicator_code)
WHERE o.submission_id IS NULL OR n.submission_id IS NULL
   OR o.value IS DISTINCT FROM n.value OR o.source_sheet IS DISTINCT FROM n.source_sheet
   OR o.source_cell IS DISTINCT FROM n.source_cell
