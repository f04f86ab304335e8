-- Keep what a backfill's changed submissions (backfill_changed) touch as it is before the backfill
-- replaces them, to compare with afterwards: the values of their units' months, and the submissions.
CREATE OR REPLACE TEMP TABLE backfill_touched AS
SELECT DISTINCT unit_code, period FROM submissions
WHERE submission_id IN (SELECT submission_id FROM backfill_changed)
UNION
SELECT DISTINCT unit_code, period FROM new_submissions
WHERE submission_id IN (SELECT submission_id FROM backfill_changed);
CREATE OR REPLACE TEMP TABLE backfill_values_before AS
SELECT m.unit_code, m.period, m.indicator_code, m.value
FROM monthly_values AS m
JOIN backfill_touched AS t USING (unit_code, period);
CREATE OR REPLACE TEMP TABLE backfill_submissions_before AS
SELECT s.submission_id, s.status, s.messages
FROM submissions AS s
WHERE s.submission_id IN (SELECT submission_id FROM backfill_changed);
