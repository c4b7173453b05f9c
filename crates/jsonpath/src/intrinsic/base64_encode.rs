//! `States.Base64Encode(text)`: the Base64 encoding of the text's UTF-8 bytes, for up to 10,000 characters.

use std::borrow::Cow;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::args::{MAX_INPUT_CHARS, fixed, invalid, java_length, string};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::Base64Encode;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [text] = fixed(args, F)?;
    let text = string(&text, F)?;
    if java_length(text) > MAX_INPUT_CHARS {
        return Err(invalid(F));
    }
    Ok(Value::String(STANDARD.encode(text.as_bytes())))
}
