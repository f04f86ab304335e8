-- The monthly cells behind each unit's half-year value: every month for sum, the latest for
-- last, the largest for max (the earliest such month on ties).
CREATE OR REPLACE VIEW half_year_sources AS
WITH reported AS (
    SELECT m.*, half_of(m.period) AS half, i.aggregation
    FROM monthly_values AS m
    JOIN indicators AS i USING (indicator_code)
    WHERE m.value IS NOT NULL
),
ranked AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY unit_code, half, indicator_code
            ORDER BY
                CASE aggregation WHEN 'last' THEN -epoch(period) WHEN 'max' THEN -value ELSE 0 END,
                period
        ) AS rank_in_half
    FROM reported
),
final AS (
    SELECT unit_code, unit_name, half, indicator_code, period, value, submission_id,
           source_file, source_sheet, source_cell
    FROM ranked
    WHERE aggregation = 'sum' OR rank_in_half = 1
)
SELECT * FROM final;
