//! `UpdateStateMachine`: a new revision of a state machine's definition, role or
//! configurations.
//!
//! Running executions keep the revision they started with (they hold their own copy). An
//! update that changes nothing keeps the current revision id and update date, as AWS does.

use serde_json::{Map, Value};

use runtime::Runtime;

use crate::configuration::{self, Logging};
use crate::error::{ApiError, ErrorCode};
use crate::render::timestamp;
use crate::request::Members;
use crate::{arn, definition, ids, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let state_machine_arn = members.required_text("stateMachineArn", shapes::ARN)?;
    let definition_text = members.text("definition", shapes::DEFINITION)?;
    let role_arn = members.text("roleArn", shapes::ARN)?;
    let logging = Logging::read(&mut members)?;
    let tracing = configuration::read_tracing(&mut members)?;
    let publish = members.boolean("publish")?.unwrap_or(false);
    let version_description = members.text("versionDescription", shapes::VERSION_DESCRIPTION)?;
    configuration::read_encryption(&mut members)?;
    members.finish()?;

    arn::state_machine(&state_machine_arn)?;
    let store = runtime.store();
    let machine = store
        .get_state_machine(&state_machine_arn)
        .await?
        .ok_or_else(|| ApiError::state_machine_does_not_exist(&state_machine_arn))?;
    if definition_text.is_none() && role_arn.is_none() && logging.is_none() && tracing.is_none() {
        return Err(ApiError::new(
            ErrorCode::MissingRequiredParameter,
            "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
        ));
    }
    if version_description.is_some() && !publish {
        return Err(ApiError::new(
            ErrorCode::ValidationException,
            "Version description can only be set when publish is true",
        ));
    }
    // FIXME: versions are not implemented; `publish: true` publishes nothing.
    if let Some(role_arn) = &role_arn {
        arn::parse(role_arn)?;
    }
    let logging = logging.map(Logging::check).transpose()?;
    if let Some(text) = &definition_text {
        definition::check(text, definition::machine_type(machine.kind))?;
    }

    let mut updated = machine.clone();
    if let Some(text) = definition_text {
        updated.definition = text;
    }
    if let Some(role_arn) = role_arn {
        updated.role_arn = role_arn;
    }
    if let Some(logging) = logging {
        updated.logging_configuration = logging;
    }
    if let Some(tracing) = tracing {
        updated.tracing_configuration = tracing;
    }
    if updated != machine {
        updated.revision_id = ids::new_uuid();
        updated.update_date_ms = runtime.now_ms();
        store
            .update_state_machine(updated.clone())
            .await
            .map_err(|err| match err {
                store::Error::NotFound(_) => {
                    ApiError::state_machine_does_not_exist(&state_machine_arn)
                }
                other => other.into(),
            })?;
    }

    let mut res = Map::new();
    res.insert("updateDate".to_owned(), timestamp(updated.update_date_ms));
    if !updated.revision_id.is_empty() {
        res.insert("revisionId".to_owned(), Value::from(updated.revision_id));
    }
    Ok(Value::Object(res))
}
