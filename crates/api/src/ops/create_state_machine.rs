//! `CreateStateMachine`: a new state machine, or the existing one when the request repeats it.
//!
//! The call is idempotent on the name, definition, type, logging and tracing configurations:
//! repeating them returns the existing ARN and creation date (a different role ARN or tags are
//! ignored, as AWS ignores them); any other difference is `StateMachineAlreadyExists`.

use serde_json::{Value, json};

use runtime::Runtime;
use store::{StateMachineRecord, StateMachineType};

use crate::configuration::{self, Logging};
use crate::error::{ApiError, ErrorCode};
use crate::render::timestamp;
use crate::request::Members;
use crate::{arn, definition, names, shapes, tags};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let name = members.required_text("name", shapes::NAME)?;
    let definition_text = members.required_text("definition", shapes::DEFINITION)?;
    let role_arn = members.required_text("roleArn", shapes::ARN)?;
    let kind = members.enumeration("type", shapes::STATE_MACHINE_TYPES)?;
    let logging = Logging::read(&mut members)?;
    let new_tags = tags::read(&mut members, "tags")?.unwrap_or_default();
    let tracing = configuration::read_tracing(&mut members)?;
    let publish = members.boolean("publish")?.unwrap_or(false);
    let version_description = members.text("versionDescription", shapes::VERSION_DESCRIPTION)?;
    configuration::read_encryption(&mut members)?;
    members.finish()?;

    if version_description.is_some() && !publish {
        return Err(ApiError::new(
            ErrorCode::ValidationException,
            "Version description can only be set when publish is true",
        ));
    }
    // FIXME: versions are not implemented; `publish: true` creates no version and the response
    // carries no `stateMachineVersionArn`.
    names::check(&name)?;
    arn::parse(&role_arn)?;
    let kind = match kind.as_deref() {
        Some("EXPRESS") => StateMachineType::Express,
        _ => StateMachineType::Standard,
    };
    let logging_configuration = match logging {
        Some(logging) => logging.check()?,
        None => configuration::default_logging(),
    };
    let tracing_configuration = tracing.unwrap_or_else(configuration::default_tracing);
    definition::check(&definition_text, definition::machine_type(kind))?;
    if new_tags.len() > tags::MAX_TAGS {
        return Err(tags::too_many(&arn::new_state_machine(
            runtime.config(),
            &name,
        )));
    }

    let now = runtime.now_ms();
    let record = StateMachineRecord {
        arn: arn::new_state_machine(runtime.config(), &name),
        name,
        kind,
        definition: definition_text,
        role_arn,
        logging_configuration,
        tracing_configuration,
        creation_date_ms: now,
        update_date_ms: now,
        revision_id: String::new(),
        description: None,
    };
    let store = runtime.store();
    if let Some(existing) = store.get_state_machine(&record.arn).await? {
        return idempotent_reply(&existing, &record);
    }
    match store.create_state_machine(record.clone()).await {
        Ok(()) => {}
        // Another request created it since we looked: judge it like one found before.
        Err(store::Error::AlreadyExists(_)) => {
            let existing = store.get_state_machine(&record.arn).await?.ok_or_else(|| {
                ApiError::internal("a state machine vanished while being created")
            })?;
            return idempotent_reply(&existing, &record);
        }
        Err(err) => return Err(err.into()),
    }
    if !new_tags.is_empty() {
        store.tag_resource(&record.arn, new_tags).await?;
    }
    Ok(reply(&record))
}

fn reply(record: &StateMachineRecord) -> Value {
    json!({
        "stateMachineArn": record.arn,
        "creationDate": timestamp(record.creation_date_ms),
    })
}

fn idempotent_reply(
    existing: &StateMachineRecord,
    requested: &StateMachineRecord,
) -> Result<Value, ApiError> {
    let same = existing.definition == requested.definition
        && existing.kind == requested.kind
        && existing.logging_configuration == requested.logging_configuration
        && existing.tracing_configuration == requested.tracing_configuration;
    if same {
        Ok(reply(existing))
    } else {
        Err(ApiError::new(
            ErrorCode::StateMachineAlreadyExists,
            format!("State Machine Already Exists: '{}'", existing.arn),
        ))
    }
}
