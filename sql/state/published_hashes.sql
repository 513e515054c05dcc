-- Content hashes already published, with the source they came from (to skip unchanged inputs).
SELECT content_sha256, any_value(source_uri) AS source_uri
FROM dim_report
GROUP BY content_sha256;
