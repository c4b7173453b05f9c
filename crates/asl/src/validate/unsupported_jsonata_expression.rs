//! Rule `unsupported-jsonata-expression`: an expression reads only what Step Functions gives.
//!
//! ## What it checks
//! Every JSONata expression that [`invalid-jsonata-expression`](#invalid-jsonata-expression)
//! checks and that parses (one that does not is that rule's to report), for four references:
//!
//! * `$`, or an unqualified field name, at the top level of the expression:
//!   `Reference to 'phone' at the top level is not supported.`, once per distinct name.
//!   The top level is the first step of a path (`phone` in `phone.number`), operands, function
//!   arguments (`items` in `$sum(items)`), the keys and values of an object constructor, block
//!   items, the parts of a condition, and lambda bodies (a lambda keeps the context of the
//!   expression that defines it, so `function($x) { phone }` names `phone`).
//!   Later path steps, predicates, sort terms, group-by objects and transforms are nested and
//!   may read the context: `$states.input.items[price > 10].(price * qty)` is fine.
//! * `$$`, anywhere: `Reference to '$$' is not supported.`
//! * `$states.errorOutput` outside a Catcher's `Output` and `Assign`:
//!   `Field '$states.errorOutput' does not exist.`
//! * `$states.result` outside the top-level `Output` and `Assign` of a Task, Map or Parallel
//!   state: `Field '$states.result' does not exist.`
//!
//! The diagnostics sit at the string, in the order the expression names them.
//! AWS's wording is known for the first three (recorded against
//! `ValidateStateMachineDefinition` by the floci project, floci-io/floci#2670 and #2699, which
//! also measured what counts as the top level); for `$states.result` it is not, and this rule
//! words it as it words `$states.errorOutput`.
//! `$$` and the `$states` fields are reported even where they sit nested, which AWS's
//! messages suggest but no recording shows.
//!
//! ## Why
//! Step Functions evaluates an expression with no context: the state's input is
//! `$states.input` and a workflow variable is `$name`, so a bare `phone` or `$` would always
//! be empty, and the States Language forbids them ("MUST NOT reference "$" or unqualified
//! field names at the top level").
//! `$states.result` and `$states.errorOutput` only exist where a state has a result or an
//! error. AWS refuses such a definition instead of failing its executions.
//!
//! ## Example
//! ```json
//! {"QueryLanguage": "JSONata", "StartAt": "E", "States": {"E": {"Type": "Pass",
//!   "Output": {"v": "{% phone %}"}, "End": true}}}
//! ```
//! `UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at
//! /States/E/Output/v`
//!
//! ## Fix
//! Read the input through `$states.input` (`$states.input.phone`) and a variable through its
//! name (`$phone`); read `$states.errorOutput` in a Catcher's `Output` or `Assign`, and
//! `$states.result` in the `Output` or `Assign` of the Task, Map or Parallel state itself.

use jsonata::UnsupportedReference;

use super::context::{Definition, JsonataOwner, Sink, State, StateType, jsonata_expressions};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "unsupported-jsonata-expression",
    code: code::UNSUPPORTED_JSONATA_EXPRESSION,
    summary: "a JSONata expression must not read $, a bare field name, $$, or a $states field its position lacks",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let has_result = matches!(
        state.state_type,
        Some(StateType::Task | StateType::Map | StateType::Parallel)
    );
    for expression in jsonata_expressions(state) {
        // An expression that does not parse is `invalid-jsonata-expression`'s.
        let Ok(parsed) = jsonata::Expression::parse(expression.text) else {
            continue;
        };
        let in_output_or_assign = matches!(expression.field, "Output" | "Assign");
        for reference in parsed.unsupported_references() {
            let message = match reference {
                UnsupportedReference::Context | UnsupportedReference::Field(_) => {
                    format!("Reference to '{reference}' at the top level is not supported.")
                }
                UnsupportedReference::Root => {
                    format!("Reference to '{reference}' is not supported.")
                }
                UnsupportedReference::StatesResult => {
                    if has_result && expression.owner == JsonataOwner::State && in_output_or_assign
                    {
                        continue;
                    }
                    format!("Field '{reference}' does not exist.")
                }
                UnsupportedReference::StatesErrorOutput => {
                    if expression.owner == JsonataOwner::Catcher {
                        continue;
                    }
                    format!("Field '{reference}' does not exist.")
                }
            };
            sink.push(
                code::UNSUPPORTED_JSONATA_EXPRESSION,
                &expression.pointer,
                message,
            );
        }
    }
}
