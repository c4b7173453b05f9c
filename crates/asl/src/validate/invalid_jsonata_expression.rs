//! Rule `invalid-jsonata-expression`: every JSONata expression must parse.
//!
//! ## What it checks
//! In JSONata states, every string of the form `{% … %}` (exactly: no space before `{%` or
//! after `%}`) in the fields that evaluate expressions, at any depth of their objects and
//! arrays: `Arguments`, `Output`, `Assign`, `Items`, `ItemSelector`, `Credentials`, a Task's
//! `TimeoutSeconds` and `HeartbeatSeconds`, a Wait state's `Seconds` and `Timestamp`, a Fail
//! state's `Error` and `Cause`, a Map's `MaxConcurrency`, `ToleratedFailureCount` and
//! `ToleratedFailurePercentage`, everything but the `Resource` of a Map's `ItemReader`,
//! `ItemBatcher` and `ResultWriter`, a Choice rule's `Condition`, `Output` and `Assign`, and a
//! Catcher's `Output` and `Assign`.
//! The expression must be JSONata 2.0.6 as AWS runs it: the 2.1 operators `?:` and `??` and
//! the function `$eval` are refused too.
//! In JSONPath states `{% … %}` is a plain string and is not checked.
//!
//! The diagnostic sits at the string itself, and its message is the parser's, without the
//! JSONata error code, as AWS reports it (`INVALID_JSONATA_EXPRESSION: Unexpected end of
//! expression at /States/A/Output`).
//! FIXME: the parser (jsonata-core) names tokens where jsonata-js, and so AWS, quotes them:
//! `Expected RightBracket, got Comma` where AWS says `Expected "]", got ","`; the `jsonata`
//! crate should translate them.
//!
//! ## Why
//! An expression that does not parse would fail every execution that reaches it with
//! `States.QueryEvaluationError`; AWS refuses the definition instead.
//!
//! ## Example
//! ```json
//! {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
//!   "Output": {"total": "{% $states.input.price * %}"}, "End": true}}}
//! ```
//! `INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/A/Output/total`
//!
//! ## Fix
//! Complete or correct the expression; try it at <https://try.jsonata.org> against the state's
//! input bound to `$states.input`.

use super::context::{Definition, Sink, State, jsonata_expressions};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-jsonata-expression",
    code: code::INVALID_JSONATA_EXPRESSION,
    summary: "every JSONata expression ({% … %}) in a JSONata state must parse",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    for expression in jsonata_expressions(state) {
        if let Err(err) = jsonata::Expression::parse(expression.text) {
            sink.push(
                code::INVALID_JSONATA_EXPRESSION,
                &expression.pointer,
                err.message(),
            );
        }
    }
}
