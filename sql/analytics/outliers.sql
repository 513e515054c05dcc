-- Outliers: county figures far from what comparable counties reported for the same metric and year.
-- A value is an outlier when it lies more than 3 median absolute deviations from the median of at
-- least 4 reports (robust to the outlier itself, unlike mean and standard deviation).
WITH params AS (
    SELECT 3.0 AS max_deviations, 4 AS min_reports
),
source AS (
    SELECT region_code, region_name, report_year, metric_code, metric_name_zh, value, unit, sentence, source_uri
    FROM v_metric_value
    WHERE region_level = 'county'
),
spread AS (
    SELECT report_year, metric_code, unit, count(*) AS reports, median(value) AS median_value,
           median(abs(value - med)) AS mad
    FROM (SELECT *, median(value) OVER (PARTITION BY report_year, metric_code, unit) AS med FROM source)
    GROUP BY report_year, metric_code, unit
),
final AS (
    SELECT
        s.region_code, s.region_name, s.report_year, s.metric_code, s.metric_name_zh, s.value, s.unit,
        x.median_value, x.mad, x.reports,
        round(abs(s.value - x.median_value) / x.mad, 1) AS deviations,
        s.sentence, s.source_uri
    FROM source AS s
    JOIN spread AS x USING (report_year, metric_code, unit)
    CROSS JOIN params AS p
    WHERE x.reports >= p.min_reports
      AND x.mad > 0
      AND abs(s.value - x.median_value) > p.max_deviations * x.mad
)
SELECT * FROM final
ORDER BY deviations DESC, metric_code;
