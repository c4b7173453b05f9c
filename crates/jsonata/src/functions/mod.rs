//! The functions AWS adds to JSONata, and the built-ins it replaces or removes.

mod hash;
mod parse;
mod partition;
mod random;
mod range;

use jsonata_core::evaluator::{Evaluator, EvaluatorError};
use jsonata_core::value::JValue;

pub(crate) use random::Draws;

use crate::Error;

/// Registers every AWS function on `evaluator`, drawing randomness from `draws`.
pub(crate) fn register(evaluator: &mut Evaluator, draws: &Draws) -> Result<(), Error> {
    let fail = |e: EvaluatorError| Error::new(None, format!("cannot register functions: {e}"));
    evaluator
        .register_fn("partition", partition::partition)
        .map_err(fail)?;
    evaluator.register_fn("range", range::range).map_err(fail)?;
    evaluator.register_fn("hash", hash::hash).map_err(fail)?;
    evaluator.register_fn("parse", parse::parse).map_err(fail)?;
    evaluator
        .register_fn("uuid", draws.uuid_fn())
        .map_err(fail)?;
    evaluator
        .register_fn_override("random", draws.random_fn())
        .map_err(fail)?;
    evaluator
        .register_fn_override("eval", |_: &[JValue]| {
            Err(coded("T1006", "Attempted to invoke a non-function"))
        })
        .map_err(fail)?;
    Ok(())
}

/// Builds an evaluator error whose message starts with a JSONata code, so the facade can split it out again.
fn coded(code: &str, message: &str) -> EvaluatorError {
    EvaluatorError::EvaluationError(format!("{code}: {message}"))
}

/// The `T0410` error JSONata raises when an argument does not match the function's signature.
fn bad_argument(position: usize, function: &str) -> EvaluatorError {
    coded(
        "T0410",
        &format!(
            "Argument {position} of function \"{function}\" does not match function signature"
        ),
    )
}

/// Checks that `function` got between `min` and `max` arguments.
fn arity(args: &[JValue], min: usize, max: usize, function: &str) -> Result<(), EvaluatorError> {
    if args.len() > max {
        return Err(bad_argument(max + 1, function));
    }
    if args.len() < min {
        return Err(bad_argument(args.len() + 1, function));
    }
    Ok(())
}

/// Reads argument `idx` as an integer, as AWS's integer parameters require.
fn integer(args: &[JValue], idx: usize, function: &str) -> Result<i64, EvaluatorError> {
    match args.get(idx) {
        Some(JValue::Number(n)) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => {
            // The guard above keeps the cast exact.
            Ok(*n as i64)
        }
        _ => Err(bad_argument(idx + 1, function)),
    }
}
