-- The half a month falls in ('2020H1', '2020H2') and the same half a year before.
CREATE OR REPLACE MACRO half_of(period) AS
    CAST(year(period) AS VARCHAR) || CASE WHEN month(period) <= 6 THEN 'H1' ELSE 'H2' END;

CREATE OR REPLACE MACRO previous_half(half) AS
    CAST(CAST(half[1:4] AS INTEGER) - 1 AS VARCHAR) || half[5:6];
