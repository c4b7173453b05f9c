//! Rule `duplicate-state-name`: state names are unique in the whole state machine.
//!
//! ## What it checks
//! That no two states share a name, whether they are in the same scope or in different
//! Parallel branches and Map processors.
//! (Two members with the same name in one JSON object cannot be seen here: the JSON parser
//! keeps the last.)
//!
//! ## Why
//! History events, the context object (`$$.State.Name`) and Map runs identify a state by its
//! name alone.
//!
//! ## Example
//! Two branches of a Parallel state that both have a state `Work`:
//! `DUPLICATE_STATE_NAME: Duplicate State name: Work at /States/P/Branches/1/States/Work`
//!
//! ## Fix
//! Rename one of the states (and the transitions naming it).

use std::collections::HashSet;

use super::context::{Definition, Scope, Sink};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "duplicate-state-name",
    code: code::DUPLICATE_STATE_NAME,
    summary: "state names are unique in the whole state machine",
};

pub(super) fn check_definition(definition: &Definition<'_>, sink: &mut Sink) {
    let mut seen = HashSet::new();
    check_scope(&definition.scope, &mut seen, sink);
}

fn check_scope<'a>(scope: &Scope<'a>, seen: &mut HashSet<&'a str>, sink: &mut Sink) {
    for state in &scope.states {
        if !seen.insert(state.name) {
            sink.push(
                code::DUPLICATE_STATE_NAME,
                &state.pointer,
                format!("Duplicate State name: {}", state.name),
            );
        }
        for child in &state.children {
            check_scope(child, seen, sink);
        }
    }
}
