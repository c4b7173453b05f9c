-- The first schema: state machines, their tags, executions with their interpreter state and
-- claims, and history kept in chunks (the events one transition recorded, as one JSON array).
CREATE TABLE state_machines (
    arn TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX state_machines_by_name ON state_machines (name, arn);

CREATE TABLE tags (
    arn TEXT NOT NULL,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (arn, key)
);

CREATE TABLE executions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    arn TEXT NOT NULL UNIQUE,
    state_machine_arn TEXT NOT NULL,
    status TEXT NOT NULL,
    start_date_ms INTEGER NOT NULL,
    stop_date_ms INTEGER,
    record TEXT NOT NULL,
    state TEXT,
    event_count INTEGER NOT NULL,
    owner TEXT,
    lease_until_ms INTEGER
);
CREATE INDEX executions_by_start ON executions (start_date_ms DESC, seq DESC);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date_ms DESC, seq DESC);
CREATE INDEX executions_running ON executions (status) WHERE status = 'RUNNING';
CREATE INDEX executions_closed ON executions (stop_date_ms) WHERE stop_date_ms IS NOT NULL;

CREATE TABLE history_chunks (
    arn TEXT NOT NULL,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    events TEXT NOT NULL,
    PRIMARY KEY (arn, first_id)
) WITHOUT ROWID;
