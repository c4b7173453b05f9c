//! `States.Array(values...)`: an array of the arguments, in order.

use std::borrow::Cow;

use serde_json::Value;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Value {
    Value::Array(args.into_iter().map(Cow::into_owned).collect())
}
