-- Triggers: EventBridge rules (with their targets, in the record), the queue of deliveries of
-- events to targets, and what the scans of watched directories have seen.
CREATE TABLE rules (
    arn TEXT PRIMARY KEY,
    record TEXT NOT NULL
);

CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    execution_arn TEXT,
    record TEXT NOT NULL
);
CREATE INDEX deliveries_pending ON deliveries (created_ms, seq) WHERE status = 'PENDING';
CREATE INDEX deliveries_by_execution ON deliveries (execution_arn) WHERE execution_arn IS NOT NULL;

CREATE TABLE bucket_objects (
    bucket TEXT NOT NULL,
    key TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
