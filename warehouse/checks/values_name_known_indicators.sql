-- Values of an indicator the indicators table does not hold.
SELECT v.submission_id, v.indicator_code
FROM submission_values AS v
WHERE v.indicator_code NOT IN (SELECT indicator_code FROM indicators)
