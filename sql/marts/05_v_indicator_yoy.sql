-- v_indicator_yoy: one row per region, metric and year that the region also reported the year before:
-- the change and percent change from the previous year's figure (current report versions only).
CREATE OR REPLACE VIEW v_indicator_yoy AS
WITH source AS MATERIALIZED (  -- computed once for both sides of the self-join
    SELECT region_key, region_code, region_name, report_year, metric_code, metric_name_zh, unit, value, is_approximate
    FROM v_metric_value
    WHERE region_key <> -1  -- two unresolved reports are not the same region
),
renamed AS (
    SELECT
        cur.region_code, cur.region_name, cur.metric_code, cur.metric_name_zh, cur.unit,
        cur.report_year                              AS year,
        prev.value                                   AS previous_value,
        cur.value                                    AS value,
        cur.value - prev.value                       AS change,
        CASE WHEN prev.value <> 0 THEN round(100.0 * (cur.value - prev.value) / prev.value, 2) END AS change_pct,
        cur.is_approximate OR prev.is_approximate    AS is_approximate
    FROM source AS cur
    JOIN source AS prev
      ON prev.region_key = cur.region_key
     AND prev.metric_code = cur.metric_code
     AND prev.unit = cur.unit
     AND prev.report_year = cur.report_year - 1
),
final AS (
    SELECT * FROM renamed
)
SELECT * FROM final;
COMMENT ON VIEW v_indicator_yoy IS '同比变化: one row per region, metric and year also reported the year before: change and percent change.';
