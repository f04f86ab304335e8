-- One month of the analyst view, as written to its Parquet partition.
SELECT *
FROM monthly_values
WHERE period = $period
ORDER BY unit_code, indicator_code
