//! `Expression`: the value of a `.$` key, `ErrorPath` or `CausePath`, which is either a path or an intrinsic call.

use std::borrow::Cow;

use serde_json::Value;

use crate::entropy::Entropy;
use crate::error::{Failure, ParseError};
use crate::intrinsic::Intrinsic;
use crate::path::Path;
use crate::scope::Scope;

/// A path (`$.x`, `$$.x`, `$var`) or an intrinsic function call (`States.Format(...)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expression {
    /// A JSONPath, context path or variable path.
    Path(Path),
    /// An intrinsic function call.
    Intrinsic(Intrinsic),
}

impl Expression {
    /// Compiles `text`, deciding by its first characters which form it is.
    ///
    /// # Errors
    ///
    /// Returns a `ParseError` when `text` is neither a valid path nor a valid intrinsic call.
    pub fn parse(text: &str) -> Result<Expression, ParseError> {
        if text.starts_with("States.") {
            Intrinsic::parse(text).map(Expression::Intrinsic)
        } else if text.starts_with('$') {
            Path::parse(text).map(Expression::Path)
        } else {
            Err(ParseError::new(format!(
                "'{text}' is neither a JSONPath (starting with '$') nor an intrinsic function call (starting with 'States.')"
            )))
        }
    }

    /// The expression as written.
    pub fn text(&self) -> &str {
        match self {
            Expression::Path(path) => path.text(),
            Expression::Intrinsic(intrinsic) => intrinsic.text(),
        }
    }

    /// Evaluates the expression within `scope`; `field` is the ASL field named in failure messages
    /// (for example `value.$` or `CausePath`).
    ///
    /// # Errors
    ///
    /// Returns a `States.Runtime` failure when a path selects nothing or an intrinsic call fails.
    pub fn evaluate_in(
        &self,
        scope: &Scope<'_>,
        field: &str,
        entropy: &mut dyn Entropy,
    ) -> Result<Value, Failure> {
        self.evaluate_ref(scope, field, entropy)
            .map(Cow::into_owned)
    }

    /// As [`Expression::evaluate_in`], borrowing the result when it is a value of the scope.
    ///
    /// # Errors
    ///
    /// Returns a `States.Runtime` failure when a path selects nothing or an intrinsic call fails.
    pub fn evaluate_ref<'a>(
        &self,
        scope: &Scope<'a>,
        field: &str,
        entropy: &mut dyn Entropy,
    ) -> Result<Cow<'a, Value>, Failure> {
        match self {
            Expression::Path(path) => path
                .select_ref(scope)
                .map_err(|miss| Failure::runtime(miss.field_cause(field, scope.input()))),
            Expression::Intrinsic(intrinsic) => {
                intrinsic.evaluate_in(scope, field, entropy).map(Cow::Owned)
            }
        }
    }
}
