-- The latest version of each series this load touched is the current one.
UPDATE dim_report AS r
SET is_current = (r.version = latest.max_version)
FROM (
    SELECT series_key, max(version) AS max_version
    FROM dim_report
    WHERE series_key IN (SELECT series_key FROM stg_report)
    GROUP BY series_key
) AS latest
WHERE r.series_key = latest.series_key;
