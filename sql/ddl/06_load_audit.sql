-- load_audit: one row per load (run of the flow).
CREATE TABLE IF NOT EXISTS load_audit (
    load_id               VARCHAR   NOT NULL,
    flow_run_id           VARCHAR,
    started_at            TIMESTAMP NOT NULL,
    finished_at           TIMESTAMP,
    status                VARCHAR   NOT NULL,
    documents_seen        INTEGER   NOT NULL,
    documents_published   INTEGER   NOT NULL,
    documents_skipped     INTEGER   NOT NULL,
    documents_quarantined INTEGER   NOT NULL,
    facts_published       INTEGER   NOT NULL,
    warnings              INTEGER   NOT NULL,
    extractor_version     VARCHAR,
    documents_reextracted INTEGER
);
-- Added after the first release: warehouses written before get it here (null on their older loads).
ALTER TABLE load_audit ADD COLUMN IF NOT EXISTS documents_reextracted INTEGER;
COMMENT ON TABLE load_audit IS '加载审计: one row per load; status completed | completed_with_quarantine | failed.';
COMMENT ON COLUMN load_audit.load_id IS 'Load identifier (also on every published row).';
COMMENT ON COLUMN load_audit.flow_run_id IS 'Prefect flow run id, when run by Prefect.';
COMMENT ON COLUMN load_audit.started_at IS 'Start (UTC).';
COMMENT ON COLUMN load_audit.finished_at IS 'End (UTC).';
COMMENT ON COLUMN load_audit.status IS 'completed | completed_with_quarantine | failed.';
COMMENT ON COLUMN load_audit.documents_seen IS 'Inputs discovered.';
COMMENT ON COLUMN load_audit.documents_published IS 'Inputs published: new report versions, plus versions re-extracted by a new extractor (documents_reextracted).';
COMMENT ON COLUMN load_audit.documents_skipped IS 'Inputs skipped: unchanged since an earlier load, or duplicates of another input.';
COMMENT ON COLUMN load_audit.documents_quarantined IS 'Inputs held back (see quarantine).';
COMMENT ON COLUMN load_audit.facts_published IS 'Statistics published.';
COMMENT ON COLUMN load_audit.warnings IS 'Warning-level gate findings (published, see gate_result).';
COMMENT ON COLUMN load_audit.extractor_version IS 'Extractor version used.';
COMMENT ON COLUMN load_audit.documents_reextracted IS 'Of documents_published: versions already published, re-extracted because their facts came from another extractor version.';
