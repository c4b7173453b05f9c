//! The error of parsing or evaluating an expression, carrying JSONata's error code.

/// A parse or evaluation failure, with the JSONata error code (such as `T1006`) when the evaluator gave one.
///
/// `Display` renders `CODE: message` as AWS quotes it in a `States.QueryEvaluationError` cause.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct Error {
    code: Option<String>,
    message: String,
}

impl Error {
    pub(crate) fn new(code: Option<&str>, message: impl Into<String>) -> Self {
        Error {
            code: code.map(str::to_owned),
            message: message.into(),
        }
    }

    /// Splits a jsonata-core message of the form `X1234: text` into its code and text.
    pub(crate) fn from_coded(raw: &str) -> Self {
        // jsonata-core sometimes puts a label such as `Invalid syntax: ` before the code.
        let start = raw
            .char_indices()
            .map(|(idx, _)| idx)
            .find(|&idx| jsonata_core::evaluator::error_code_prefix(&raw[idx..]).is_some());
        match start {
            Some(idx) => {
                let code = &raw[idx..idx + 5];
                Error::new(Some(code), aws_message(code, raw[idx + 6..].trim_start()))
            }
            None => Error::new(None, raw),
        }
    }

    /// The error for a result JSON cannot carry, such as a function.
    pub(crate) fn unsupported_result() -> Self {
        Error::new(
            Some(UNSUPPORTED_RESULT),
            "the expression returned a function",
        )
    }

    /// Whether the expression gave a result JSON cannot carry (a function), which AWS calls
    /// "an unsupported result type".
    pub fn is_unsupported_result(&self) -> bool {
        self.code.as_deref() == Some(UNSUPPORTED_RESULT)
    }

    /// The JSONata error code, such as `T1006` or `S0201`, if the failure has one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message without its code, such as `Attempted to invoke a non-function`.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn render(&self) -> String {
        match &self.code {
            Some(code) => format!("{code}: {}", self.message),
            None => self.message.clone(),
        }
    }
}

/// The code of [`Error::unsupported_result`], outside JSONata's own code ranges.
const UNSUPPORTED_RESULT: &str = "X0001";

/// Drops the detail jsonata-core appends where jsonata-js, and so AWS, prints the bare message.
fn aws_message<'a>(code: &str, message: &'a str) -> &'a str {
    const NON_FUNCTION: &str = "Attempted to invoke a non-function";
    if code == "T1006" && message.starts_with(NON_FUNCTION) {
        return NON_FUNCTION;
    }
    message
}
