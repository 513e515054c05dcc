-- Cross-county comparison: for one year, each county's litigation and reconsideration rates side by
-- side, ranked by the litigation loss rate. Edit `params` to choose the year.
WITH params AS (
    SELECT 2022 AS year
),
source AS (
    SELECT d.*
    FROM v_derived_indicator AS d, params AS p
    WHERE d.report_year = p.year
),
final AS (
    SELECT
        region_code,
        region_name,
        max(value) FILTER (WHERE indicator_code = 'al_loss_rate')                     AS loss_rate_pct,
        max(value) FILTER (WHERE indicator_code = 'al_head_appearance_rate_hearings') AS head_appearance_rate_pct,
        max(value) FILTER (WHERE indicator_code = 'ar_correction_rate')               AS correction_rate_pct,
        max(value) FILTER (WHERE indicator_code = 'ar_mediation_rate')                AS recon_mediation_rate_pct
    FROM source
    GROUP BY region_code, region_name
)
SELECT *, rank() OVER (ORDER BY loss_rate_pct DESC NULLS LAST) AS loss_rate_rank
FROM final
ORDER BY loss_rate_rank, region_code;
