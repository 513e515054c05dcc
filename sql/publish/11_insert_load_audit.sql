-- The load's own row, written last in the same transaction as everything it describes.
INSERT INTO load_audit VALUES (
    $load_id, $flow_run_id, $started_at, $finished_at, $status, $documents_seen, $documents_published,
    $documents_skipped, $documents_quarantined, $facts_published, $warnings, $extractor_version, $documents_reextracted
);
