//! `DeleteStateMachine`: removes a state machine; deleting one that does not exist succeeds,
//! as in AWS. AWS ends the machine's running executions at their next transition; here they
//! are stopped at once, so none outlives its machine.

use serde_json::{Value, json};

use runtime::Runtime;
use store::{ExecutionStatus, Page};

use crate::error::ApiError;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let state_machine_arn = members.required_text("stateMachineArn", shapes::ARN)?;
    members.finish()?;

    arn::state_machine(&state_machine_arn)?;
    runtime
        .store()
        .delete_state_machine(&state_machine_arn)
        .await?;
    stop_running_executions(runtime, &state_machine_arn).await?;
    Ok(json!({}))
}

/// Stops every RUNNING execution of a deleted state machine.
async fn stop_running_executions(
    runtime: &Runtime,
    state_machine_arn: &str,
) -> Result<(), ApiError> {
    let mut page = Page::first();
    loop {
        let (executions, next_token) = runtime
            .store()
            .list_executions(
                Some(state_machine_arn),
                Some(ExecutionStatus::Running),
                page,
            )
            .await?;
        for execution in executions {
            runtime.stop(&execution.arn, None, None).await?;
        }
        match next_token {
            Some(token) => {
                page = Page {
                    max_results: 0,
                    next_token: Some(token),
                }
            }
            None => return Ok(()),
        }
    }
}
