-- fact_statistic: one row per statistic found in a report version, grounded by its span in body_text.
CREATE TABLE IF NOT EXISTS fact_statistic (
    statistic_key        BIGINT  NOT NULL,
    report_key           BIGINT  NOT NULL,
    region_key           BIGINT  NOT NULL,
    metric_key           BIGINT  NOT NULL,
    period_year          INTEGER,
    value                DOUBLE  NOT NULL,
    value_max            DOUBLE,
    unit                 VARCHAR NOT NULL,
    kind                 VARCHAR NOT NULL,
    is_approximate       BOOLEAN NOT NULL,
    is_target            BOOLEAN NOT NULL,
    parent_statistic_key BIGINT,
    raw_label            VARCHAR,
    surface              VARCHAR NOT NULL,
    sentence             VARCHAR,
    char_start           INTEGER NOT NULL,
    char_end             INTEGER NOT NULL,
    section_path         VARCHAR,
    extractor_version    VARCHAR NOT NULL,
    load_id              VARCHAR NOT NULL,
    unit_inferred        BOOLEAN NOT NULL,
    is_partial_period    BOOLEAN NOT NULL,
    breakdown_status     VARCHAR,
    unit_in_family       BOOLEAN,
    also_at              VARCHAR
);
COMMENT ON TABLE fact_statistic IS '统计事实: one statistic of one report version; substr(body_text, char_start + 1, char_end - char_start) = surface.';
COMMENT ON COLUMN fact_statistic.statistic_key IS 'Surrogate key (stable hash of report and span).';
COMMENT ON COLUMN fact_statistic.report_key IS 'The report version (dim_report).';
COMMENT ON COLUMN fact_statistic.region_key IS 'Reporting government (dim_region), copied from the report.';
COMMENT ON COLUMN fact_statistic.metric_key IS 'Canonical metric (dim_metric); unclassified when the label is not yet mapped.';
COMMENT ON COLUMN fact_statistic.period_year IS 'The year the number describes (a target: its target year; a prior-year value: that year).';
COMMENT ON COLUMN fact_statistic.value IS 'Value in the base unit (1.2万人次 → 12000); lower bound for ranges; signed for changes.';
COMMENT ON COLUMN fact_statistic.value_max IS 'Upper bound of a range (3至5名 → 5).';
COMMENT ON COLUMN fact_statistic.unit IS 'Base unit: 件, 人, 人次, 元, %, 百分点, ...';
COMMENT ON COLUMN fact_statistic.kind IS 'count | percent | amount | change | range.';
COMMENT ON COLUMN fact_statistic.is_approximate IS '余/多/约/近/逾/超过: the value is as written, an estimate.';
COMMENT ON COLUMN fact_statistic.is_target IS 'A plan or target (计划/力争/目标), not an achieved result.';
COMMENT ON COLUMN fact_statistic.parent_statistic_key IS 'The total this number is a breakdown part of (其中…).';
COMMENT ON COLUMN fact_statistic.raw_label IS 'What is counted, as the report words it.';
COMMENT ON COLUMN fact_statistic.surface IS 'The number as written, e.g. 160余人.';
COMMENT ON COLUMN fact_statistic.sentence IS 'The sentence the number came from.';
COMMENT ON COLUMN fact_statistic.char_start IS '0-based start of surface in dim_report.body_text (characters).';
COMMENT ON COLUMN fact_statistic.char_end IS 'End (exclusive) of surface in dim_report.body_text.';
COMMENT ON COLUMN fact_statistic.section_path IS 'Heading path, e.g. 一、(三) 2.';
COMMENT ON COLUMN fact_statistic.extractor_version IS 'Version of the extractor that produced the row.';
COMMENT ON COLUMN fact_statistic.load_id IS 'The load that published the row (load_audit).';
COMMENT ON COLUMN fact_statistic.unit_inferred IS 'The text gave no unit; it was inferred from the label, a sibling or the parent.';
COMMENT ON COLUMN fact_statistic.is_partial_period IS 'The number covers part of the period (截至12月20日, 今年以来).';
COMMENT ON COLUMN fact_statistic.breakdown_status IS 'On totals with parts: exact | partial | exceeds (parts summed vs the total).';
COMMENT ON COLUMN fact_statistic.unit_in_family IS 'False when the unit is outside the metric''s unit family (kept, flagged).';
COMMENT ON COLUMN fact_statistic.also_at IS 'Other spans (start-end) where the same statistic is stated again in the report.';
