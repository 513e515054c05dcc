-- The metric catalog is replaced whole from seeds/metric_catalog.csv (staged as stg_metric).
DELETE FROM dim_metric;
INSERT INTO dim_metric
SELECT metric_key, metric_code, name_zh, name_en, category, unit, is_additive,
       parent_metric_code, unit_family, rate_max
FROM stg_metric;
