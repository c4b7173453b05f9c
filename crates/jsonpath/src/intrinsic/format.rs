//! `States.Format(template, args...)`: replaces each `{}` in the template with the next argument.
//!
//! Arguments print as Java's `String.valueOf` prints them (`{a=1}`, `[1, 2]`, `null`),
//! except a `States.StringToJson` result, which AWS keeps as a Jackson node and prints as JSON.
//! In a literal template `\{` and `\}` are plain braces. Any other lone brace, or too few or
//! too many arguments, fails at run time.

use std::borrow::Cow;

use serde_json::Value;

use super::args::invalid;
use super::function::Function;
use super::{Arg, Call};
use crate::error::Failure;
use crate::java::{to_java_string, to_json};

/// A template split into literal text and `{}` slots.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Template {
    pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Text(String),
    Slot,
}

/// Where a call's template comes from, decided when the call is parsed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TemplateSource {
    /// The template is computed at run time (or this is not a `States.Format` call).
    Argument,
    /// A string literal, compiled once.
    Literal(Template),
    /// A string literal with an unmatched brace, which fails when the call runs, as on AWS.
    Malformed,
}

impl Template {
    /// Compiles the raw text of a string literal, in which `\x` stands for a literal `x`.
    pub(crate) fn from_literal(raw: &str) -> Option<Template> {
        compile(raw, true)
    }

    fn from_runtime(text: &str) -> Option<Template> {
        compile(text, false)
    }

    fn slots(&self) -> usize {
        self.pieces
            .iter()
            .filter(|piece| matches!(piece, Piece::Slot))
            .count()
    }
}

fn compile(text: &str, escapes: bool) -> Option<Template> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if escapes => current.push(chars.next()?),
            '{' => {
                if chars.next()? != '}' {
                    return None;
                }
                if !current.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut current)));
                }
                pieces.push(Piece::Slot);
            }
            '}' => return None,
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        pieces.push(Piece::Text(current));
    }
    Some(Template { pieces })
}

pub(crate) fn call(call: &Call, args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let mut args = args.into_iter();
    let first = args.next().ok_or_else(|| invalid(Function::Format))?;
    let compiled;
    let template = match &call.template {
        TemplateSource::Literal(template) => template,
        TemplateSource::Malformed => return Err(invalid(Function::Format)),
        TemplateSource::Argument => {
            let text = first.as_str().ok_or_else(|| invalid(Function::Format))?;
            compiled = Template::from_runtime(text).ok_or_else(|| invalid(Function::Format))?;
            &compiled
        }
    };
    let values: Vec<Cow<'_, Value>> = args.collect();
    if template.slots() != values.len() {
        return Err(invalid(Function::Format));
    }
    let mut out = String::new();
    let mut slot = 0;
    for piece in &template.pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Slot => {
                let value = values[slot].as_ref();
                let from_string_to_json = matches!(
                    call.args.get(slot + 1),
                    Some(Arg::Call(inner)) if inner.function == Function::StringToJson
                );
                if from_string_to_json {
                    out.push_str(&to_json(value));
                } else if let Value::String(text) = value {
                    out.push_str(text);
                } else {
                    out.push_str(&to_java_string(value));
                }
                slot += 1;
            }
        }
    }
    Ok(Value::String(out))
}
