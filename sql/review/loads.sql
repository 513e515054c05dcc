-- The most recent loads for the validation report, newest first.
SELECT load_id, flow_run_id, started_at, finished_at, status, documents_seen, documents_published,
       documents_skipped, documents_quarantined, facts_published, warnings
FROM load_audit
ORDER BY started_at DESC
LIMIT $limit;
