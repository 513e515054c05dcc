-- Gate findings recorded for a set of report versions (warnings: blocked versions are never published).
SELECT report_key, load_id, suite, check_name, severity, failed_rows, details
FROM gate_result
WHERE report_key IN (SELECT unnest($report_keys))
ORDER BY report_key, severity, suite, check_name;
