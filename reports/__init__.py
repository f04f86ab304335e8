"""Half-year indicator tables, the indicator workbook and the summary document."""
