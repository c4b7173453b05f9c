//! `States.UUID()`: a random version 4 UUID from the caller's `Entropy`.
//!
//! AWS ignores any arguments, so they are not even evaluated.

use serde_json::Value;

use crate::entropy::Entropy;

pub(crate) fn call(entropy: &mut dyn Entropy) -> Value {
    Value::String(entropy.uuid_v4())
}
