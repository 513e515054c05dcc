-- Statistics of the report versions this load extracted (new or re-extracted); the region is the
-- published version's, so a re-extracted version's facts agree with its kept dim_report row.
INSERT INTO fact_statistic
SELECT f.statistic_key, f.report_key, r.region_key, f.metric_key, f.period_year, f.value, f.value_max,
       f.unit, f.kind, f.is_approximate, f.is_target, f.parent_statistic_key, f.raw_label, f.surface,
       f.sentence, f.char_start, f.char_end, f.section_path, f.extractor_version, $load_id,
       f.unit_inferred, f.is_partial_period, f.breakdown_status, f.unit_in_family, f.also_at
FROM stg_fact AS f
JOIN dim_report AS r ON r.report_key = f.report_key AND r.extracted_load_id = $load_id;
