-- The periods a month falls in ('2020H1' or '2020H2', and the year '2020') and the same period a year before.
CREATE OR REPLACE MACRO half_of(period) AS
    CAST(year(period) AS VARCHAR) || CASE WHEN month(period) <= 6 THEN 'H1' ELSE 'H2' END;

CREATE OR REPLACE MACRO periods_of(period) AS
    [half_of(period), CAST(year(period) AS VARCHAR)];

CREATE OR REPLACE MACRO previous_period(label) AS
    CAST(CAST(label[1:4] AS INTEGER) - 1 AS VARCHAR) || label[5:];

CREATE OR REPLACE MACRO previous_half(half) AS
    previous_period(half);
