//! Rule `missing-transition-target`: every transition must name a state of its scope.
//!
//! ## What it checks
//! That `StartAt`, each `Next`, each Choice `Default` and rule `Next`, and each Catcher's
//! `Next` name a state among the `States` of the same scope: a branch or Map processor cannot
//! jump out, and the top level cannot jump in.
//!
//! ## Why
//! The engine would have nowhere to go.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}
//! ```
//! `MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next`
//!
//! ## Fix
//! Fix the name (names are case-sensitive), or add the missing state.

use serde_json::Value;

use super::context::{Definition, Scope, Sink, State, child, choice_rules};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "missing-transition-target",
    code: code::MISSING_TRANSITION_TARGET,
    summary: "every transition must name a state of its scope",
};

pub(super) fn check_scope(_: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    if !scope.object.get("States").is_some_and(Value::is_object) {
        return;
    }
    if let Some(Value::String(start_at)) = scope.object.get("StartAt")
        && !scope.contains(start_at)
    {
        report(sink, &child(&scope.pointer, "StartAt"), "StartAt", start_at);
    }
    for state in &scope.states {
        for (pointer, field, target) in transitions(state) {
            if !scope.contains(target) {
                report(sink, &pointer, field, target);
            }
        }
    }
}

fn report(sink: &mut Sink, pointer: &str, field: &str, target: &str) {
    sink.push(
        code::MISSING_TRANSITION_TARGET,
        pointer,
        format!("Missing '{field}' target: {target}"),
    );
}

/// The transitions a state's type supports: their pointer, their field and their target.
fn transitions<'a>(state: &State<'a>) -> Vec<(String, &'static str, &'a str)> {
    let mut res = Vec::new();
    for field in ["Next", "Default"] {
        if let Some(Value::String(target)) = state.supported(field) {
            res.push((child(&state.pointer, field), field, target.as_str()));
        }
    }
    for rule in choice_rules(state)
        .into_iter()
        .filter(|rule| rule.top_level)
    {
        if let Some(Value::String(target)) = rule.object.get("Next") {
            res.push((child(&rule.pointer, "Next"), "Next", target.as_str()));
        }
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        if let Some(Value::String(target)) = catcher.get("Next") {
            res.push((child(&pointer, "Next"), "Next", target.as_str()));
        }
    }
    res
}
