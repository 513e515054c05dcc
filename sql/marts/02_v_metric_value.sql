-- v_metric_value: one row per current report and catalog metric: the value the report gives for its
-- own year (the first mention wins; repeats are counted so a conflict is visible). Targets, partial
-- periods, changes and ranges are left out: they are not the year's figure. Input of the rate and
-- year-over-year views.
CREATE OR REPLACE VIEW v_metric_value AS
WITH source AS (
    SELECT *
    FROM v_indicator
    WHERE metric_code <> 'unclassified'
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
COMMENT ON VIEW v_metric_value IS '指标年度值: one row per current report and catalog metric, the figure for the report''s own year (first mention; conflicting repeats flagged).';
