//! Java's numeric conventions: `Math.round` and the class names Jayway prints in its messages.

use serde_json::Value;

/// Java's `Math.round(double)`: the nearest integer, with halves rounded towards positive infinity.
///
/// AWS rounds `States.MathAdd` operands this way, so `-2.5` becomes `-2` and `2.5` becomes `3`.
pub(crate) fn round_half_up(value: f64) -> f64 {
    let floor = value.floor();
    // `value - floor` is exact for doubles, so this avoids the `floor(x + 0.5)` error at 0.49999999999999994.
    if value - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

/// The Java class Jackson maps `value` to, as Jayway names it in "found '...'" messages.
pub(crate) fn class_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::String(_) => "java.lang.String",
        Value::Array(_) => "java.util.ArrayList",
        Value::Object(_) => "java.util.LinkedHashMap",
        Value::Number(number) => match number.as_i64() {
            Some(int) if i32::try_from(int).is_ok() => "java.lang.Integer",
            Some(_) => "java.lang.Long",
            None if number.is_u64() => "java.math.BigInteger",
            None => "java.lang.Double",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::round_half_up;

    #[test]
    fn rounds_halves_up_like_java() {
        for (value, expected) in [
            (0.5, 1.0),
            (1.5, 2.0),
            (2.5, 3.0),
            (-0.5, 0.0),
            (-1.5, -1.0),
            (-2.5, -2.0),
            (-1.51, -2.0),
            (1.49, 1.0),
        ] {
            assert_eq!(round_half_up(value), expected, "Math.round({value})");
        }
        assert_eq!(round_half_up(0.499_999_999_999_999_94), 0.0);
    }
}
