//! `DescribeStateMachineForExecution`: the definition an execution actually runs.
//!
//! An execution keeps its own copy of the definition, revision and role it started with, so
//! this answers from the execution's record even after the state machine was updated or
//! deleted; the configurations come from the state machine when it still exists.

use serde_json::{Map, Value};

use runtime::Runtime;

use super::describe_state_machine::variable_references;
use crate::configuration;
use crate::error::ApiError;
use crate::render::timestamp;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let execution_arn = members.required_text("executionArn", shapes::ARN)?;
    members.enumeration("includedData", shapes::INCLUDED_DATA)?;
    members.finish()?;

    arn::execution(&execution_arn)?;
    let store = runtime.store();
    let execution = store
        .get_execution(&execution_arn)
        .await?
        .ok_or_else(|| ApiError::execution_does_not_exist(&execution_arn))?;
    let machine = store
        .get_state_machine(&execution.state_machine_arn)
        .await?;

    // The update date of the revision the execution runs, kept with the execution.
    let update_date_ms = execution.revision_date_ms;
    let mut res = Map::new();
    res.insert(
        "stateMachineArn".to_owned(),
        Value::from(execution.state_machine_arn.as_str()),
    );
    res.insert(
        "name".to_owned(),
        Value::from(arn::state_machine_name(&execution.state_machine_arn)),
    );
    res.insert(
        "definition".to_owned(),
        Value::from(execution.definition.as_str()),
    );
    res.insert(
        "roleArn".to_owned(),
        Value::from(execution.role_arn.as_str()),
    );
    res.insert("updateDate".to_owned(), timestamp(update_date_ms));
    res.insert(
        "loggingConfiguration".to_owned(),
        machine
            .as_ref()
            .map_or_else(configuration::default_logging, |machine| {
                machine.logging_configuration.clone()
            }),
    );
    res.insert(
        "tracingConfiguration".to_owned(),
        machine
            .as_ref()
            .map_or_else(configuration::default_tracing, |machine| {
                machine.tracing_configuration.clone()
            }),
    );
    if !execution.revision_id.is_empty() {
        res.insert(
            "revisionId".to_owned(),
            Value::from(execution.revision_id.as_str()),
        );
    }
    // From the definition the execution runs, which may differ from the state machine's now.
    if let Some(references) = variable_references(&execution.definition) {
        res.insert("variableReferences".to_owned(), references);
    }
    Ok(Value::Object(res))
}
