-- Statistics of a set of report versions in text order, with their metric, for highlighting.
SELECT f.report_key, f.statistic_key, f.char_start, f.char_end, f.surface, f.value, f.value_max, f.unit, f.kind,
       f.is_approximate, f.is_target, f.is_partial_period, f.unit_inferred, f.breakdown_status,
       f.parent_statistic_key, f.raw_label, f.section_path, f.period_year,
       m.metric_code, m.name_zh AS metric_name_zh
FROM fact_statistic AS f
JOIN dim_metric AS m USING (metric_key)
WHERE f.report_key IN (SELECT unnest($report_keys))
ORDER BY f.report_key, f.char_start, f.char_end;
