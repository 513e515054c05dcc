-- v_report_completeness_live: the rows of v_report_completeness (see 07_v_report_completeness.sql) for the reports listed in
-- mart_refresh_keys only; publish inserts them into the table mart_report_completeness.
CREATE OR REPLACE VIEW v_report_completeness_live AS
WITH core (metric_code, area) AS (
    VALUES
        ('ar_applications', '行政复议'), ('ar_concluded', '行政复议'), ('ar_corrected', '行政复议'),
        ('al_cases', '行政诉讼'), ('al_first_instance_concluded', '行政诉讼'), ('al_lost', '行政诉讼'),
        ('al_head_appearances', '行政诉讼'), ('la_cases', '法律援助'), ('normdoc_reviews', '规范性文件'),
        ('dec_major_decisions', '重大决策'), ('le_cases_total', '行政执法')
),
source AS (
    SELECT r.report_key, r.title, r.report_year, r.source_uri, g.region_code, g.region_name
    FROM dim_report AS r
    LEFT JOIN dim_region AS g USING (region_key)
    WHERE r.is_current AND r.report_key IN (SELECT report_key FROM mart_refresh_keys)
),
mentioned AS (
    SELECT report_key, metric_code,
           bool_or(NOT is_target AND NOT is_partial_period AND kind <> 'change') AS has_figure,
           max(value) FILTER (WHERE NOT is_target AND NOT is_partial_period AND kind <> 'change') AS value
    FROM v_indicator
    WHERE report_key IN (SELECT report_key FROM mart_refresh_keys)
    GROUP BY report_key, metric_code
),
renamed AS (
    SELECT
        s.report_key, s.region_code, s.region_name, s.report_year, s.title, s.source_uri,
        c.area, c.metric_code, m.name_zh AS metric_name_zh, x.value,
        CASE
            WHEN x.report_key IS NULL THEN 'not_reported'
            WHEN NOT x.has_figure THEN 'partial_or_target'
            WHEN x.value = 0 THEN 'reported_as_zero'
            ELSE 'reported'
        END AS status
    FROM source AS s
    CROSS JOIN core AS c
    LEFT JOIN dim_metric AS m ON m.metric_code = c.metric_code
    LEFT JOIN mentioned AS x ON x.report_key = s.report_key AND x.metric_code = c.metric_code
),
final AS (
    SELECT *, count(*) FILTER (WHERE status IN ('reported', 'reported_as_zero'))
                  OVER (PARTITION BY report_key) AS core_metrics_reported,
              count(*) OVER (PARTITION BY report_key) AS core_metrics
    FROM renamed
)
SELECT * FROM final;
COMMENT ON VIEW v_report_completeness_live IS 'Internal: v_report_completeness rows of the reports in mart_refresh_keys (used by publish).';
