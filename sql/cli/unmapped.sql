-- Unmapped labels for `fazhi unmapped`.
SELECT raw_label, unit, statistics, reports, example_sentence, example_source
FROM v_unmapped_labels
LIMIT $limit;
