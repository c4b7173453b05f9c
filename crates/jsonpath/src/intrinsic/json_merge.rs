//! `States.JsonMerge(left, right, deep)`: a shallow merge of two objects in which `right` wins.
//!
//! Keys keep the position they have in `left`; keys only in `right` follow.
//! AWS supports only the shallow merge: a `deep` of `true` fails, and any other value means shallow.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{fixed, invalid};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::JsonMerge;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [left, right, deep] = fixed(args, F)?;
    if deep.as_ref() == &Value::Bool(true) {
        return Err(invalid(F));
    }
    if !right.is_object() {
        return Err(invalid(F));
    }
    let Value::Object(mut merged) = left.into_owned() else {
        return Err(invalid(F));
    };
    match right {
        Cow::Owned(Value::Object(right)) => merged.extend(right),
        Cow::Borrowed(Value::Object(right)) => {
            merged.extend(
                right
                    .iter()
                    .map(|(key, value)| (key.clone(), value.clone())),
            );
        }
        _ => return Err(invalid(F)),
    }
    Ok(Value::Object(merged))
}
