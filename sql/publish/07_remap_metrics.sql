-- Curation loop: re-apply the current catalog mapping (staged as stg_label_map) to published facts.
UPDATE fact_statistic AS f
SET metric_key = m.metric_key, unit_in_family = m.unit_in_family
FROM stg_label_map AS m
WHERE f.raw_label IS NOT DISTINCT FROM m.raw_label
  AND f.unit = m.unit
  AND f.metric_key IS DISTINCT FROM m.metric_key;
