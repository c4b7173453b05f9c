//! Rule `unsupported-field`: objects may only have the fields their kind defines.
//!
//! ## What it checks
//! The field names of the definition, of Parallel branches and Map processors (and their
//! `ProcessorConfig`), of each state according to its `Type` (the matrix of the Amazon States
//! Language), of Retriers, Catchers and Choice rules (`Next` only at the top of `Choices`),
//! and of a Map's `ItemReader`, `ItemBatcher` and `ResultWriter`.
//! Fields that exist only in the other query language have a rule of their own,
//! `query-language-field`.
//!
//! ## Why
//! A misspelled or misplaced field (`"Resources"`, `End` on a Choice state) would otherwise
//! be ignored silently, and the state would not do what was meant.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [], "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: Field 'End' is not supported at /States/A`
//!
//! ## Fix
//! Remove the field, or fix its spelling or its place.

use super::context::{Definition, Scope, Sink, State};
use super::fields::{Checked, scope_objects, state_objects};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "unsupported-field",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "objects may only have the fields their kind defines",
};

pub(super) fn check_scope(_: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    check(sink, scope_objects(scope));
}

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    check(sink, state_objects(state));
}

fn check(sink: &mut Sink, objects: Vec<Checked<'_>>) {
    for (pointer, object, table) in objects {
        for name in object.keys() {
            if table.support(name).is_none() {
                sink.schema(&pointer, format!("Field '{name}' is not supported"));
            }
        }
    }
}
