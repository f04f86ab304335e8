-- The files behind the accepted values: each content hash with its file name and archived path.
SELECT DISTINCT s.sha256, s.source_file, f.archive_path
FROM submissions AS s
JOIN submission_values AS v USING (submission_id)
LEFT JOIN received_files AS f USING (sha256)
WHERE s.status = 'accepted'
ORDER BY s.source_file
