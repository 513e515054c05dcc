"""The DuckDB warehouse: schema from sql/, atomic publish, read-only state queries."""
