-- The warehouse's first schema: reference tables, received files, submissions and their values.
CREATE TABLE units (
    unit_code   VARCHAR PRIMARY KEY,
    unit_name   VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    aliases     VARCHAR[] NOT NULL
);

CREATE TABLE indicators (
    indicator_code  VARCHAR PRIMARY KEY,
    indicator_name  VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    aggregation     VARCHAR NOT NULL,
    value_type      VARCHAR NOT NULL,
    reported_by     VARCHAR NOT NULL,
    section         VARCHAR NOT NULL,
    form_position   INTEGER NOT NULL
);

-- Every file ever received, by content; the archive holds its bytes.
CREATE TABLE received_files (
    sha256        VARCHAR PRIMARY KEY,
    source_file   VARCHAR NOT NULL,
    inbox_path    VARCHAR NOT NULL,
    archive_path  VARCHAR NOT NULL,
    size_bytes    BIGINT NOT NULL,
    modified_at   TIMESTAMP NOT NULL,
    received_at   TIMESTAMP NOT NULL
);

-- One row per unit and month a file claims to report; rejected ones keep their reasons.
CREATE TABLE submissions (
    submission_id  VARCHAR PRIMARY KEY,
    source_file    VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    unit_code      VARCHAR,
    period         DATE,
    status         VARCHAR NOT NULL,
    messages       VARCHAR[] NOT NULL,
    received_at    TIMESTAMP NOT NULL,
    modified_at    TIMESTAMP NOT NULL
);

-- The values of accepted and superseded submissions (rejected ones load none).
CREATE TABLE submission_values (
    submission_id   VARCHAR NOT NULL,
    indicator_code  VARCHAR NOT NULL,
    value           DOUBLE,
    source_sheet    VARCHAR NOT NULL,
    source_cell     VARCHAR NOT NULL,
    PRIMARY KEY (submission_id, indicator_code)
);

CREATE VIEW monthly_values AS
WITH current_submissions AS (
    SELECT submission_id, unit_code, period, source_file
    FROM submissions
    WHERE status = 'accepted'
),
final AS (
    SELECT
        s.unit_code,
        u.unit_name,
        s.period,
        v.indicator_code,
        i.indicator_name,
        v.value,
        s.submission_id,
        s.source_file,
        v.source_sheet,
        v.source_cell
    FROM submission_values AS v
    JOIN current_submissions AS s USING (submission_id)
    LEFT JOIN units AS u ON u.unit_code = s.unit_code
    LEFT JOIN indicators AS i ON i.indicator_code = v.indicator_code
)
SELECT * FROM final;
