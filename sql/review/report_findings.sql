-- Gate findings recorded for one report version (warnings: blocked versions are never published).
SELECT load_id, suite, check_name, severity, failed_rows, details
FROM gate_result
WHERE report_key = $report_key
ORDER BY severity, suite, check_name;
