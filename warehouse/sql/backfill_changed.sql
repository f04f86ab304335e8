-- The submissions a backfill must write: those of its scope (backfill_scope) or of the re-read ones
-- (staged as new_submissions, new_values) whose row or values differ between the two, or that are on
-- one side only. Every other submission of the scope was re-read exactly as stored, and stays.
CREATE OR REPLACE TEMP TABLE backfill_changed AS
WITH old_submissions AS (
    SELECT submission_id, source_file, sha256, unit_code, period, status, messages, received_at, modified_at
    FROM submissions
    WHERE submission_id IN (SELECT submission_id FROM backfill_scope)
),
new_rows AS (
    SELECT submission_id::VARCHAR AS submission_id, source_file, sha256, unit_code, period, status, messages,
           received_at::TIMESTAMP AS received_at, modified_at::TIMESTAMP AS modified_at
    FROM new_submissions
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
SELECT submission_id FROM (SELECT * FROM old_submissions EXCEPT ALL SELECT * FROM new_rows)
UNION
SELECT submission_id FROM (SELECT * FROM new_rows EXCEPT ALL SELECT * FROM old_submissions)
UNION
SELECT submission_id FROM (SELECT * FROM old_values EXCEPT ALL SELECT * FROM new_value_rows)
UNION
SELECT submission_id FROM (SELECT * FROM new_value_rows EXCEPT ALL SELECT * FROM old_values)
