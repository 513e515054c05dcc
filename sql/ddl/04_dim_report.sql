-- dim_report: one row per version of a report (content hash); is_current marks the version marts use.
CREATE TABLE IF NOT EXISTS dim_report (
    report_key               BIGINT    NOT NULL,
    title                    VARCHAR,
    region_key               BIGINT    NOT NULL,
    report_year              INTEGER,
    published_date_key       INTEGER,
    signed_date_key          INTEGER,
    publisher                VARCHAR,
    source_uri               VARCHAR   NOT NULL,
    content_sha256           VARCHAR   NOT NULL,
    body_text                VARCHAR   NOT NULL,
    loaded_at                TIMESTAMP NOT NULL,
    series_key               BIGINT    NOT NULL,
    version                  INTEGER   NOT NULL,
    is_current               BOOLEAN   NOT NULL,
    final_url                VARCHAR,
    fetched_at               TIMESTAMP,
    region_matched_text      VARCHAR,
    region_unresolved_reason VARCHAR,
    read_warnings            VARCHAR,
    load_id                  VARCHAR   NOT NULL,
    extractor_version        VARCHAR,
    extracted_load_id        VARCHAR
);
-- Added after the first release: warehouses written before get them here (filled by 12_backfill_extraction.sql).
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS extractor_version VARCHAR;
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS extracted_load_id VARCHAR;
COMMENT ON TABLE dim_report IS '报告维度: every version of every report loaded; is_current = the version marts use.';
COMMENT ON COLUMN dim_report.report_key IS 'Surrogate key (stable hash of content_sha256).';
COMMENT ON COLUMN dim_report.title IS '报告标题.';
COMMENT ON COLUMN dim_report.region_key IS 'Reporting government (dim_region); -1 when not resolved (see region_unresolved_reason).';
COMMENT ON COLUMN dim_report.report_year IS 'The year reported on (not the publication year).';
COMMENT ON COLUMN dim_report.published_date_key IS '发布日期 (dim_date), from the page metadata line, else the signature date.';
COMMENT ON COLUMN dim_report.signed_date_key IS '落款日期 (dim_date).';
COMMENT ON COLUMN dim_report.publisher IS '发布机关 / 来源.';
COMMENT ON COLUMN dim_report.source_uri IS 'The input path or URL exactly as given.';
COMMENT ON COLUMN dim_report.content_sha256 IS 'SHA-256 of the input bytes.';
COMMENT ON COLUMN dim_report.body_text IS 'Plain body text; fact_statistic spans (char_start, char_end) refer to it.';
COMMENT ON COLUMN dim_report.loaded_at IS 'When this version was published into the warehouse (UTC).';
COMMENT ON COLUMN dim_report.series_key IS 'Same report across versions (region, year, title; else source).';
COMMENT ON COLUMN dim_report.version IS '1 for the first version of a series, then 2, 3, ...';
COMMENT ON COLUMN dim_report.is_current IS 'True for the latest version of its series.';
COMMENT ON COLUMN dim_report.final_url IS 'URL after redirects (URL inputs).';
COMMENT ON COLUMN dim_report.fetched_at IS 'When a URL input was fetched (UTC).';
COMMENT ON COLUMN dim_report.region_matched_text IS 'The text the region was resolved from.';
COMMENT ON COLUMN dim_report.region_unresolved_reason IS 'Why the region could not be resolved (never guessed).';
COMMENT ON COLUMN dim_report.read_warnings IS 'Reader warnings, e.g. numbers outside the chosen article text.';
COMMENT ON COLUMN dim_report.load_id IS 'The load that published this version (load_audit).';
COMMENT ON COLUMN dim_report.extractor_version IS 'Extractor version that produced this version''s facts; a run with another version re-extracts it (same report_key, facts replaced).';
COMMENT ON COLUMN dim_report.extracted_load_id IS 'The load that produced this version''s current facts: load_id, or the later load that re-extracted it.';
