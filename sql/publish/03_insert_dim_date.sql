-- Dates the new reports use, once each.
INSERT INTO dim_date
SELECT s.date_key, s.full_date, s.year, s.quarter, s.month, s.day
FROM stg_date AS s
WHERE NOT EXISTS (SELECT 1 FROM dim_date AS d WHERE d.date_key = s.date_key);
