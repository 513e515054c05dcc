-- gate_result: each gate finding per report and load, blocking or warning.
CREATE TABLE IF NOT EXISTS gate_result (
    load_id     VARCHAR NOT NULL,
    report_key  BIGINT,
    source_uri  VARCHAR NOT NULL,
    suite       VARCHAR NOT NULL,
    check_name  VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,
    failed_rows INTEGER NOT NULL,
    details     VARCHAR
);
COMMENT ON TABLE gate_result IS '质量检查结果: failed expectations per report and load; severity blocking (report quarantined) or warning (published, flagged).';
COMMENT ON COLUMN gate_result.load_id IS 'The load (load_audit).';
COMMENT ON COLUMN gate_result.report_key IS 'The report version checked.';
COMMENT ON COLUMN gate_result.source_uri IS 'The input as given.';
COMMENT ON COLUMN gate_result.suite IS 'Expectation suite (expectations/*.json).';
COMMENT ON COLUMN gate_result.check_name IS 'The expectation that failed.';
COMMENT ON COLUMN gate_result.severity IS 'blocking | warning.';
COMMENT ON COLUMN gate_result.failed_rows IS 'How many rows failed.';
COMMENT ON COLUMN gate_result.details IS 'Failing keys and values (JSON).';
