-- v_metric_value: one row per current report and catalog metric: the value the report gives for its
-- own year (the first mention wins; repeats are counted so a conflict is visible). Targets, partial
-- periods, changes and ranges are left out: they are not the year's figure. Input of the rate and
-- year-over-year views.
--
-- Materialised: computing it from 1 M facts takes ~1 s, so publish keeps the table mart_metric_value
-- up to date per report (sql/publish/13_refresh_marts.sql): v_metric_value_live computes the rows of the
-- reports listed in mart_refresh_keys only, and v_metric_value reads the table.
CREATE TABLE IF NOT EXISTS mart_metric_value AS SELECT * FROM v_metric_value_live WHERE false;
CREATE OR REPLACE VIEW v_metric_value AS SELECT * FROM mart_metric_value;
COMMENT ON TABLE mart_metric_value IS 'Materialised rows of v_metric_value, refreshed per report at publish (query v_metric_value).';
COMMENT ON VIEW v_metric_value IS '指标年度值: one row per current report and catalog metric, the figure for the report''s own year (first mention; conflicting repeats flagged).';
