-- What the label mapping needs of each published fact (the curation loop re-maps without re-extracting).
SELECT statistic_key, report_key, parent_statistic_key, sentence, char_start, raw_label, unit
FROM fact_statistic;
