-- A county over the years: every core metric it reported, one row per metric and year, with the
-- change from the previous year where both years were reported. Edit `params` to choose the county.
WITH params AS (
    SELECT '平遥县' AS region_name
),
source AS (
    SELECT v.*
    FROM v_metric_value AS v, params AS p
    WHERE v.region_name = p.region_name
),
final AS (
    SELECT
        s.region_name,
        s.metric_code,
        s.metric_name_zh,
        s.report_year AS year,
        s.value,
        s.unit,
        y.change,
        y.change_pct
    FROM source AS s
    LEFT JOIN v_indicator_yoy AS y
      ON y.region_code = s.region_code AND y.metric_code = s.metric_code AND y.year = s.report_year
)
SELECT * FROM final
ORDER BY metric_code, year;
