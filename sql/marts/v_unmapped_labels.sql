-- v_unmapped_labels: labels no catalog metric matches yet, with counts and an example (the curation queue).
CREATE OR REPLACE VIEW v_unmapped_labels AS
WITH source AS (
    SELECT f.raw_label, f.unit, f.sentence, r.source_uri
    FROM fact_statistic AS f
    JOIN dim_metric AS m USING (metric_key)
    JOIN dim_report AS r USING (report_key)
    WHERE m.metric_code = 'unclassified' AND r.is_current
),
final AS (
    SELECT raw_label, unit, count(*) AS statistics, count(DISTINCT source_uri) AS reports,
           min(sentence) AS example_sentence, min(source_uri) AS example_source
    FROM source
    GROUP BY raw_label, unit
)
SELECT * FROM final ORDER BY statistics DESC, raw_label;
COMMENT ON VIEW v_unmapped_labels IS '待归类标签: labels no catalog metric matches yet, with counts and an example sentence (extend seeds/metric_catalog.csv).';
