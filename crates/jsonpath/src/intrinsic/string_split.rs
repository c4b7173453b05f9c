//! `States.StringSplit(text, delimiters)`: splits at any of the delimiter characters.
//!
//! AWS splits as Java's `StringTokenizer` does: every character of the second argument is a
//! delimiter, and empty tokens are dropped, so `", , ,"` split on `","` gives `[" ", " "]`.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{fixed, string};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::StringSplit;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [text, delimiters] = fixed(args, F)?;
    let text = string(&text, F)?;
    let delimiters = string(&delimiters, F)?;
    Ok(Value::Array(
        text.split(|c| delimiters.contains(c))
            .filter(|token| !token.is_empty())
            .map(|token| Value::String(token.to_owned()))
            .collect(),
    ))
}
