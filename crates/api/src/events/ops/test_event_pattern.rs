//! `TestEventPattern`: whether an event matches a pattern, with the matcher rules use.

use serde_json::{Value, json};

use crate::error::{ApiError, ErrorCode};
use crate::events::shapes;
use crate::request::{Members, Text};

/// The members an event must have, as EventBridge checks them.
const REQUIRED: &[&str] = &["id", "account", "source", "time", "region", "detail-type"];

pub(super) fn handle(mut members: Members) -> Result<Value, ApiError> {
    let pattern = members.required_text("EventPattern", shapes::EVENT_PATTERN)?;
    let event = members.required_text("Event", Text::new(0, 262_144))?;
    members.finish()?;
    let pattern = events::Pattern::parse(&pattern)
        .map_err(|err| ApiError::new(ErrorCode::InvalidEventPatternException, err.to_string()))?;
    let invalid = |reason: &str| {
        ApiError::new(
            ErrorCode::ValidationException,
            format!("Parameter Event is not valid. Reason: {reason}"),
        )
    };
    let event: Value =
        serde_json::from_str(&event).map_err(|_| invalid("Event is not valid JSON."))?;
    let Value::Object(map) = &event else {
        return Err(invalid("Event must be a JSON object."));
    };
    if let Some(missing) = REQUIRED.iter().find(|name| !map.contains_key(**name)) {
        return Err(invalid(&format!(
            "Provided JSON does not contain the required field \"{missing}\"."
        )));
    }
    Ok(json!({"Result": pattern.matches(&event)}))
}
