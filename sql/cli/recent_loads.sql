-- The most recent loads, newest first.
SELECT load_id, status, started_at, finished_at, documents_seen, documents_published, documents_skipped,
       documents_quarantined, facts_published, warnings
FROM load_audit
ORDER BY started_at DESC
LIMIT $limit;
