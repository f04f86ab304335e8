-- Half-year tables for the report: per unit, for the county, completeness and timeliness.

-- Settings the office may change (the reporting deadline: the Nth of the following month).
CREATE TABLE settings (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);
INSERT INTO settings VALUES ('deadline_day', '5');

CREATE MACRO half_of(period) AS
    CAST(year(period) AS VARCHAR) || CASE WHEN month(period) <= 6 THEN 'H1' ELSE 'H2' END;

CREATE MACRO previous_half(half) AS
    CAST(CAST(half[1:4] AS INTEGER) - 1 AS VARCHAR) || half[5:6];

-- Each unit's half-year value by the indicator's rule; blank months are not zeros.
CREATE VIEW half_year_values AS
WITH reported AS (
    SELECT
        m.unit_code,
        half_of(m.period) AS half,
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
        half,
        indicator_code,
        CASE any_value(aggregation)
            WHEN 'sum' THEN sum(value)
            WHEN 'last' THEN arg_max(value, period)
            WHEN 'max' THEN max(value)
        END AS value,
        count(*) AS months_reported
    FROM reported
    GROUP BY unit_code, half, indicator_code
)
SELECT * FROM final;

-- The monthly cells behind each unit's half-year value: every month for sum, the latest for
-- last, the largest for max (the earliest such month on ties).
CREATE VIEW half_year_sources AS
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

-- The county: the sum over units of their half-year values, beside the same half a year before.
CREATE VIEW county_half_year AS
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

-- Every unit and month from the first to the last month anyone reported: accepted (by the
-- deadline), late (accepted after it), rejected (nothing accepted) or missing.
CREATE VIEW monthly_completeness AS
WITH months AS (
    SELECT CAST(month AS DATE) AS period
    FROM generate_series(
        (SELECT min(period) FROM submissions),
        (SELECT max(period) FROM submissions),
        INTERVAL 1 MONTH
    ) AS t(month)
),
deadline AS (
    SELECT CAST(value AS INTEGER) AS day FROM settings WHERE key = 'deadline_day'
),
per_unit AS (
    SELECT
        unit_code,
        period,
        min(received_at) FILTER (WHERE status IN ('accepted', 'superseded')) AS first_accepted_at,
        count(*) FILTER (WHERE status = 'rejected') AS rejected
    FROM submissions
    WHERE unit_code IS NOT NULL AND period IS NOT NULL
    GROUP BY unit_code, period
),
final AS (
    SELECT
        u.unit_code,
        u.unit_name,
        u.kind,
        m.period,
        CAST(m.period + INTERVAL 1 MONTH + INTERVAL ((SELECT day FROM deadline) - 1) DAY AS DATE) AS deadline,
        p.first_accepted_at,
        CASE
            WHEN p.first_accepted_at IS NOT NULL
                 AND CAST(p.first_accepted_at AS DATE)
                     <= m.period + INTERVAL 1 MONTH + INTERVAL ((SELECT day FROM deadline) - 1) DAY
                THEN 'accepted'
            WHEN p.first_accepted_at IS NOT NULL THEN 'late'
            WHEN coalesce(p.rejected, 0) > 0 THEN 'rejected'
            ELSE 'missing'
        END AS status
    FROM units AS u
    CROSS JOIN months AS m
    LEFT JOIN per_unit AS p ON p.unit_code = u.unit_code AND p.period = m.period
)
SELECT * FROM final;
