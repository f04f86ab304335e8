-- The monthly cells behind each unit's value for a half-year or year: every month for sum, the
-- latest for last, the largest for max (the earliest such month on ties).
CREATE OR REPLACE VIEW period_sources AS
WITH reported AS (
    SELECT m.*, unnest(periods_of(m.period)) AS period_label, i.aggregation
    FROM monthly_values AS m
    JOIN indicators AS i USING (indicator_code)
    WHERE m.value IS NOT NULL
),
ranked AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY unit_code, period_label, indicator_code
            ORDER BY
                CASE aggregation WHEN 'last' THEN -epoch(period) WHEN 'max' THEN -value ELSE 0 END,
                period
        ) AS rank_in_period
    FROM reported
),
final AS (
    SELECT unit_code, unit_name, period_label, indicator_code, period, value, submission_id,
           source_file, source_sheet, source_cell
    FROM ranked
    WHERE aggregation = 'sum' OR rank_in_period = 1
)
SELECT * FROM final;
