//! Rule `state-name-too-long`: state names have at most 80 characters.
//!
//! ## What it checks
//! The length of every state name, at every depth, counted in UTF-16 code units as AWS
//! counts.
//!
//! ## Why
//! AWS limits state names to 80 characters; names appear in history events, ARNs of Map
//! runs and the console.
//!
//! ## Example
//! A state named with 81 `a`s:
//! `SCHEMA_VALIDATION_FAILED: State name cannot be longer than 80 characters at /States/aaa…`
//!
//! ## Fix
//! Shorten the name, and every `Next`, `Default` and `StartAt` naming it.

use super::context::{Definition, Sink, State};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "state-name-too-long",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "state names have at most 80 characters",
};

/// The longest state name AWS accepts.
const MAX_STATE_NAME_LEN: usize = 80;

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.name.encode_utf16().count() > MAX_STATE_NAME_LEN {
        sink.schema(
            &state.pointer,
            format!("State name cannot be longer than {MAX_STATE_NAME_LEN} characters"),
        );
    }
}
