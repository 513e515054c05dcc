-- v_breakdown_consistency_live: the rows of v_breakdown_consistency (see 09_v_breakdown_consistency.sql) for the reports listed in
-- mart_refresh_keys only; publish inserts them into the table mart_breakdown_consistency.
CREATE OR REPLACE VIEW v_breakdown_consistency_live AS
WITH source AS (
    SELECT * FROM v_indicator WHERE report_key IN (SELECT report_key FROM mart_refresh_keys)
),
parts AS (
    SELECT p.parent_statistic_key AS statistic_key,
           count(*)                                        AS parts,
           count(*) FILTER (WHERE p.unit = t.unit)         AS parts_same_unit,
           sum(p.value) FILTER (WHERE p.unit = t.unit)     AS parts_sum,
           string_agg(p.raw_label || ' ' || p.surface, '; ' ORDER BY p.char_start) AS part_list
    FROM source AS p
    JOIN source AS t ON t.statistic_key = p.parent_statistic_key
    GROUP BY p.parent_statistic_key
),
renamed AS (
    SELECT
        t.report_key, t.region_code, t.region_name, t.report_year, t.statistic_key,
        t.metric_code, t.metric_name_zh, t.raw_label, t.surface, t.value AS total, t.unit,
        p.parts, p.parts_same_unit, p.parts_sum, p.part_list,
        t.value - p.parts_sum AS difference,
        CASE
            WHEN p.parts_sum IS NULL THEN 'not_comparable'
            WHEN p.parts_sum = t.value THEN 'exact'
            WHEN p.parts_sum < t.value THEN 'partial'
            ELSE 'exceeds'
        END AS status,
        t.breakdown_status AS extractor_status,
        t.is_approximate, t.sentence, t.source_uri
    FROM source AS t
    JOIN parts AS p USING (statistic_key)
),
final AS (
    SELECT * FROM renamed
)
SELECT * FROM final;
COMMENT ON VIEW v_breakdown_consistency_live IS 'Internal: v_breakdown_consistency rows of the reports in mart_refresh_keys (used by publish).';
