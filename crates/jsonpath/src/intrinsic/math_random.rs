//! `States.MathRandom(start, end[, seed])`: a random integer in `[start, end)`.
//!
//! AWS cuts fractional bounds towards zero and fails unless `start < end`.
//! With a seed the number comes from `java.util.Random`, so it matches AWS's;
//! without one it comes from the caller's `Entropy`, so executions replay.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{invalid, truncated_int};
use super::function::Function;
use crate::entropy::Entropy;
use crate::error::Failure;
use crate::java::JavaRandom;

const F: Function = Function::MathRandom;

pub(crate) fn call(args: Vec<Cow<'_, Value>>, entropy: &mut dyn Entropy) -> Result<Value, Failure> {
    let (start, end, seed) = match args.as_slice() {
        [start, end] => (start, end, None),
        [start, end, seed] => (start, end, Some(seed)),
        _ => return Err(invalid(F)),
    };
    let start = truncated_int(start, F)?;
    let end = truncated_int(end, F)?;
    let seed = seed.map(|seed| truncated_int(seed, F)).transpose()?;
    if start >= end {
        return Err(invalid(F));
    }
    // Java computes the bound in 32 bits, so a span wider than `Integer.MAX_VALUE` fails there too.
    let bound = end.checked_sub(start).ok_or_else(|| invalid(F))?;
    let offset = match seed {
        Some(seed) => JavaRandom::new(i64::from(seed))
            .next_int(bound)
            .ok_or_else(|| invalid(F))?,
        None => {
            let bound = u64::try_from(bound).map_err(|_| invalid(F))?;
            i32::try_from(entropy.next_u64() % bound).map_err(|_| invalid(F))?
        }
    };
    Ok(Value::from(start + offset))
}
