//! The error a pattern that is not valid gives.

/// Why a pattern is not valid, worded like EventBridge's `InvalidEventPatternException`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Event pattern is not valid. Reason: {reason}")]
pub struct PatternError {
    reason: String,
    pointer: String,
}

impl PatternError {
    pub(crate) fn new(reason: impl Into<String>, pointer: &str) -> PatternError {
        PatternError {
            reason: reason.into(),
            pointer: pointer.to_owned(),
        }
    }

    /// The reason alone, without the "Event pattern is not valid" preamble.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The JSON pointer of the offending part of the pattern (`""` for the whole pattern).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }
}
