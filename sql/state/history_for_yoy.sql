-- Published current-version values per region, metric and year, for the year-over-year gate.
SELECT f.region_key, f.metric_key, f.unit, f.kind, f.period_year, f.value
FROM fact_statistic AS f
JOIN dim_report AS r USING (report_key)
WHERE r.is_current AND NOT f.is_target AND f.kind IN ('count', 'amount');
