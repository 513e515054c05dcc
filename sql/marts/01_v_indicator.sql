-- v_indicator: one row per statistic of a current report version, with its region, year, metric,
-- value, unit, flags and provenance (source sentence, span and URI). Older versions are left out.
CREATE OR REPLACE VIEW v_indicator AS
WITH source AS (
    SELECT f.*, r.title, r.report_year, r.source_uri, r.publisher
    FROM fact_statistic AS f
    JOIN dim_report AS r USING (report_key)
    WHERE r.is_current
),
renamed AS (
    SELECT
        s.statistic_key,
        s.report_key,
        s.region_key,
        g.region_code,
        g.region_name,
        g.region_level,
        g.province_name,
        g.prefecture_name,
        s.report_year,
        s.period_year,
        m.metric_code,
        m.name_zh                                 AS metric_name_zh,
        m.name_en                                 AS metric_name_en,
        m.category                                AS metric_category,
        s.value,
        s.value_max,
        s.unit,
        s.kind,
        s.is_approximate,
        s.is_target,
        s.is_partial_period,
        s.unit_inferred,
        s.parent_statistic_key IS NOT NULL       AS is_breakdown_part,
        s.parent_statistic_key,
        s.breakdown_status,
        s.raw_label,
        s.surface,
        s.sentence,
        s.section_path,
        s.char_start,
        s.char_end,
        s.title                                   AS report_title,
        s.publisher,
        s.source_uri
    FROM source AS s
    JOIN dim_metric AS m USING (metric_key)
    LEFT JOIN dim_region AS g ON g.region_key = s.region_key
),
final AS (
    SELECT * FROM renamed
)
SELECT * FROM final;
COMMENT ON VIEW v_indicator IS '指标明细: one row per statistic of a current report version, with region, year, metric, value, unit, flags, source sentence and URI.';
