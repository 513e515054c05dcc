-- v_derived_indicator: one row per current report and derived indicator whose two inputs the report
-- gives (a rate is never computed from a missing input, nor over a zero denominator).
-- The formulas are the rows of `formula` below: value = 100 * numerator / denominator (percent).
CREATE OR REPLACE VIEW v_derived_indicator AS
WITH formula (indicator_code, name_zh, definition, numerator_code, denominator_code, reported_code) AS (
    VALUES
        ('al_loss_rate', '行政诉讼败诉率', '败诉件数 / 一审审结件数', 'al_lost', 'al_first_instance_concluded', 'al_loss_rate'),
        ('al_head_appearance_rate_hearings', '行政机关负责人出庭应诉率(按开庭审理)', '负责人出庭应诉件数 / 开庭审理件数', 'al_head_appearances', 'al_hearings', 'al_head_appearance_rate'),
        ('al_head_appearance_rate_cases', '行政机关负责人出庭应诉率(按应诉案件)', '负责人出庭应诉件数 / 行政诉讼应诉案件数', 'al_head_appearances', 'al_cases', 'al_head_appearance_rate'),
        ('al_withdrawal_rate', '行政诉讼调撤率', '撤诉/调解件数 / 一审审结件数', 'al_withdrawn_mediated', 'al_first_instance_concluded', 'al_withdrawal_rate'),
        ('ar_correction_rate', '行政复议纠错率', '纠错件数 / 审结件数', 'ar_corrected', 'ar_concluded', 'ar_correction_rate'),
        ('ar_mediation_rate', '行政复议调撤率', '调解/和解/撤回结案件数 / 审结件数', 'ar_mediated', 'ar_concluded', 'ar_mediation_rate'),
        ('ar_acceptance_rate', '行政复议受理率', '受理件数 / 收到申请件数', 'ar_accepted', 'ar_applications', NULL)
),
-- the metric values the formulas use, computed once (a view referenced three times is computed three times)
inputs AS MATERIALIZED (
    SELECT report_key, region_code, region_name, report_year, metric_code, value, is_approximate, sentence, source_uri
    FROM v_metric_value
    WHERE metric_code IN (SELECT numerator_code FROM formula UNION SELECT denominator_code FROM formula
                          UNION SELECT reported_code FROM formula)
),
source AS (
    SELECT f.*, n.report_key, n.region_code, n.region_name, n.report_year,
           n.value AS numerator, n.is_approximate AS numerator_approximate, n.sentence AS numerator_sentence,
           d.value AS denominator, d.is_approximate AS denominator_approximate, d.sentence AS denominator_sentence,
           n.source_uri
    FROM formula AS f
    JOIN inputs AS n ON n.metric_code = f.numerator_code
    JOIN inputs AS d ON d.metric_code = f.denominator_code AND d.report_key = n.report_key
    WHERE d.value > 0
),
renamed AS (
    SELECT
        s.report_key, s.region_code, s.region_name, s.report_year,
        s.indicator_code, s.name_zh AS indicator_name_zh, s.definition,
        s.numerator_code, s.numerator, s.denominator_code, s.denominator,
        round(100.0 * s.numerator / s.denominator, 2)             AS value,
        '%'                                                        AS unit,
        s.numerator_approximate OR s.denominator_approximate       AS is_approximate,
        s.numerator > s.denominator                                AS exceeds_100,
        r.value                                                    AS reported_value,
        s.numerator_sentence, s.denominator_sentence, s.source_uri
    FROM source AS s
    LEFT JOIN inputs AS r ON r.report_key = s.report_key AND r.metric_code = s.reported_code
),
final AS (
    SELECT * FROM renamed
)
SELECT * FROM final;
COMMENT ON VIEW v_derived_indicator IS '派生指标: one row per current report and derived rate (formula in definition), computed only where both inputs were reported.';
