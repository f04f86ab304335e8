-- Every received file in received order (the run that first saw it, then its modification time),
-- with the months whose forms in it stand held (their month was locked when it came).
SELECT f.sha256, f.source_file, f.inbox_path, f.size_bytes, f.modified_at, f.received_at,
       coalesce((SELECT list(DISTINCT s.period ORDER BY s.period) FROM submissions AS s
                 WHERE s.sha256 = f.sha256 AND s.status = 'held'), []) AS held
FROM received_files AS f
ORDER BY f.received_at, f.modified_at, f.source_file
