-- Quarantined inputs of the most recent loads, with their reasons.
SELECT q.load_id, q.source_uri, q.stage, q.check_name, q.reason
FROM quarantine AS q
WHERE q.load_id IN (SELECT load_id FROM load_audit ORDER BY started_at DESC LIMIT $limit)
ORDER BY q.quarantined_at DESC, q.source_uri;
