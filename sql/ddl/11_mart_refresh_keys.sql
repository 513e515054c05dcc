-- mart_refresh_keys: the reports whose materialised mart rows publish is recomputing (empty between loads).
CREATE TABLE IF NOT EXISTS mart_refresh_keys (
    report_key BIGINT NOT NULL
);
COMMENT ON TABLE mart_refresh_keys IS 'Internal: reports whose materialised mart rows are being refreshed (empty outside a publish).';
