//! The API's operations, one per file, and the table that maps `X-Amz-Target` names to them.
//!
//! Each operation's `handle` reads and checks every request member first (`Members::finish`),
//! then acts, and returns the response body.

mod create_activity;
mod create_state_machine;
mod delete_activity;
mod delete_state_machine;
mod describe_activity;
mod describe_execution;
mod describe_state_machine;
mod describe_state_machine_for_execution;
mod get_activity_task;
mod get_execution_history;
mod list_activities;
mod list_executions;
mod list_state_machines;
mod list_tags_for_resource;
mod send_task_failure;
mod send_task_heartbeat;
mod send_task_success;
pub(crate) mod start_execution;
mod start_sync_execution;
mod stop_execution;
mod tag_resource;
mod untag_resource;
mod update_state_machine;
mod validate_state_machine_definition;

use runtime::Runtime;
use serde_json::Value;

use crate::error::ApiError;
use crate::request::Members;

/// An operation this server implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operation {
    CreateActivity,
    CreateStateMachine,
    DeleteActivity,
    DeleteStateMachine,
    DescribeActivity,
    SendTaskSuccess,
    SendTaskHeartbeat,
    SendTaskFailure,
    GetActivityTask,
    DescribeExecution,
    DescribeStateMachine,
    DescribeStateMachineForExecution,
    GetExecutionHistory,
    ListActivities,
    ListExecutions,
    ListStateMachines,
    ListTagsForResource,
    StartExecution,
    StartSyncExecution,
    StopExecution,
    TagResource,
    UntagResource,
    UpdateStateMachine,
    ValidateStateMachineDefinition,
}

impl Operation {
    /// The operation with this name, if this server implements it.
    pub(crate) fn parse(name: &str) -> Option<Self> {
        use Operation as O;
        Some(match name {
            "CreateActivity" => O::CreateActivity,
            "CreateStateMachine" => O::CreateStateMachine,
            "DeleteActivity" => O::DeleteActivity,
            "DeleteStateMachine" => O::DeleteStateMachine,
            "DescribeActivity" => O::DescribeActivity,
            "SendTaskSuccess" => O::SendTaskSuccess,
            "SendTaskHeartbeat" => O::SendTaskHeartbeat,
            "SendTaskFailure" => O::SendTaskFailure,
            "GetActivityTask" => O::GetActivityTask,
            "DescribeExecution" => O::DescribeExecution,
            "DescribeStateMachine" => O::DescribeStateMachine,
            "DescribeStateMachineForExecution" => O::DescribeStateMachineForExecution,
            "GetExecutionHistory" => O::GetExecutionHistory,
            "ListActivities" => O::ListActivities,
            "ListExecutions" => O::ListExecutions,
            "ListStateMachines" => O::ListStateMachines,
            "ListTagsForResource" => O::ListTagsForResource,
            "StartExecution" => O::StartExecution,
            "StartSyncExecution" => O::StartSyncExecution,
            "StopExecution" => O::StopExecution,
            "TagResource" => O::TagResource,
            "UntagResource" => O::UntagResource,
            "UpdateStateMachine" => O::UpdateStateMachine,
            "ValidateStateMachineDefinition" => O::ValidateStateMachineDefinition,
            _ => return None,
        })
    }

    /// Runs the operation on a request's members.
    pub(crate) async fn handle(
        self,
        runtime: &Runtime,
        members: Members,
    ) -> Result<Value, ApiError> {
        use Operation as O;
        match self {
            O::CreateActivity => create_activity::handle(runtime, members).await,
            O::SendTaskSuccess => send_task_success::handle(runtime, members).await,
            O::SendTaskHeartbeat => send_task_heartbeat::handle(runtime, members).await,
            O::SendTaskFailure => send_task_failure::handle(runtime, members).await,
            O::GetActivityTask => get_activity_task::handle(runtime, members).await,
            O::CreateStateMachine => create_state_machine::handle(runtime, members).await,
            O::DeleteActivity => delete_activity::handle(runtime, members).await,
            O::DeleteStateMachine => delete_state_machine::handle(runtime, members).await,
            O::DescribeActivity => describe_activity::handle(runtime, members).await,
            O::DescribeExecution => describe_execution::handle(runtime, members).await,
            O::DescribeStateMachine => describe_state_machine::handle(runtime, members).await,
            O::DescribeStateMachineForExecution => {
                describe_state_machine_for_execution::handle(runtime, members).await
            }
            O::GetExecutionHistory => get_execution_history::handle(runtime, members).await,
            O::ListActivities => list_activities::handle(runtime, members).await,
            O::ListExecutions => list_executions::handle(runtime, members).await,
            O::ListStateMachines => list_state_machines::handle(runtime, members).await,
            O::ListTagsForResource => list_tags_for_resource::handle(runtime, members).await,
            O::StartExecution => start_execution::handle(runtime, members).await,
            O::StartSyncExecution => start_sync_execution::handle(runtime, members).await,
            O::StopExecution => stop_execution::handle(runtime, members).await,
            O::TagResource => tag_resource::handle(runtime, members).await,
            O::UntagResource => untag_resource::handle(runtime, members).await,
            O::UpdateStateMachine => update_state_machine::handle(runtime, members).await,
            O::ValidateStateMachineDefinition => {
                validate_state_machine_definition::handle(runtime, members).await
            }
        }
    }
}
