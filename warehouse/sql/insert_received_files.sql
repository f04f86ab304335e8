-- Record newly received files (staged as new_files); a content seen before is left as it was.
INSERT INTO received_files
SELECT sha256, source_file, inbox_path, archive_path, size_bytes, modified_at, received_at
FROM new_files
WHERE sha256 NOT IN (SELECT sha256 FROM received_files)
