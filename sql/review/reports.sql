-- Review index: one row per current report version, with its region, counts of statistics and findings.
SELECT r.report_key, r.title, r.report_year, r.source_uri, r.publisher, r.version, r.load_id,
       r.region_matched_text, r.region_unresolved_reason, r.read_warnings,
       g.region_code, g.region_name,
       (SELECT count(*) FROM fact_statistic AS f WHERE f.report_key = r.report_key) AS statistics,
       (SELECT count(*) FROM gate_result AS q WHERE q.report_key = r.report_key) AS findings
FROM dim_report AS r
LEFT JOIN dim_region AS g USING (region_key)
WHERE r.is_current
ORDER BY g.region_code NULLS LAST, r.report_year, r.report_key;
