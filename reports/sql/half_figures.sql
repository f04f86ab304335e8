-- How many county figures one half has: 0 when no accepted form reported anything for its months.
SELECT count(*)
FROM county_half_year
WHERE half = $half AND value IS NOT NULL
