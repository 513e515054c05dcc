-- What one load did with each input, with the quarantine reasons of held-back inputs (and the
-- '(load)' row of a load that could not publish at all).
WITH documents AS (
    SELECT * FROM load_document WHERE load_id = $load_id
),
held AS (
    SELECT * FROM quarantine WHERE load_id = $load_id
)
SELECT coalesce(d.source_uri, q.source_uri) AS source_uri,
       coalesce(d.outcome, 'failed')        AS outcome,
       d.reason, d.report_key,
       q.stage, q.check_name, q.reason AS quarantine_reason, q.details
FROM documents AS d
FULL OUTER JOIN held AS q ON q.source_uri = d.source_uri
ORDER BY outcome DESC, source_uri, q.check_name;
