-- quarantine: every input or fact held back, and why.
CREATE TABLE IF NOT EXISTS quarantine (
    load_id        VARCHAR   NOT NULL,
    source_uri     VARCHAR   NOT NULL,
    content_sha256 VARCHAR,
    stage          VARCHAR   NOT NULL,
    check_name     VARCHAR   NOT NULL,
    reason         VARCHAR   NOT NULL,
    details        VARCHAR,
    quarantined_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE quarantine IS '隔离区: every input held back by a load, with the stage, the check and a reason a person can act on.';
COMMENT ON COLUMN quarantine.load_id IS 'The load (load_audit).';
COMMENT ON COLUMN quarantine.source_uri IS 'The input as given.';
COMMENT ON COLUMN quarantine.content_sha256 IS 'SHA-256 of the input bytes, when they could be read.';
COMMENT ON COLUMN quarantine.stage IS 'discover | fetch | read | extract | clean | gate | publish.';
COMMENT ON COLUMN quarantine.check_name IS 'The check that failed.';
COMMENT ON COLUMN quarantine.reason IS 'What is wrong and what to do.';
COMMENT ON COLUMN quarantine.details IS 'Failing rows or values (JSON).';
COMMENT ON COLUMN quarantine.quarantined_at IS 'When (UTC).';
