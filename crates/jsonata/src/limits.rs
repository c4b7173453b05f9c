//! Guardrails that bound the time, depth and size of one evaluation.

use std::time::Duration;

/// Resource bounds applied to every evaluation, so that no expression can hang or exhaust the stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock budget of one evaluation; exceeding it raises `D1012`.
    pub timeout: Duration,
    /// Maximum evaluation depth; exceeding it raises `D1011`.
    pub max_stack_depth: usize,
    /// Maximum length of a result sequence; exceeding it raises `D2015`.
    pub max_sequence_length: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            max_stack_depth: 10_000,
            max_sequence_length: 10_000_000,
        }
    }
}

impl Limits {
    pub(crate) fn to_options(&self) -> jsonata_core::evaluator::EvaluatorOptions {
        jsonata_core::evaluator::EvaluatorOptions {
            timeout_ms: Some(u64::try_from(self.timeout.as_millis()).unwrap_or(u64::MAX)),
            cancel: None,
            max_stack_depth: Some(self.max_stack_depth),
            max_sequence_length: Some(self.max_sequence_length),
        }
    }
}
