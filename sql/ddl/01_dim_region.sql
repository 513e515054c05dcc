-- dim_region: one row per administrative unit (GB/T 2260), plus region_key -1 for "not resolved".
CREATE TABLE IF NOT EXISTS dim_region (
    region_key         BIGINT  NOT NULL,
    region_code        VARCHAR NOT NULL,
    region_name        VARCHAR NOT NULL,
    region_level       VARCHAR NOT NULL,
    province_name      VARCHAR,
    prefecture_name    VARCHAR,
    county_name        VARCHAR,
    parent_region_code VARCHAR,
    unit_type          VARCHAR,
    valid_from         INTEGER,
    valid_to           INTEGER,
    successor_region_code VARCHAR,
    is_current         BOOLEAN
);
COMMENT ON TABLE dim_region IS '行政区划维度 (GB/T 2260). One row per province, prefecture-level or county-level unit; region_key -1 = region not resolved.';
COMMENT ON COLUMN dim_region.region_key IS 'Surrogate key (the numeric region code; -1 = 未识别).';
COMMENT ON COLUMN dim_region.region_code IS '6-digit GB/T 2260 code, e.g. 141128 (方山县).';
COMMENT ON COLUMN dim_region.region_name IS '区划名称, e.g. 方山县.';
COMMENT ON COLUMN dim_region.region_level IS 'province | prefecture | county (| unknown).';
COMMENT ON COLUMN dim_region.province_name IS '所属省级单位.';
COMMENT ON COLUMN dim_region.prefecture_name IS '所属地级单位 (null for provinces).';
COMMENT ON COLUMN dim_region.county_name IS '县级单位名称 (null above county level).';
COMMENT ON COLUMN dim_region.parent_region_code IS 'Code of the parent unit (null for provinces).';
COMMENT ON COLUMN dim_region.unit_type IS '区划类型: 省/市/州/盟/地区/县/区/县级市/旗/自治县 ...';
COMMENT ON COLUMN dim_region.valid_from IS 'First year the unit existed under this code (null: before the table''s history).';
COMMENT ON COLUMN dim_region.valid_to IS 'Last year the unit existed under this code (null: still current).';
COMMENT ON COLUMN dim_region.successor_region_code IS 'The code that replaced this unit (撤县设区, mergers), to link a place across years.';
COMMENT ON COLUMN dim_region.is_current IS 'True when the code is in the current GB/T 2260 table.';
