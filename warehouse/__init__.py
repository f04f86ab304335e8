"""The DuckDB warehouse: schema and migrations, loading, analyst views and the Parquet export."""
