-- Values whose submission is unknown or rejected (a rejected submission loads no value).
SELECT v.submission_id, v.indicator_code, s.status
FROM submission_values AS v
LEFT JOIN submissions AS s USING (submission_id)
WHERE s.status IS NULL OR s.status NOT IN ('accepted', 'superseded', 'held')
