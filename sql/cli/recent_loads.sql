-- The most recent loads, newest first. documents_reextracted (of documents_published) is matched by
-- pattern: status opens the warehouse read-only, and a warehouse no load of this fazhi has written
-- to yet lacks the column.
SELECT load_id, status, started_at, finished_at, documents_seen,
       COLUMNS('^documents_(published|reextracted)$'),
       documents_skipped, documents_quarantined, facts_published, warnings, extractor_version
FROM load_audit
ORDER BY started_at DESC
LIMIT $limit;
