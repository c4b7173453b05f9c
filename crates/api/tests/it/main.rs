//! API tests: each file covers one operation (or the protocol), in process, through `oneshot`.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a failure should be loud"
)]

mod common;

mod create_activity;
mod create_state_machine;
mod delete_activity;
mod delete_state_machine;
mod describe_activity;
mod describe_execution;
mod describe_state_machine;
mod describe_state_machine_for_execution;
mod get_execution_history;
mod list_activities;
mod list_executions;
mod list_state_machines;
mod list_tags_for_resource;
mod protocol;
mod start_execution;
mod start_sync_execution;
mod stop_execution;
mod tag_resource;
mod untag_resource;
mod update_state_machine;
mod validate_state_machine_definition;
