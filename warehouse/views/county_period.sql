-- The county: the sum over units of their values for each half-year and year, beside the same period a year before.
CREATE OR REPLACE VIEW county_period AS
WITH county AS (
    SELECT period_label, indicator_code, sum(value) AS value, count(*) AS units_reported
    FROM period_values
    GROUP BY period_label, indicator_code
),
expected AS (
    SELECT i.indicator_code, count(u.unit_code) AS units_expected
    FROM indicators AS i
    JOIN units AS u ON i.reported_by IN ('both', u.kind)
    GROUP BY i.indicator_code
),
periods AS (
    SELECT DISTINCT period_label FROM period_values
),
final AS (
    SELECT
        h.period_label,
        i.indicator_code,
        c.value,
        p.value AS prev_value,
        c.value - p.value AS change,
        CASE WHEN p.value <> 0 THEN (c.value - p.value) / p.value * 100 END AS change_pct,
        coalesce(c.units_reported, 0) AS units_reported,
        coalesce(e.units_expected, 0) AS units_expected
    FROM periods AS h
    CROSS JOIN indicators AS i
    LEFT JOIN county AS c ON c.period_label = h.period_label AND c.indicator_code = i.indicator_code
    LEFT JOIN county AS p ON p.period_label = previous_period(h.period_label) AND p.indicator_code = i.indicator_code
    LEFT JOIN expected AS e ON e.indicator_code = i.indicator_code
)
SELECT * FROM final;
