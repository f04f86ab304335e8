-- Every label that rejected submissions could not resolve to one indicator, taken from their stored
-- messages by the wording labels.unresolved_text gives ($pattern: its first group is the label):
-- how often, which units, files and months, most frequent first.
WITH messages AS (
    SELECT unit_code, period, source_file, unnest(messages) AS message
    FROM submissions
    WHERE status = 'rejected'
),
labelled AS (
    SELECT regexp_extract(message, $pattern, 1) AS label, unit_code, period, source_file
    FROM messages
),
final AS (
    SELECT
        label,
        count(*) AS times,
        list(DISTINCT unit_code ORDER BY unit_code) FILTER (WHERE unit_code IS NOT NULL) AS units,
        list(DISTINCT source_file ORDER BY source_file) AS files,
        list(DISTINCT period ORDER BY period) FILTER (WHERE period IS NOT NULL) AS months
    FROM labelled
    WHERE label <> ''
    GROUP BY label
)
SELECT label, times, coalesce(units, []), files, coalesce(months, [])
FROM final
ORDER BY times DESC, label
