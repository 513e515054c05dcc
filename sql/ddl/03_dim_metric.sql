-- dim_metric: the canonical metric catalog (seeds/metric_catalog.csv) plus 'unclassified'.
CREATE TABLE IF NOT EXISTS dim_metric (
    metric_key         BIGINT  NOT NULL,
    metric_code        VARCHAR NOT NULL,
    name_zh            VARCHAR NOT NULL,
    name_en            VARCHAR,
    category           VARCHAR,
    unit               VARCHAR,
    is_additive        BOOLEAN,
    parent_metric_code VARCHAR,
    unit_family        VARCHAR,
    rate_max           DOUBLE
);
COMMENT ON TABLE dim_metric IS '指标维度: canonical metrics from seeds/metric_catalog.csv; unclassified = label not yet mapped (see v_unmapped_labels).';
COMMENT ON COLUMN dim_metric.metric_key IS 'Surrogate key (stable hash of metric_code).';
COMMENT ON COLUMN dim_metric.metric_code IS 'English code, e.g. recon_cases_received.';
COMMENT ON COLUMN dim_metric.name_zh IS '指标中文名称.';
COMMENT ON COLUMN dim_metric.name_en IS 'English name.';
COMMENT ON COLUMN dim_metric.category IS 'Area, e.g. reconsideration, litigation, legal_aid.';
COMMENT ON COLUMN dim_metric.unit IS 'Canonical base unit, e.g. 件, 人次, 元, %.';
COMMENT ON COLUMN dim_metric.is_additive IS 'True when values may be summed across regions of one level (flows); rates and stocks are not.';
COMMENT ON COLUMN dim_metric.parent_metric_code IS 'Metric this one is a breakdown of.';
COMMENT ON COLUMN dim_metric.unit_family IS 'Units the metric may be reported in (e.g. case: 件/案/宗/起).';
COMMENT ON COLUMN dim_metric.rate_max IS 'Upper bound for rates that cannot exceed it (100 for 满意度); null when unbounded.';
