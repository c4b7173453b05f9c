//! A compiled expression and its evaluation against JSON input, bindings and entropy.

use jsonata_core::ast::AstNode;
use serde_json::Value;

use crate::{Bindings, Entropy, Error, Limits, Session, restrict, value};

/// A JSONata expression, parsed and checked once, then evaluated any number of times.
///
/// `Expression` is `Send + Sync`, so a compiled program can share it across threads.
///
/// # Example
///
/// ```
/// use jsonata::{Bindings, Expression, SplitMix64};
/// use serde_json::json;
///
/// let expression = Expression::parse("$sum(items) + 1")?;
/// let res = expression.evaluate(&json!({"items": [1, 2]}), &Bindings::new(), &mut SplitMix64::new(0))?;
/// assert_eq!(res, Some(json!(4)));
/// # Ok::<(), jsonata::Error>(())
/// ```
#[derive(Debug)]
pub struct Expression {
    ast: AstNode,
    text: String,
    /// Whether the text names one of the functions the facade registers (AWS's own, and the
    /// `$eval` stub); a session registers them only for such an expression.
    names_aws_function: bool,
}

/// The functions the facade adds or replaces, as they appear in expressions.
const AWS_FUNCTIONS: [&str; 7] = [
    "$partition",
    "$range",
    "$hash",
    "$parse",
    "$uuid",
    "$random",
    "$eval",
];

impl Expression {
    /// Parses `text`, the expression inside `{% ... %}`.
    ///
    /// # Errors
    ///
    /// A syntax error, or a construct AWS does not run: the JSONata 2.1 operators `?:` and `??`, or `$eval`.
    pub fn parse(text: &str) -> Result<Expression, Error> {
        let ast = jsonata_core::parser::parse(text).map_err(|e| match e {
            jsonata_core::parser::ParserError::UnclosedComment => {
                Error::new(Some("S0106"), "Comment has no closing tag")
            }
            other => Error::from_coded(&other.to_string()),
        })?;
        restrict::check(&ast)?;
        Ok(Expression {
            ast,
            text: text.to_owned(),
            // A function can only be reached by its name written in the text (JSON values
            // cannot carry one in), so a text search is a safe over-approximation.
            names_aws_function: AWS_FUNCTIONS.iter().any(|name| text.contains(name)),
        })
    }

    /// The parsed tree.
    pub(crate) fn ast(&self) -> &AstNode {
        &self.ast
    }

    /// Whether evaluating it may call a function the facade registers.
    pub(crate) fn names_aws_function(&self) -> bool {
        self.names_aws_function
    }

    /// The text the expression was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Evaluates against `input` with the default [`Limits`]; `Ok(None)` is JSONata's `undefined`.
    ///
    /// # Errors
    ///
    /// Any JSONata evaluation error, including `D1012` when the time budget runs out.
    pub fn evaluate(
        &self,
        input: &Value,
        bindings: &Bindings,
        entropy: &mut dyn Entropy,
    ) -> Result<Option<Value>, Error> {
        self.evaluate_with(Some(input), bindings, entropy, &Limits::default())
    }

    /// Evaluates with explicit `limits`, and with `None` as input standing for `undefined`.
    ///
    /// A function result is `undefined` here, as in `JSON.stringify`; state fields, which
    /// must fail on one, go through [`crate::Session::evaluate`].
    ///
    /// # Errors
    ///
    /// Any JSONata evaluation error, including `D1011` past the depth bound and `D1012` past the time budget.
    pub fn evaluate_with(
        &self,
        input: Option<&Value>,
        bindings: &Bindings,
        entropy: &mut dyn Entropy,
        limits: &Limits,
    ) -> Result<Option<Value>, Error> {
        let mut session = Session::new(input, bindings, limits);
        let res = session.evaluate_raw(self, entropy)?;
        value::from_jvalue(&res)
    }
}
