-- Gate findings of this load (blocking and warning).
INSERT INTO gate_result
SELECT $load_id, report_key, source_uri, suite, check_name, severity, failed_rows, details
FROM stg_finding;
