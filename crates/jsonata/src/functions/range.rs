//! `$range(start, end, step)`: the integers from `start` to `end` inclusive, `step` apart, at most 1,000 of them.

use jsonata_core::evaluator::EvaluatorError;
use jsonata_core::value::JValue;

use super::{arity, coded, integer};

/// The limit AWS applies to `States.ArrayRange`, which `$range` replaces.
const MAX_ITEMS: i64 = 1_000;

pub(super) fn range(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity(args, 3, 3, "range")?;
    if args.iter().any(JValue::is_undefined) {
        return Ok(JValue::Undefined);
    }
    let start = integer(args, 0, "range")?;
    let end = integer(args, 1, "range")?;
    let step = integer(args, 2, "range")?;
    if step == 0 {
        return Err(coded(
            "D3050",
            "The step of function \"range\" must not be zero",
        ));
    }
    let n_items = if (end - start).signum() * step.signum() < 0 {
        0
    } else {
        (end - start) / step + 1
    };
    if n_items > MAX_ITEMS {
        return Err(coded(
            "D2014",
            "The size of the sequence produced by function \"range\" exceeds the limit of 1000 items",
        ));
    }
    let items = (0..n_items)
        .map(|idx| JValue::from_i64(start + idx * step))
        .collect();
    // A sequence, like JSONata's own `[a..b]`, so that a single item stands alone.
    Ok(JValue::sequence(items))
}
