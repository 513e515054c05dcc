-- The body text of a set of report versions (the text every span refers to).
SELECT report_key, body_text FROM dim_report WHERE report_key IN (SELECT unnest($report_keys));
