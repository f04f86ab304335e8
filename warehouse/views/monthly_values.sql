-- Current accepted values only: one row per unit, month and indicator on the form, with its cell.
CREATE OR REPLACE VIEW monthly_values AS
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
