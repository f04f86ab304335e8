-- The county: the sum over units of their half-year values, beside the same half a year before.
CREATE OR REPLACE VIEW county_half_year AS
WITH county AS (
    SELECT half, indicator_code, sum(value) AS value, count(*) AS units_reported
    FROM half_year_values
    GROUP BY half, indicator_code
),
expected AS (
    SELECT i.indicator_code, count(u.unit_code) AS units_expected
    FROM indicators AS i
    JOIN units AS u ON i.reported_by IN ('both', u.kind)
    GROUP BY i.indicator_code
),
halves AS (
    SELECT DISTINCT half FROM half_year_values
),
final AS (
    SELECT
        h.half,
        i.indicator_code,
        c.value,
        p.value AS prev_value,
        c.value - p.value AS change,
        CASE WHEN p.value <> 0 THEN (c.value - p.value) / p.value * 100 END AS change_pct,
        coalesce(c.units_reported, 0) AS units_reported,
        coalesce(e.units_expected, 0) AS units_expected
    FROM halves AS h
    CROSS JOIN indicators AS i
    LEFT JOIN county AS c ON c.half = h.half AND c.indicator_code = i.indicator_code
    LEFT JOIN county AS p ON p.half = previous_half(h.half) AND p.indicator_code = i.indicator_code
    LEFT JOIN expected AS e ON e.indicator_code = i.indicator_code
)
SELECT * FROM final;
