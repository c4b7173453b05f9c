//! Rule `query-language-downgrade`: a state may not go back to JSONPath when the whole state
//! machine uses JSONata.
//!
//! ## What it checks
//! That no state (at any depth) sets `"QueryLanguage": "JSONPath"` when the top-level
//! `QueryLanguage` is `JSONata`.
//!
//! ## Why
//! AWS lets single states opt into JSONata, but not out of it.
//!
//! ## Example
//! ```json
//! {"QueryLanguage": "JSONata", "StartAt": "Pass",
//!  "States": {"Pass": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for
//! whole state machine at /States/Pass`
//!
//! ## Fix
//! Remove the state's `QueryLanguage` and write the state in JSONata, or drop the top-level
//! `QueryLanguage` and set `JSONata` only on the states that use it.

use super::context::{Definition, QueryLanguage, Sink, State};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "query-language-downgrade",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "a state may not go back to JSONPath when the state machine uses JSONata",
};

pub(super) fn check_state(definition: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if definition.language == QueryLanguage::Jsonata
        && state.get_str("QueryLanguage") == Some("JSONPath")
    {
        sink.schema(
            &state.pointer,
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
        );
    }
}
