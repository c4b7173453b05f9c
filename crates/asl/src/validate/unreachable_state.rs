//! Rule `unreachable-state`: every state must be reachable from `StartAt`.
//!
//! ## What it checks
//! That each state of a scope can be reached from the scope's `StartAt` through `Next`,
//! Choice `Default` and rule `Next`, and Catcher `Next` transitions.
//! It runs only when `StartAt` names a state of the scope, and when every `Next` and
//! `Default` of the scope is a string (a malformed one might lead anywhere).
//!
//! ## Why
//! An unreachable state is dead code, and usually a renamed state or a forgotten `Next`.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}
//! ```
//! `MISSING_TRANSITION_TARGET: State "B" is not reachable. at /States/B`
//!
//! ## Fix
//! Add a transition to the state, or remove it.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::context::{Definition, MAX_VALUE_DEPTH, Scope, Sink, State};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "unreachable-state",
    code: code::MISSING_TRANSITION_TARGET,
    summary: "every state must be reachable from StartAt",
};

pub(super) fn check_scope(_: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    let Some(Value::String(start_at)) = scope.object.get("StartAt") else {
        return;
    };
    if !scope.contains(start_at) || scope.states.iter().any(has_malformed_transition) {
        return;
    }
    let mut reached: HashSet<&str> = HashSet::from([start_at.as_str()]);
    let mut queue = vec![start_at.as_str()];
    while let Some(name) = queue.pop() {
        let Some(state) = scope.states.iter().find(|state| state.name == name) else {
            continue;
        };
        for target in successors(state) {
            if scope.contains(target) && reached.insert(target) {
                queue.push(target);
            }
        }
    }
    for state in &scope.states {
        if !reached.contains(state.name) {
            sink.push(
                code::MISSING_TRANSITION_TARGET,
                &state.pointer,
                format!("State \"{}\" is not reachable.", state.name),
            );
        }
    }
}

/// Every state name a state may move to, whatever its type says, so that a state with
/// another problem does not make its successors look unreachable.
fn successors<'a>(state: &State<'a>) -> Vec<&'a str> {
    let mut res = Vec::new();
    let Some(object) = state.object else {
        return res;
    };
    for field in ["Next", "Default"] {
        if let Some(Value::String(target)) = object.get(field) {
            res.push(target.as_str());
        }
    }
    if let Some(Value::Array(catchers)) = object.get("Catch") {
        for catcher in catchers {
            if let Some(Value::String(target)) = catcher.get("Next") {
                res.push(target.as_str());
            }
        }
    }
    if let Some(Value::Array(rules)) = object.get("Choices") {
        for rule in rules.iter().filter_map(Value::as_object) {
            rule_targets(rule, 0, &mut res);
        }
    }
    res
}

fn rule_targets<'a>(rule: &'a Map<String, Value>, depth: usize, res: &mut Vec<&'a str>) {
    if let Some(Value::String(target)) = rule.get("Next") {
        res.push(target.as_str());
    }
    if depth >= MAX_VALUE_DEPTH {
        return;
    }
    // A misplaced `Next` in a nested rule is reported elsewhere; it still counts here.
    for operator in ["And", "Or"] {
        if let Some(Value::Array(rules)) = rule.get(operator) {
            for nested in rules.iter().filter_map(Value::as_object) {
                rule_targets(nested, depth + 1, res);
            }
        }
    }
    if let Some(Value::Object(nested)) = rule.get("Not") {
        rule_targets(nested, depth + 1, res);
    }
}

fn has_malformed_transition(state: &State<'_>) -> bool {
    ["Next", "Default"]
        .iter()
        .any(|field| state.get(field).is_some_and(|target| !target.is_string()))
}
