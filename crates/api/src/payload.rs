//! Execution input: JSON text that must parse, worded as AWS words it when it does not.

use crate::definition;
use crate::error::{ApiError, ErrorCode};

/// The input an execution gets when the client sends none.
pub(crate) const DEFAULT_INPUT: &str = "{}";

/// Checks the `input` of StartExecution and StartSyncExecution.
///
/// Any JSON value is accepted, not only objects (AWS runs `"2"`, `"\"text\""` and `"null"`).
///
/// # Errors
/// `InvalidExecutionInput` when the text is not JSON, quoting the parser as AWS does.
pub(crate) fn check_input(input: &str) -> Result<(), ApiError> {
    let invalid = |detail: &str| {
        ApiError::new(
            ErrorCode::InvalidExecutionInput,
            format!("Invalid State Machine Execution Input: '{detail}'"),
        )
    };
    if input.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Err(invalid("Invalid execution input."));
    }
    match definition::json_problem(input) {
        Some(problem) => Err(invalid(&problem)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_any_json_value_and_words_rejections_as_aws() {
        for input in ["{}", "2", "\"text\"", "null", "[1, {\"a\": true}]"] {
            assert!(check_input(input).is_ok(), "{input:?} is valid input");
        }
        let message = |input: &str| check_input(input).unwrap_err().message;
        // All three recorded from AWS.
        assert_eq!(
            message("not json"),
            "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'"
        );
        assert_eq!(
            message("{'a': 1}"),
            "Invalid State Machine Execution Input: 'Unexpected character (''' (code 39)): was expecting double-quote to start field name'"
        );
        assert_eq!(
            message(""),
            "Invalid State Machine Execution Input: 'Invalid execution input.'"
        );
        assert_eq!(
            check_input("{").unwrap_err().code,
            ErrorCode::InvalidExecutionInput
        );
    }
}
