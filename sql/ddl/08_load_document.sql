-- load_document: what each load did with each input (published, skipped, duplicate, quarantined).
CREATE TABLE IF NOT EXISTS load_document (
    load_id        VARCHAR NOT NULL,
    source_uri     VARCHAR NOT NULL,
    content_sha256 VARCHAR,
    report_key     BIGINT,
    outcome        VARCHAR NOT NULL,
    reason         VARCHAR
);
COMMENT ON TABLE load_document IS '加载明细: one row per input per load, so every input is accounted for.';
COMMENT ON COLUMN load_document.load_id IS 'The load (load_audit).';
COMMENT ON COLUMN load_document.source_uri IS 'The input as given.';
COMMENT ON COLUMN load_document.content_sha256 IS 'SHA-256 of the input bytes.';
COMMENT ON COLUMN load_document.report_key IS 'The report version it is (dim_report), when known.';
COMMENT ON COLUMN load_document.outcome IS 'published | unchanged | duplicate | quarantined (a re-extracted version is published, its reason says so).';
COMMENT ON COLUMN load_document.reason IS 'Why (for unchanged, duplicate and quarantined); for a re-extracted version the extractor versions, e.g. re-extracted: extractor 0.8.0 → 0.9.0.';
