-- Migration: report versions published before dim_report.extractor_version existed get the version
-- their facts carry (the oldest, if mixed), else their load's (a version without facts), and their
-- own load as the one that extracted them. Versions with no known extractor stay null: re-extracted.
UPDATE dim_report AS r
SET extractor_version = coalesce(
        r.extractor_version,
        (SELECT min(f.extractor_version) FROM fact_statistic AS f WHERE f.report_key = r.report_key),
        (SELECT a.extractor_version FROM load_audit AS a WHERE a.load_id = r.load_id)
    ),
    extracted_load_id = coalesce(r.extracted_load_id, r.load_id)
WHERE r.extracted_load_id IS NULL;
