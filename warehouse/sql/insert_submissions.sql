-- Record new submissions (staged as new_submissions), accepted, rejected or already superseded.
INSERT INTO submissions
SELECT submission_id, source_file, sha256, unit_code, period, status, messages, received_at, modified_at
FROM new_submissions
WHERE submission_id NOT IN (SELECT submission_id FROM submissions)
