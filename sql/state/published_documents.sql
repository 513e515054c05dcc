-- What a published report version was read into (text, metadata), to re-extract it from exactly the
-- text its facts' spans refer to.
SELECT content_sha256, body_text, title, publisher, published_date_key, signed_date_key, report_year,
       region_matched_text, final_url, fetched_at, read_warnings
FROM dim_report
WHERE list_contains($hashes, content_sha256);
