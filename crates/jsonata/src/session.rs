//! A session: one evaluator for several expressions over the same bindings and input, such as
//! the fields of one state, so that the evaluator and its functions are set up once.

use jsonata_core::evaluator::{Context, Evaluator};
use jsonata_core::value::JValue;
use serde_json::Value;

use crate::functions::{self, Draws};
use crate::{Bindings, Entropy, Error, Expression, Limits, value};

/// More passes than this means the expression keeps asking for new random values; it is refused.
const MAX_PASSES: usize = 8;

/// Evaluates any number of expressions against one set of bindings and one input.
///
/// Each evaluation runs in its own scope: a `$x := ...` in one expression is not seen by the
/// next. The time budget of [`Limits`] covers the whole session.
///
/// # Example
///
/// ```
/// use jsonata::{Bindings, Expression, Limits, Session, SplitMix64};
/// use serde_json::json;
///
/// let bindings = Bindings::new().with("states", json!({"input": {"n": 2}}));
/// let mut session = Session::new(None, &bindings, &Limits::default());
/// let mut entropy = SplitMix64::new(0);
/// let double = Expression::parse("$states.input.n * 2")?;
/// let square = Expression::parse("$states.input.n * $states.input.n")?;
/// assert_eq!(session.evaluate(&double, &mut entropy)?, Some(json!(4)));
/// assert_eq!(session.evaluate(&square, &mut entropy)?, Some(json!(4)));
/// # Ok::<(), jsonata::Error>(())
/// ```
pub struct Session {
    evaluator: Evaluator,
    draws: Draws,
    input: JValue,
    /// Whether AWS's functions are registered yet: only expressions that name one need them.
    registered: bool,
    /// Set when the functions could not be registered; every evaluation then fails with it.
    broken: Option<Error>,
}

impl Session {
    /// Starts a session; `None` as input stands for `undefined`.
    pub fn new(input: Option<&Value>, bindings: &Bindings, limits: &Limits) -> Session {
        let mut context = Context::new();
        for (name, bound) in bindings.iter() {
            context.bind(name.to_owned(), bound.clone());
        }
        Session {
            evaluator: Evaluator::with_options(context, limits.to_options()),
            draws: Draws::default(),
            input: input.map_or(JValue::Undefined, value::to_jvalue),
            registered: false,
            broken: None,
        }
    }

    /// Evaluates one expression as a state field does: `Ok(None)` is `undefined`, and a
    /// function result is an error that [`Error::is_unsupported_result`] recognises.
    ///
    /// # Errors
    ///
    /// Any evaluation error, or the unsupported-result error.
    pub fn evaluate(
        &mut self,
        expression: &Expression,
        entropy: &mut dyn Entropy,
    ) -> Result<Option<Value>, Error> {
        let res = self.evaluate_raw(expression, entropy)?;
        if matches!(
            res,
            JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. }
        ) {
            return Err(Error::unsupported_result());
        }
        value::from_jvalue(&res)
    }

    /// Evaluates one expression to the evaluator's own value, drawing random values from
    /// `entropy` as the expression asks for them.
    pub(crate) fn evaluate_raw(
        &mut self,
        expression: &Expression,
        entropy: &mut dyn Entropy,
    ) -> Result<JValue, Error> {
        if !self.registered && expression.names_aws_function() {
            self.registered = true;
            self.broken = functions::register(&mut self.evaluator, &self.draws).err();
        }
        if let Some(error) = &self.broken {
            return Err(error.clone());
        }
        self.draws.clear();
        for _ in 0..MAX_PASSES {
            let res = self
                .evaluator
                .evaluate(expression.ast(), &self.input)
                .map_err(|e| Error::from_coded(e.message()));
            if !self.draws.refill(entropy) {
                return res;
            }
        }
        Err(Error::new(
            Some("D1012"),
            "the expression kept drawing new random values and was stopped",
        ))
    }
}
