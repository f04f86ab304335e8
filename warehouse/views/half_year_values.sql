-- Each unit's half-year value by the indicator's rule (period_values for the halves); blank months are not zeros.
CREATE OR REPLACE VIEW half_year_values AS
SELECT unit_code, period_label AS half, indicator_code, value, months_reported
FROM period_values
WHERE period_label LIKE '%H_';
