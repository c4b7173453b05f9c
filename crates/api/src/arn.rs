//! Step Functions ARNs: checking the ones clients send and building the ones we hand out.
//!
//! `arn:aws:states:<region>:<account>:stateMachine:<name>` names a state machine,
//! `…:execution:<machine>:<name>` a STANDARD execution and
//! `…:express:<machine>:<name>:<uuid>` an EXPRESS one and `…:activity:<name>` an activity. An
//! ARN of the wrong kind for an operation is an `InvalidArn` that names the kind it got, as
//! AWS's are.

use runtime::Config;

use crate::error::ApiError;

/// The parts of an ARN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Arn<'a> {
    pub(crate) service: &'a str,
    /// `stateMachine`, `execution`, `express`, `activity`, …
    pub(crate) resource_type: &'a str,
    /// Everything after the resource type and its colon.
    pub(crate) resource: &'a str,
}

/// Splits an ARN into its parts.
///
/// # Errors
/// `InvalidArn` when the text is not shaped like an ARN at all.
pub(crate) fn parse(text: &str) -> Result<Arn<'_>, ApiError> {
    let invalid = || ApiError::invalid_arn(format_args!("Invalid ARN prefix: {text}"));
    let mut parts = text.splitn(7, ':');
    let (Some("arn"), Some(partition), Some(service), Some(_region), Some(_account)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(invalid());
    };
    if partition.is_empty() || service.is_empty() {
        return Err(invalid());
    }
    let resource_type = parts.next().ok_or_else(invalid)?;
    let resource = parts.next().unwrap_or("");
    Ok(Arn {
        service,
        resource_type,
        resource,
    })
}

/// Checks that `text` is an ARN of the given Step Functions resource type with a non-empty
/// resource part.
fn expect<'a>(text: &'a str, resource_type: &str) -> Result<Arn<'a>, ApiError> {
    let arn = parse(text)?;
    if arn.service != "states" || arn.resource_type != resource_type {
        let shown = if arn.resource_type.is_empty() {
            arn.service
        } else {
            arn.resource_type
        };
        return Err(ApiError::invalid_arn(format_args!(
            "Resource type not valid in this context: {}",
            shown.to_lowercase()
        )));
    }
    if arn.resource.is_empty() {
        return Err(ApiError::invalid_arn(format_args!(
            "Invalid ARN prefix: {text}"
        )));
    }
    Ok(arn)
}

/// Checks a state machine ARN.
pub(crate) fn state_machine(text: &str) -> Result<Arn<'_>, ApiError> {
    expect(text, "stateMachine")
}

/// Checks an activity ARN.
pub(crate) fn activity(text: &str) -> Result<Arn<'_>, ApiError> {
    expect(text, "activity")
}

/// Checks a STANDARD execution ARN; an EXPRESS one is invalid here, as in AWS.
pub(crate) fn execution(text: &str) -> Result<Arn<'_>, ApiError> {
    let arn = expect(text, "execution")?;
    if !arn.resource.contains(':') {
        return Err(ApiError::invalid_arn(format_args!(
            "Invalid ARN prefix: {text}"
        )));
    }
    Ok(arn)
}

/// The state machine name in a state machine ARN (before any version or alias qualifier).
pub(crate) fn state_machine_name(machine_arn: &str) -> &str {
    let resource = parse(machine_arn).map_or("", |arn| arn.resource);
    resource.split(':').next().unwrap_or(resource)
}

/// The ARN of a new state machine.
pub(crate) fn new_state_machine(config: &Config, name: &str) -> String {
    format!(
        "arn:aws:states:{}:{}:stateMachine:{name}",
        config.region, config.account
    )
}

/// The ARN of a new activity.
pub(crate) fn new_activity(config: &Config, name: &str) -> String {
    format!(
        "arn:aws:states:{}:{}:activity:{name}",
        config.region, config.account
    )
}

/// The ARNs of STANDARD and EXPRESS executions, as the store (and the triggers) write them.
pub(crate) use store::{
    execution_arn as new_execution, express_execution_arn as new_express_execution,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_an_arn_as_aws_words_it() {
        let err = state_machine("not_a_valid_arn").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"
        );
        let err = execution("arn:aws:states:us-east-1:123456789012:express:sm:e:1").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid Arn: 'Resource type not valid in this context: express'"
        );
        let err =
            state_machine("arn:aws:states:us-east-1:123456789012:execution:sm:e").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid Arn: 'Resource type not valid in this context: execution'"
        );
        assert!(state_machine("arn:aws:states:us-east-1:123456789012:stateMachine:").is_err());
        assert!(execution("arn:aws:states:us-east-1:123456789012:execution:sm").is_err());
        assert!(state_machine("arn:aws:lambda:us-east-1:123456789012:function:f").is_err());
        let err = activity("arn:aws:states:us-east-1:123456789012:stateMachine:sm").unwrap_err();
        assert_eq!(
            err.message,
            "Invalid Arn: 'Resource type not valid in this context: statemachine'"
        );
        assert!(activity("arn:aws:states:us-east-1:123456789012:activity:").is_err());
    }

    #[test]
    fn builds_and_reads_back_arns() {
        let config = Config::default();
        let machine = new_state_machine(&config, "sm");
        assert_eq!(
            machine,
            "arn:aws:states:us-east-1:000000000000:stateMachine:sm"
        );
        assert_eq!(state_machine_name(&machine), "sm");
        assert_eq!(state_machine_name(&format!("{machine}:3")), "sm");
        assert_eq!(
            new_execution(&machine, "e"),
            "arn:aws:states:us-east-1:000000000000:execution:sm:e"
        );
        assert_eq!(
            new_express_execution(&machine, "e", "id"),
            "arn:aws:states:us-east-1:000000000000:express:sm:e:id"
        );
        assert!(execution(&new_execution(&machine, "e")).is_ok());
        let activity_arn = new_activity(&config, "a");
        assert_eq!(
            activity_arn,
            "arn:aws:states:us-east-1:000000000000:activity:a"
        );
        assert_eq!(activity(&activity_arn).map(|arn| arn.resource), Ok("a"));
    }
}
