//! `States.Hash(data, algorithm)`: the lowercase hex digest of the data's UTF-8 bytes.
//!
//! The algorithm must be spelled exactly `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
//! AWS hashes a non-string value by its Java string form, and accepts up to 10,000 characters.

use std::borrow::Cow;

use md5::Md5;
use serde_json::Value;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::args::{MAX_INPUT_CHARS, fixed, invalid, java_length, string};
use super::function::Function;
use crate::error::Failure;
use crate::java::to_java_string;

const F: Function = Function::Hash;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [data, algorithm] = fixed(args, F)?;
    let algorithm = string(&algorithm, F)?;
    let data = match data.as_ref() {
        Value::String(text) => Cow::Borrowed(text.as_str()),
        other => Cow::Owned(to_java_string(other)),
    };
    if java_length(&data) > MAX_INPUT_CHARS {
        return Err(invalid(F));
    }
    let bytes = data.as_bytes();
    let digest = match algorithm {
        "MD5" => hex::encode(Md5::digest(bytes)),
        "SHA-1" => hex::encode(Sha1::digest(bytes)),
        "SHA-256" => hex::encode(Sha256::digest(bytes)),
        "SHA-384" => hex::encode(Sha384::digest(bytes)),
        "SHA-512" => hex::encode(Sha512::digest(bytes)),
        _ => return Err(invalid(F)),
    };
    Ok(Value::String(digest))
}
