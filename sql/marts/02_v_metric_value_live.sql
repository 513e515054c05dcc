-- v_metric_value_live: the rows of v_metric_value (see 03_v_metric_value.sql) for the reports listed in
-- mart_refresh_keys only. Publish fills mart_refresh_keys with the reports a load added and inserts
-- these rows into the table mart_metric_value, so the cost of a load does not grow with the warehouse.
CREATE OR REPLACE VIEW v_metric_value_live AS
WITH source AS (
    SELECT *
    FROM v_indicator
    WHERE report_key IN (SELECT report_key FROM mart_refresh_keys)
      AND metric_code <> 'unclassified'
      AND NOT is_target
      AND NOT is_partial_period
      AND kind IN ('count', 'amount', 'percent')
      AND period_year = report_year
),
renamed AS (
    SELECT
        report_key, region_key, region_code, region_name, region_level, report_year, metric_code, metric_name_zh, unit,
        value, is_approximate, statistic_key, sentence, source_uri,
        row_number() OVER (PARTITION BY report_key, metric_code ORDER BY char_start) AS mention,
        count(*) OVER (PARTITION BY report_key, metric_code)                        AS mentions,
        -- min <> max says "more than one distinct value" at a fraction of count(DISTINCT) OVER's cost
        min(value) OVER (PARTITION BY report_key, metric_code)                      AS min_value,
        max(value) OVER (PARTITION BY report_key, metric_code)                      AS max_value
    FROM source
),
final AS (
    SELECT * EXCLUDE (mention, min_value, max_value), min_value <> max_value AS has_conflicting_values
    FROM renamed
    WHERE mention = 1
)
SELECT * FROM final;
COMMENT ON VIEW v_metric_value_live IS 'Internal: v_metric_value rows of the reports in mart_refresh_keys (used by publish).';
