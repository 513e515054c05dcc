-- dim_date: one row per calendar date used by a report (published, signed).
CREATE TABLE IF NOT EXISTS dim_date (
    date_key  INTEGER NOT NULL,
    full_date DATE    NOT NULL,
    year      INTEGER NOT NULL,
    quarter   INTEGER NOT NULL,
    month     INTEGER NOT NULL,
    day       INTEGER NOT NULL
);
COMMENT ON TABLE dim_date IS '日期维度: every date a report uses (published, signed).';
COMMENT ON COLUMN dim_date.date_key IS 'yyyymmdd, e.g. 20220222.';
COMMENT ON COLUMN dim_date.full_date IS 'The date.';
COMMENT ON COLUMN dim_date.year IS 'Calendar year.';
COMMENT ON COLUMN dim_date.quarter IS 'Quarter 1-4.';
COMMENT ON COLUMN dim_date.month IS 'Month 1-12.';
COMMENT ON COLUMN dim_date.day IS 'Day of month.';
