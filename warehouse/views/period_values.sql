-- Each unit's value for each half-year ('2020H1') and year ('2020') by the indicator's rule; blank months are not zeros.
CREATE OR REPLACE VIEW period_values AS
WITH reported AS (
    SELECT
        m.unit_code,
        unnest(periods_of(m.period)) AS period_label,
        m.indicator_code,
        m.period,
        m.value,
        i.aggregation
    FROM monthly_values AS m
    JOIN indicators AS i USING (indicator_code)
    WHERE m.value IS NOT NULL
),
final AS (
    SELECT
        unit_code,
        period_label,
        indicator_code,
        CASE any_value(aggregation)
            WHEN 'sum' THEN sum(value)
            WHEN 'last' THEN arg_max(value, period)
            WHEN 'max' THEN max(value)
        END AS value,
        count(*) AS months_reported
    FROM reported
    GROUP BY unit_code, period_label, indicator_code
)
SELECT * FROM final;
