//! Java's `Double.toString`, which is how Jackson and `String.valueOf` print floating-point numbers.

use std::fmt::Write;

/// Appends `value` as Java's `Double.toString` spells it: `1.5`, `100.0`, `1.0E10`, `1.0E-4`.
pub(crate) fn write_double(out: &mut String, value: f64) {
    if value.is_nan() {
        out.push_str("NaN");
        return;
    }
    if value.is_infinite() {
        out.push_str(if value > 0.0 { "Infinity" } else { "-Infinity" });
        return;
    }
    if value == 0.0 {
        out.push_str(if value.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        });
        return;
    }
    if value < 0.0 {
        out.push('-');
    }
    let magnitude = value.abs();
    // Rust's `{:e}` gives the shortest digits that read back as the same double,
    // which is also what Java has printed since JDK 19.
    let scientific = format!("{magnitude:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (1e-3..1e7).contains(&magnitude) {
        if exponent >= 0 {
            let integer_len = usize::try_from(exponent).unwrap_or(0) + 1;
            if digits.len() <= integer_len {
                out.push_str(&digits);
                push_zeros(out, integer_len - digits.len());
                out.push_str(".0");
            } else {
                out.push_str(&digits[..integer_len]);
                out.push('.');
                out.push_str(&digits[integer_len..]);
            }
        } else {
            out.push_str("0.");
            push_zeros(out, usize::try_from(-exponent - 1).unwrap_or(0));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if digits.len() > 1 { &digits[1..] } else { "0" });
        let _ = write!(out, "E{exponent}");
    }
}

fn push_zeros(out: &mut String, count: usize) {
    out.extend(std::iter::repeat_n('0', count));
}

#[cfg(test)]
mod tests {
    use super::write_double;

    fn check(value: f64, expected: &str) {
        let mut out = String::new();
        write_double(&mut out, value);
        assert_eq!(out, expected, "Double.toString({value})");
    }

    #[test]
    fn doubles_print_as_java_prints_them() {
        check(1.1, "1.1");
        check(100.0, "100.0");
        check(-2.5, "-2.5");
        check(0.001, "0.001");
        check(0.0001, "1.0E-4");
        check(1234567.0, "1234567.0");
        check(12345678.0, "1.2345678E7");
        check(1e10, "1.0E10");
        check(1.5e300, "1.5E300");
        check(0.0, "0.0");
        check(-0.0, "-0.0");
        check(123.456, "123.456");
        check(0.1 + 0.2, "0.30000000000000004");
    }
}
