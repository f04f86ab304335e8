-- Indicators whose half-year rule is not sum, last or max (half_year_values would give NULL).
SELECT indicator_code, aggregation
FROM indicators
WHERE aggregation NOT IN ('sum', 'last', 'max')
