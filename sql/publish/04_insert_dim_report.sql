-- New report versions: numbered after the versions of their series already published (a staged
-- version already in dim_report is a re-extraction: 04b_reextract_versions.sql).
INSERT INTO dim_report
SELECT s.report_key, s.title, s.region_key, s.report_year, s.published_date_key, s.signed_date_key,
       s.publisher, s.source_uri, s.content_sha256, s.body_text, $loaded_at,
       s.series_key,
       COALESCE((SELECT max(r.version) FROM dim_report AS r WHERE r.series_key = s.series_key), 0)
         + row_number() OVER (PARTITION BY s.series_key ORDER BY s.source_uri, s.report_key),
       FALSE,
       s.final_url, s.fetched_at, s.region_matched_text, s.region_unresolved_reason, s.read_warnings,
       $load_id, s.extractor_version, $load_id
FROM stg_report AS s
WHERE NOT EXISTS (SELECT 1 FROM dim_report AS r WHERE r.report_key = s.report_key);
