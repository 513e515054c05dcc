-- v_breakdown_consistency: one row per total (current reports) that has breakdown parts: the parts'
-- sum in the total's unit against the total. 'exact' = parts add up, 'partial' = less (categories not
-- listed), 'exceeds' = more (overlapping categories or an error: check the sentence).
--
-- Materialised per report at publish (sql/publish/13_refresh_marts.sql) into mart_breakdown_consistency:
-- computing it from 1 M facts takes longer than an interactive query should.
CREATE TABLE IF NOT EXISTS mart_breakdown_consistency AS SELECT * FROM v_breakdown_consistency_live WHERE false;
CREATE OR REPLACE VIEW v_breakdown_consistency AS SELECT * FROM mart_breakdown_consistency;
COMMENT ON TABLE mart_breakdown_consistency IS 'Materialised rows of v_breakdown_consistency, refreshed per report at publish (query v_breakdown_consistency).';
COMMENT ON VIEW v_breakdown_consistency IS '分项一致性: one row per total with breakdown parts: parts'' sum against the total (exact, partial, exceeds).';
