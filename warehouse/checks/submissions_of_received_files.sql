-- Submissions whose file is not among the received files.
SELECT s.submission_id, s.source_file, s.sha256
FROM submissions AS s
WHERE s.sha256 NOT IN (SELECT sha256 FROM received_files)
