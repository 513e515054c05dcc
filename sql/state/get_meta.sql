-- A remembered setting.
SELECT value FROM warehouse_meta WHERE key = $key;
