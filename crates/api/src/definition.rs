//! Checking definitions with `asl`: JSON text in, AWS's diagnostics out.
//!
//! `asl::validate::parse_definition` words text that is not a JSON object as AWS does
//! (`INVALID_JSON_DESCRIPTION` quoting the parser, or `Definition must be a valid JSON
//! object`), and `asl::validate::validate_for` checks the rest for the machine's type.

use asl::validate::StateMachineType as MachineType;
use asl::{Diagnostic, Severity};

use crate::error::{ApiError, ErrorCode};

/// Every diagnostic for a definition's text, for a machine of the given type.
pub(crate) fn diagnostics(text: &str, machine_type: MachineType) -> Vec<Diagnostic> {
    match asl::validate::parse_definition(text) {
        Ok(value) => asl::validate::validate_for(&value, machine_type),
        Err(diagnostic) => vec![diagnostic],
    }
}

/// Checks a definition for CreateStateMachine and UpdateStateMachine.
///
/// # Errors
/// `InvalidDefinition` when it has an ERROR diagnostic (warnings do not block).
pub(crate) fn check(text: &str, machine_type: MachineType) -> Result<(), ApiError> {
    let diagnostics = diagnostics(text, machine_type);
    if diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity == Severity::Error)
    {
        return Err(ApiError::new(
            ErrorCode::InvalidDefinition,
            asl::validate::invalid_definition_message(&diagnostics),
        ));
    }
    Ok(())
}

/// The `asl` spelling of a state machine's type.
pub(crate) fn machine_type(kind: store::StateMachineType) -> MachineType {
    match kind {
        store::StateMachineType::Standard => MachineType::Standard,
        store::StateMachineType::Express => MachineType::Express,
    }
}

/// How AWS's JSON parser words what is wrong with `text`, without the location it appends,
/// or `None` when `text` is JSON.
pub(crate) fn json_problem(text: &str) -> Option<String> {
    // Checking syntax builds nothing: inputs near 256 KiB are common and parsed again later.
    let serde_error = serde_json::from_str::<serde::de::IgnoredAny>(text).err()?;
    let message = match asl::validate::parse_definition(text) {
        Err(diagnostic) => {
            let suffix = format!("\n at {}", diagnostic.location);
            match diagnostic.message.strip_suffix(&suffix) {
                Some(message) => message.to_owned(),
                None => diagnostic.message,
            }
        }
        Ok(_) => serde_error.to_string(),
    };
    Some(message)
}
