//! Rule `query-language-field`: a field of one query language may not appear in a state of
//! the other.
//!
//! ## What it checks
//! In JSONata states (and their Catchers and Choice rules): no `InputPath`, `Parameters`,
//! `ResultSelector`, `ResultPath`, `OutputPath`, `Result`, `ItemsPath`, `Variable`,
//! comparison operators or other `…Path` field.
//! In JSONPath states: no `Arguments`, `Output`, `Items` or `Condition`.
//! In the `Assign` of JSONata states (and of their Catchers and Choice rules): no key ending
//! in `.$`, which only JSONPath evaluates.
//!
//! ## Why
//! JSONata replaces the five JSONPath processing fields with `Arguments` and `Output`; a field
//! of the other language would never be evaluated.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"x": 1}, "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: Field 'Output' is not supported when 'QueryLanguage' is
//! 'JSONPath' at /States/A`
//!
//! ## Fix
//! Use the field of the state's language (`Parameters` or `Result` here), or set
//! `"QueryLanguage": "JSONata"` on the state or the whole state machine.

use serde_json::{Map, Value};

use super::context::{Definition, QueryLanguage, Sink, State, child, choice_rules};
use super::fields::state_objects;
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "query-language-field",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "a field of one query language may not appear in a state of the other",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    for (pointer, object, table) in state_objects(state) {
        for name in object.keys() {
            if let Some(support) = table.support(name)
                && !support.allows(state.language)
            {
                report(sink, &pointer, name, state.language);
            }
        }
    }
    if state.language == QueryLanguage::Jsonata {
        for (pointer, assign) in jsonata_assigns(state) {
            for name in assign.keys().filter(|name| name.ends_with(".$")) {
                report(sink, &pointer, name, state.language);
            }
        }
    }
}

/// The `Assign` objects of a JSONata state, its top-level Choice rules and its Catchers.
fn jsonata_assigns<'a>(state: &State<'a>) -> Vec<(String, &'a Map<String, Value>)> {
    let mut res: Vec<(String, &'a Map<String, Value>)> = Vec::new();
    res.extend(state.supported_object("Assign"));
    let nested = choice_rules(state)
        .into_iter()
        .map(|rule| (rule.pointer, rule.object))
        .chain(state.objects_in("Catch"));
    for (pointer, object) in nested {
        if let Some(Value::Object(assign)) = object.get("Assign") {
            res.push((child(&pointer, "Assign"), assign));
        }
    }
    res
}

fn report(sink: &mut Sink, pointer: &str, name: &str, language: QueryLanguage) {
    sink.schema(
        pointer,
        format!(
            "Field '{name}' is not supported when 'QueryLanguage' is '{}'",
            language.name()
        ),
    );
}
