-- v_report_completeness: one row per current report and core metric: 'reported', 'reported_as_zero'
-- or 'not_reported' (only a target or a partial-period figure counts as 'partial_or_target').
-- The core metrics are the rows of `core` below (what the evaluation frameworks compare).
--
-- Materialised per report at publish (sql/publish/13_refresh_marts.sql) into mart_report_completeness:
-- computing it from 1 M facts takes longer than an interactive query should.
CREATE TABLE IF NOT EXISTS mart_report_completeness AS SELECT * FROM v_report_completeness_live WHERE false;
CREATE OR REPLACE VIEW v_report_completeness AS SELECT * FROM mart_report_completeness;
COMMENT ON TABLE mart_report_completeness IS 'Materialised rows of v_report_completeness, refreshed per report at publish (query v_report_completeness).';
COMMENT ON VIEW v_report_completeness IS '报告完整性: one row per current report and core metric: reported, reported_as_zero, partial_or_target or not_reported.';
