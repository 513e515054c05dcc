-- Reference data is replaced whole from seeds/regions.csv (staged as stg_region); -1 = not resolved.
DELETE FROM dim_region;
INSERT INTO dim_region
SELECT -1, '000000', '未识别', 'unknown', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
UNION ALL
SELECT CAST(region_code AS BIGINT), region_code, region_name, region_level,
       province_name, prefecture_name, county_name, parent_region_code,
       unit_type, CAST(valid_from AS INTEGER), CAST(valid_to AS INTEGER), successor_region_code,
       CAST(is_current AS BOOLEAN)
FROM stg_region;
