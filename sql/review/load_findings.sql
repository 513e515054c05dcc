-- Gate findings of one load, blocking first, per input.
SELECT source_uri, report_key, suite, check_name, severity, failed_rows, details
FROM gate_result
WHERE load_id = $load_id
ORDER BY source_uri, severity, suite, check_name;
