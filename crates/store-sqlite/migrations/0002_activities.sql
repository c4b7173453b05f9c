-- Activities: named queues of tasks that workers poll. An activity's record never changes
-- after it is created; its tags live in `tags`, beside the state machines'.
CREATE TABLE activities (
    arn TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX activities_by_name ON activities (name, arn);
