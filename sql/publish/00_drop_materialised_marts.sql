-- The materialised mart tables, dropped when their definitions (sql/marts) changed; ensure_schema
-- recreates them and publish refills them (sql/publish/13_refresh_marts.sql).
DROP TABLE IF EXISTS mart_metric_value;
DROP TABLE IF EXISTS mart_report_completeness;
DROP TABLE IF EXISTS mart_breakdown_consistency;
