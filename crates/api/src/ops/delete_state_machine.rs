//! `DeleteStateMachine`: removes a state machine; deleting one that does not exist succeeds,
//! as in AWS.
//!
//! FIXME: AWS stops the machine's running executions at their next transition; here they run
//! on with the definition they hold.

use serde_json::{Value, json};

use runtime::Runtime;

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
    Ok(json!({}))
}
