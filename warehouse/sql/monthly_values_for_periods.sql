-- The months of the analyst view to write to Parquet (periods staged as export_periods).
SELECT *
FROM monthly_values
WHERE period IN (SELECT period FROM export_periods)
ORDER BY period, unit_code, indicator_code
