-- Submissions whose status is not one of the four the contract names.
SELECT submission_id, source_file, status
FROM submissions
WHERE status NOT IN ('accepted', 'rejected', 'superseded', 'held')
