-- Each unit's reported values in the 12 months before a month (pairs staged as history_wanted).
SELECT w.unit_code, w.period AS for_period, m.indicator_code, m.value
FROM history_wanted AS w
JOIN monthly_values AS m
    ON m.unit_code = w.unit_code
    AND m.period >= w.period - INTERVAL 12 MONTH
    AND m.period < w.period
WHERE m.value IS NOT NULL
ORDER BY w.unit_code, w.period, m.indicator_code, m.period
