//! Rule `missing-end-state`: every set of states needs a state that ends it.
//!
//! ## What it checks
//! That the top level, each Parallel branch and each Map processor has at least one terminal
//! state: a Succeed or Fail state, or a state with `"End": true`.
//! It stays silent when another problem may hide the terminal state: a state whose `Type`
//! is unknown, whose `End` is not a boolean, that has neither `Next` nor `End`, or whose
//! `Next` names no state (the missing state may be the end).
//!
//! ## Why
//! Without one, an execution could only loop forever or fail.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}
//! ```
//! `MISSING_END_STATE: Workflow has no terminal state at /States`
//!
//! ## Fix
//! End a path with `"End": true`, or a Succeed or Fail state.

use serde_json::Value;

use super::context::{Definition, Scope, Sink, State, child};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "missing-end-state",
    code: code::MISSING_END_STATE,
    summary: "every set of states needs a state that ends it",
};

pub(super) fn check_scope(_: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    if scope.states.is_empty()
        || scope
            .states
            .iter()
            .any(|state| state.is_terminal() || may_be_terminal(scope, state))
    {
        return;
    }
    sink.push(
        code::MISSING_END_STATE,
        &child(&scope.pointer, "States"),
        "Workflow has no terminal state",
    );
}

/// Whether a state with another problem might have been meant to end its scope.
fn may_be_terminal(scope: &Scope<'_>, state: &State<'_>) -> bool {
    let Some(state_type) = state.state_type else {
        return true;
    };
    if state.get("End").is_some_and(|end| !end.is_boolean()) {
        return true;
    }
    match state.get("Next") {
        None => state_type.has_transition(),
        Some(Value::String(next)) => !scope.contains(next),
        Some(_) => true,
    }
}
