-- The body text of one report version (the text every span refers to).
SELECT body_text FROM dim_report WHERE report_key = $report_key;
