//! Rule `invalid-variable-name`: the keys of `Assign` must be valid variable names.
//!
//! ## What it checks
//! Every key of an `Assign` object (of a state, a rule in `Choices`, or a Catcher), without
//! its `.$` suffix in JSONPath states: it starts with a letter or `_`, goes on with letters,
//! digits and `_`, has at most 80 characters, and is not `states`, the name AWS reserves for
//! `$states`.
//! That `Assign` is an object is `invalid-field-type`'s to check, and that a JSONata state's
//! keys have no `.$` suffix is `query-language-field`'s.
//!
//! The messages are ours: AWS's wording for these errors was not found in any recorded
//! response.
//!
//! ## Why
//! A variable is read back as `$name` in paths, intrinsic functions and JSONata expressions;
//! a name these cannot spell could be assigned but never read, and `$states` always means
//! the state's own data.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"order-id.$": "$.id"},
//!   "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The variable name 'order-id' must start with a letter or '_'
//! and contain only letters, digits and '_' at /States/A/Assign`
//!
//! ## Fix
//! Rename the variable, such as `orderId` or `order_id`, and read it back under that name.

use serde_json::{Map, Value};

use super::context::{Definition, QueryLanguage, Sink, State, child, choice_rules};
use super::paths::{is_variable_char, is_variable_start};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-variable-name",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "the keys of Assign must be valid variable names",
};

/// The longest variable name AWS accepts, in characters.
const MAX_NAME_LEN: usize = 80;

/// The name AWS reserves for the state's own data (`$states`).
const RESERVED: &str = "states";

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if let Some((pointer, assign)) = state.supported_object("Assign") {
        check(sink, &pointer, assign, state.language);
    }
    for rule in choice_rules(state)
        .into_iter()
        .filter(|rule| rule.top_level)
    {
        if let Some(Value::Object(assign)) = rule.object.get("Assign") {
            check(
                sink,
                &child(&rule.pointer, "Assign"),
                assign,
                state.language,
            );
        }
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        if let Some(Value::Object(assign)) = catcher.get("Assign") {
            check(sink, &child(&pointer, "Assign"), assign, state.language);
        }
    }
}

fn check(sink: &mut Sink, pointer: &str, assign: &Map<String, Value>, language: QueryLanguage) {
    for key in assign.keys() {
        let name = match (language, key.strip_suffix(".$")) {
            (QueryLanguage::JsonPath, Some(name)) => name,
            // `query-language-field` reports the suffix.
            (QueryLanguage::Jsonata, Some(_)) => continue,
            (_, None) => key,
        };
        if let Some(problem) = problem(name) {
            sink.schema(pointer, format!("The variable name '{name}' {problem}"));
        }
    }
}

/// What is wrong with `name`, if anything, as the end of a sentence.
fn problem(name: &str) -> Option<&'static str> {
    let mut characters = name.chars();
    let well_formed =
        characters.next().is_some_and(is_variable_start) && characters.all(is_variable_char);
    if !well_formed {
        Some("must start with a letter or '_' and contain only letters, digits and '_'")
    } else if name.chars().count() > MAX_NAME_LEN {
        Some("must not be longer than 80 characters")
    } else if name == RESERVED {
        Some("is reserved")
    } else {
        None
    }
}
