-- Curation loop: re-apply the current catalog mapping (staged as stg_label_map) to published facts.
UPDATE fact_statistic AS f
SET metric_key = m.metric_key, unit_in_family = m.unit_in_family
FROM stg_label_map AS m
WHERE f.statistic_key = m.statistic_key
  AND (f.metric_key IS DISTINCT FROM m.metric_key OR f.unit_in_family IS DISTINCT FROM m.unit_in_family);
