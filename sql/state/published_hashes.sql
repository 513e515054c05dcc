-- Content hashes already published, with the source they came from and the extractor version that
-- produced their facts (to skip unchanged inputs, and re-extract those of another extractor version).
SELECT content_sha256, any_value(source_uri) AS source_uri, min(extractor_version) AS extractor_version
FROM dim_report
GROUP BY content_sha256;
