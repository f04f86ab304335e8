-- The catalog changes over time: each indicator's first and last month on the form (NULL = open) and the
-- code of the indicator it renames, so that analysts see what was asked when. The table keeps every version.
ALTER TABLE indicators ADD COLUMN valid_from DATE;
ALTER TABLE indicators ADD COLUMN valid_to DATE;
ALTER TABLE indicators ADD COLUMN replaces VARCHAR;
