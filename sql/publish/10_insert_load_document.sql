-- What this load did with each input.
INSERT INTO load_document
SELECT $load_id, source_uri, content_sha256, report_key, outcome, reason
FROM stg_document;
