//! `DescribeStateMachine`: a state machine's current definition and configuration.

use serde_json::{Map, Value};

use runtime::Runtime;
use store::StateMachineRecord;

use crate::error::ApiError;
use crate::render::timestamp;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let state_machine_arn = members.required_text("stateMachineArn", shapes::ARN)?;
    members.enumeration("includedData", shapes::INCLUDED_DATA)?;
    members.finish()?;

    arn::state_machine(&state_machine_arn)?;
    let machine = runtime
        .store()
        .get_state_machine(&state_machine_arn)
        .await?
        .ok_or_else(|| ApiError::state_machine_does_not_exist(&state_machine_arn))?;
    Ok(Value::Object(describe(&machine)))
}

/// The `DescribeStateMachine` shape of a record.
fn describe(machine: &StateMachineRecord) -> Map<String, Value> {
    let mut res = Map::new();
    res.insert(
        "stateMachineArn".to_owned(),
        Value::from(machine.arn.as_str()),
    );
    res.insert("name".to_owned(), Value::from(machine.name.as_str()));
    res.insert("status".to_owned(), Value::from("ACTIVE"));
    res.insert(
        "definition".to_owned(),
        Value::from(machine.definition.as_str()),
    );
    res.insert("roleArn".to_owned(), Value::from(machine.role_arn.as_str()));
    res.insert("type".to_owned(), Value::from(machine.kind.as_str()));
    res.insert(
        "creationDate".to_owned(),
        timestamp(machine.creation_date_ms),
    );
    res.insert(
        "loggingConfiguration".to_owned(),
        machine.logging_configuration.clone(),
    );
    res.insert(
        "tracingConfiguration".to_owned(),
        machine.tracing_configuration.clone(),
    );
    // AWS reports no revision id until the first update.
    if !machine.revision_id.is_empty() {
        res.insert(
            "revisionId".to_owned(),
            Value::from(machine.revision_id.as_str()),
        );
    }
    if let Some(description) = &machine.description {
        res.insert("description".to_owned(), Value::from(description.as_str()));
    }
    if let Some(references) = variable_references(&machine.definition) {
        res.insert("variableReferences".to_owned(), references);
    }
    res
}

/// The `variableReferences` member for a definition: the workflow variables each state reads.
///
/// `None` when no state reads one, as AWS then leaves the member out.
pub(crate) fn variable_references(definition: &str) -> Option<Value> {
    // A stored definition was valid JSON when it was accepted.
    let definition: Value = serde_json::from_str(definition).ok()?;
    let references = asl::variables::references(&definition);
    if references.is_empty() {
        return None;
    }
    let res = references
        .into_iter()
        .map(|(state_name, names)| (state_name, Value::from(names)))
        .collect();
    Some(Value::Object(res))
}
