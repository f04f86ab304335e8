-- Values of accepted submissions that monthly_values does not show (or shows more than once).
SELECT v.submission_id, v.indicator_code, count(m.submission_id) AS rows_shown
FROM submission_values AS v
JOIN submissions AS s USING (submission_id)
LEFT JOIN monthly_values AS m
    ON m.submission_id = v.submission_id AND m.indicator_code = v.indicator_code
WHERE s.status = 'accepted'
GROUP BY v.submission_id, v.indicator_code
HAVING count(m.submission_id) <> 1
