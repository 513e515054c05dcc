-- Versions already published that this load re-extracted (their facts came from another extractor
-- version): the old facts go, 06 inserts the new ones; the dim_report row stays (same content, same
-- key), only its extractor_version and extracted_load_id change. New versions have no facts yet.
DELETE FROM fact_statistic
WHERE report_key IN (SELECT report_key FROM stg_report);
UPDATE dim_report AS r
SET extractor_version = s.extractor_version, extracted_load_id = $load_id
FROM stg_report AS s
WHERE r.report_key = s.report_key AND r.load_id <> $load_id;
