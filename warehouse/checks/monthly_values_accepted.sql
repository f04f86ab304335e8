-- monthly_values rows whose submission is not an accepted one.
SELECT m.submission_id, m.unit_code, m.period, m.indicator_code, s.status
FROM monthly_values AS m
LEFT JOIN submissions AS s USING (submission_id)
WHERE s.status IS DISTINCT FROM 'accepted'
