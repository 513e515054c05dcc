-- Inputs and reports held back by this load.
INSERT INTO quarantine
SELECT $load_id, source_uri, content_sha256, stage, check_name, reason, details, $quarantined_at
FROM stg_quarantine;
