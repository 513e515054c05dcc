-- Materialised marts: recompute the rows of the current reports this load extracted, new or
-- re-extracted (all current reports when $full, e.g. after the catalog or a mart definition
-- changed) and drop rows of superseded versions.
-- Every mart here is per report, so a load's cost follows its own reports, not the warehouse size.
DELETE FROM mart_refresh_keys;
INSERT INTO mart_refresh_keys
SELECT report_key FROM dim_report WHERE is_current AND ($full OR extracted_load_id = $load_id);
DELETE FROM mart_metric_value
WHERE report_key IN (SELECT report_key FROM mart_refresh_keys)
   OR report_key NOT IN (SELECT report_key FROM dim_report WHERE is_current);
INSERT INTO mart_metric_value SELECT * FROM v_metric_value_live;
DELETE FROM mart_report_completeness
WHERE report_key IN (SELECT report_key FROM mart_refresh_keys)
   OR report_key NOT IN (SELECT report_key FROM dim_report WHERE is_current);
INSERT INTO mart_report_completeness SELECT * FROM v_report_completeness_live;
DELETE FROM mart_breakdown_consistency
WHERE report_key IN (SELECT report_key FROM mart_refresh_keys)
   OR report_key NOT IN (SELECT report_key FROM dim_report WHERE is_current);
INSERT INTO mart_breakdown_consistency SELECT * FROM v_breakdown_consistency_live;
DELETE FROM mart_refresh_keys;
