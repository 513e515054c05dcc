-- warehouse_meta: small key/value facts about the warehouse itself (e.g. the catalog hash last applied).
CREATE TABLE IF NOT EXISTS warehouse_meta (
    key   VARCHAR NOT NULL,
    value VARCHAR
);
COMMENT ON TABLE warehouse_meta IS 'Internal: settings the loader remembers between runs (catalog hash, schema version).';
