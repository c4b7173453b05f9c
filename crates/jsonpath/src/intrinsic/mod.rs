//! `Intrinsic`: a `States.X(...)` call, parsed once and evaluated against a scope.
//!
//! Each function lives in its own file; `function.rs` maps names to them and
//! `args.rs` holds the argument checks they share.

mod args;
mod function;
mod parse;

mod array;
mod array_contains;
mod array_get_item;
mod array_length;
mod array_partition;
mod array_range;
mod array_unique;
mod base64_decode;
mod base64_encode;
mod format;
mod hash;
mod json_merge;
mod json_to_string;
mod math_add;
mod math_random;
mod string_split;
mod string_to_json;
mod uuid;

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::entropy::Entropy;
use crate::error::{Failure, ParseError};
use crate::path::Path;
use crate::scope::Scope;

use format::TemplateSource;
use function::Function;

/// A compiled intrinsic function call such as `States.Format('{} items', States.ArrayLength($.items))`.
///
/// Arguments may be string literals in single quotes (with the escapes `\'`, `\{`, `\}` and `\\`),
/// numbers, `true`, `false`, `null`, paths (`$.a`, `$$.Execution.Id`, `$variable`) and
/// nested calls, up to 10 calls deep.
///
/// Run-time failures are `States.Runtime`, as AWS reports them: `Invalid arguments in States.X`
/// for a bad argument, and AWS's "could not be found in the input" message for a missing path.
///
/// # Example
///
/// ```
/// use jsonpath::{Entropy, Intrinsic};
/// use serde_json::json;
///
/// struct Fixed;
/// impl Entropy for Fixed {
///     fn uuid_v4(&mut self) -> String { "00000000-0000-4000-8000-000000000000".to_owned() }
///     fn next_u64(&mut self) -> u64 { 4 }
/// }
///
/// let call = Intrinsic::parse("States.Format('Hello, {}!', $.name)").expect("valid call");
/// let value = call.evaluate(&json!({"name": "Ada"}), &json!({}), &mut Fixed).expect("evaluates");
/// assert_eq!(value, json!("Hello, Ada!"));
/// ```
#[derive(Clone)]
pub struct Intrinsic {
    text: String,
    call: Call,
}

/// One call in the tree of nested calls.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Call {
    pub(crate) function: Function,
    pub(crate) args: Vec<Arg>,
    pub(crate) template: TemplateSource,
}

/// One argument of a call.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg {
    Literal(Value),
    Path(Path),
    Call(Box<Call>),
}

impl Intrinsic {
    /// Compiles `text`.
    ///
    /// # Errors
    ///
    /// Returns a `ParseError` for an unknown function, a malformed call, an invalid escape in a
    /// string literal, an invalid path argument, or calls nested more than 10 deep.
    /// A wrong number of arguments is not an error here: AWS accepts it and fails at run time.
    pub fn parse(text: &str) -> Result<Intrinsic, ParseError> {
        let call = parse::parse(text).map_err(|reason| {
            ParseError::new(format!(
                "invalid intrinsic function call '{text}': {reason}"
            ))
        })?;
        Ok(Intrinsic {
            text: text.to_owned(),
            call,
        })
    }

    /// The call as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Evaluates the call against `input` and `context`, with no variables in scope.
    ///
    /// A missing path names an empty field in its message; use [`Intrinsic::evaluate_in`]
    /// to name the ASL field (for example `CausePath`) as AWS does.
    ///
    /// # Errors
    ///
    /// Returns a `States.Runtime` failure for a bad argument or a path that selects nothing.
    pub fn evaluate(
        &self,
        input: &Value,
        context: &Value,
        entropy: &mut dyn Entropy,
    ) -> Result<Value, Failure> {
        self.evaluate_in(&Scope::new(input, context), "", entropy)
    }

    /// Evaluates the call within `scope`; `field` is the ASL field named in failure messages.
    ///
    /// # Errors
    ///
    /// Returns a `States.Runtime` failure for a bad argument or a path that selects nothing.
    pub fn evaluate_in(
        &self,
        scope: &Scope<'_>,
        field: &str,
        entropy: &mut dyn Entropy,
    ) -> Result<Value, Failure> {
        evaluate_call(&self.call, *scope, field, entropy)
    }
}

fn evaluate_call<'x>(
    call: &'x Call,
    scope: Scope<'x>,
    field: &str,
    entropy: &mut dyn Entropy,
) -> Result<Value, Failure> {
    if call.function == Function::Uuid {
        return Ok(uuid::call(entropy));
    }
    if !call.function.accepts(call.args.len()) {
        return Err(args::invalid(call.function));
    }
    let mut values: Vec<Cow<'x, Value>> = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        values.push(match arg {
            Arg::Literal(value) => Cow::Borrowed(value),
            Arg::Path(path) => path
                .select_ref(&scope)
                .map_err(|miss| Failure::runtime(miss.field_cause(field, scope.input())))?,
            Arg::Call(inner) => Cow::Owned(evaluate_call(inner, scope, field, entropy)?),
        });
    }
    function::apply(call, values, entropy)
}

impl fmt::Debug for Intrinsic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Intrinsic").field(&self.text).finish()
    }
}

impl fmt::Display for Intrinsic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq for Intrinsic {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Intrinsic {}
