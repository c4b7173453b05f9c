//! Rule `jsonata-unsupported`: JSONata and variables are not supported yet.
//!
//! This rule is temporary: delete this file, its line in `mod.rs` and its fixture when the
//! engine evaluates JSONata and `Assign`.
//! Everything else already accepts JSONata fields in the shape AWS allows.
//!
//! ## What it checks
//! That the definition does not turn JSONata on (`"QueryLanguage": "JSONata"` at the top, or
//! on a state when the top does not), and does not assign variables (`Assign` on a state, a
//! Choice rule or a Catcher).
//! Each use is reported where it occurs.
//!
//! ## Why
//! AWS accepts these definitions, but this engine could not run them; rejecting them up front
//! beats failing executions halfway.
//!
//! ## Example
//! ```json
//! {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}
//! ```
//! `UNSUPPORTED_FEATURE: JSONata is not supported yet at /QueryLanguage`
//!
//! ## Fix
//! Write the state machine in JSONPath, and pass data between states through the input and
//! `ResultPath` instead of variables.

use super::context::{Definition, QueryLanguage, Scope, Sink, child, choice_rules};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "jsonata-unsupported",
    code: code::UNSUPPORTED_FEATURE,
    summary: "JSONata and variables (Assign) are not supported yet",
};

const JSONATA: &str = "JSONata is not supported yet";
const VARIABLES: &str = "Variables (Assign) are not supported yet";

pub(super) fn check_definition(definition: &Definition<'_>, sink: &mut Sink) {
    let jsonata_machine = definition
        .root
        .get("QueryLanguage")
        .and_then(|v| v.as_str())
        == Some(QueryLanguage::Jsonata.name());
    if jsonata_machine {
        sink.push(code::UNSUPPORTED_FEATURE, "/QueryLanguage", JSONATA);
    }
    check_scope(&definition.scope, jsonata_machine, sink);
}

fn check_scope(scope: &Scope<'_>, jsonata_machine: bool, sink: &mut Sink) {
    for state in &scope.states {
        if !jsonata_machine && state.get_str("QueryLanguage") == Some(QueryLanguage::Jsonata.name())
        {
            sink.push(
                code::UNSUPPORTED_FEATURE,
                &child(&state.pointer, "QueryLanguage"),
                JSONATA,
            );
        }
        if state.has("Assign") {
            sink.push(
                code::UNSUPPORTED_FEATURE,
                &child(&state.pointer, "Assign"),
                VARIABLES,
            );
        }
        for rule in choice_rules(state)
            .into_iter()
            .filter(|rule| rule.top_level)
        {
            if rule.object.contains_key("Assign") {
                sink.push(
                    code::UNSUPPORTED_FEATURE,
                    &child(&rule.pointer, "Assign"),
                    VARIABLES,
                );
            }
        }
        for (pointer, catcher) in state.objects_in("Catch") {
            if catcher.contains_key("Assign") {
                sink.push(
                    code::UNSUPPORTED_FEATURE,
                    &child(&pointer, "Assign"),
                    VARIABLES,
                );
            }
        }
        for nested in &state.children {
            check_scope(nested, jsonata_machine, sink);
        }
    }
}
