-- Units and months with more than one accepted submission (a later one must supersede the earlier).
SELECT unit_code, period, count(*) AS accepted, list(submission_id ORDER BY submission_id) AS submission_ids
FROM submissions
WHERE status = 'accepted'
GROUP BY unit_code, period
HAVING count(*) > 1
