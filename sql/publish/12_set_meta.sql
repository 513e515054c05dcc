-- Remember a setting (e.g. the catalog hash applied).
DELETE FROM warehouse_meta WHERE key = $key;
INSERT INTO warehouse_meta VALUES ($key, $value);
