//! Jayway's regular-expression literals, `/pattern/` and `/pattern/i`, for the `=~` filter operator.
//!
//! Jayway 2.4 compiles the text between the slashes with `java.util.regex.Pattern` (adding
//! `CASE_INSENSITIVE` for a trailing `i`, its only flag) and tests `matcher(input).matches()`,
//! so the whole input must match. Java syntax is translated to the `regex` crate's where both
//! can express it, keeping Java's meaning: `\d`, `\w`, `\s` and `\b` are ASCII-only, `.` stops
//! at every Java line terminator, and an escaped punctuation character is always a literal.
//! Java constructs the crate cannot express (backreferences, look-around, atomic groups,
//! possessive quantifiers, `\Q...\E`, most inline flags) are rejected when the path is parsed.
//!
//! One difference remains: with `i`, Java folds only ASCII letters, the crate folds all of Unicode.

use std::borrow::Cow;
use std::fmt;

use regex::Regex;
use serde_json::{Number, Value};

use crate::java::write_number;

/// A compiled `/pattern/flags` literal, matched against the whole input.
#[derive(Clone)]
pub(crate) struct Pattern {
    source: String,
    case_insensitive: bool,
    regex: Regex,
}

impl Pattern {
    /// Compiles the Java `source` (the text between the slashes), once, at parse time.
    pub(crate) fn compile(source: &str, case_insensitive: bool) -> Result<Pattern, String> {
        let translated = translate(source)
            .map_err(|reason| format!("invalid regular expression /{source}/: {reason}"))?;
        let invalid = |error: regex::Error| {
            format!(
                "invalid regular expression /{source}/: {}",
                describe(&error)
            )
        };
        // Compiled alone first, so that the anchoring group cannot balance a stray ')'.
        Regex::new(&translated).map_err(invalid)?;
        let flags = if case_insensitive { "(?i)" } else { "" };
        let regex = Regex::new(&format!(r"{flags}\A(?:{translated})\z")).map_err(invalid)?;
        Ok(Pattern {
            source: source.to_owned(),
            case_insensitive,
            regex,
        })
    }

    /// Whether the whole of `text` matches, as Java's `Matcher.matches` decides.
    pub(crate) fn matches(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source && self.case_insensitive == other.case_insensitive
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flags = if self.case_insensitive { "i" } else { "" };
        write!(f, "/{}/{flags}", self.source)
    }
}

/// The last line of the crate's error, which says what is wrong without the ASCII-art excerpt.
fn describe(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text.lines().last().unwrap_or_default().trim();
    last.strip_prefix("error: ").unwrap_or(last).to_owned()
}

/// The text Jayway 2.4 matches for a resolved operand: strings as they are, numbers as Java's
/// `BigDecimal.toString` prints them, booleans as `true`/`false`, and everything else
/// (null, objects, arrays, a missing path) as the empty string.
pub(crate) fn subject_text(value: Option<&Value>) -> Cow<'_, str> {
    match value {
        Some(Value::String(text)) => Cow::Borrowed(text),
        Some(Value::Number(number)) => Cow::Owned(big_decimal_text(number)),
        Some(Value::Bool(true)) => Cow::Borrowed("true"),
        Some(Value::Bool(false)) => Cow::Borrowed("false"),
        _ => Cow::Borrowed(""),
    }
}

/// `new BigDecimal(number.toString()).toString()`, the way Jayway's `NumberNode` prints a number.
fn big_decimal_text(number: &Number) -> String {
    let mut java = String::new();
    write_number(&mut java, number);
    // Only `Double.toString`'s scientific form (`1.0E10`, `1.0E-7`) prints differently.
    let Some((mantissa, exponent)) = java.split_once('E') else {
        return java;
    };
    let Ok(exponent) = exponent.parse::<i64>() else {
        return java;
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let Ok(fraction_len) = i64::try_from(fraction.len()) else {
        return java;
    };
    let Ok(digit_count) = i64::try_from(digits.len()) else {
        return java;
    };
    let scale = fraction_len - exponent;
    let adjusted = digit_count - 1 - scale;
    if scale >= 0 && adjusted >= -6 {
        // Plain notation.
        let Ok(scale) = usize::try_from(scale) else {
            return java;
        };
        if scale == 0 {
            return format!("{sign}{digits}");
        }
        if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len() - scale);
            return format!("{sign}{int}.{frac}");
        }
        let zeros = "0".repeat(scale - digits.len());
        return format!("{sign}0.{zeros}{digits}");
    }
    let (first, rest) = digits.split_at(1);
    let dot = if rest.is_empty() { "" } else { "." };
    let exponent_sign = if adjusted > 0 { "+" } else { "" };
    format!("{sign}{first}{dot}{rest}E{exponent_sign}{adjusted}")
}

/// Java's line terminators, which `.` does not match.
const JAVA_DOT: &str = r"[^\n\r\x{85}\x{2028}\x{2029}]";

/// Rewrites a Java pattern into the `regex` crate's syntax with the same meaning.
fn translate(java: &str) -> Result<String, String> {
    let mut out = String::with_capacity(java.len() + 16);
    let mut chars = java.chars().peekable();
    // How many character classes (`[...]`, which nest) are open.
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(escaped) = chars.next() else {
                    return Err("it ends with a lone '\\'".to_owned());
                };
                match escaped {
                    'd' => out.push_str("[0-9]"),
                    'D' => out.push_str("[^0-9]"),
                    'w' => out.push_str("[0-9A-Za-z_]"),
                    'W' => out.push_str("[^0-9A-Za-z_]"),
                    's' => out.push_str(r"[\t\n\x0B\x0C\r ]"),
                    'S' => out.push_str(r"[^\t\n\x0B\x0C\r ]"),
                    'h' => out.push_str(HORIZONTAL_SPACE),
                    'H' => out.push_str(&negate(HORIZONTAL_SPACE)),
                    'v' => out.push_str(VERTICAL_SPACE),
                    'V' => out.push_str(&negate(VERTICAL_SPACE)),
                    'b' | 'B' if class_depth == 0 => {
                        out.push_str("(?-u:\\");
                        out.push(escaped);
                        out.push(')');
                    }
                    'Q' => return Err("quoting with \\Q...\\E is not supported".to_owned()),
                    // Java reads a backslash before any other non-alphanumeric character as a literal.
                    c if !c.is_ascii_alphanumeric() => {
                        out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])))
                    }
                    // Other escapes mean the same in both, or the crate rejects them.
                    c => {
                        out.push('\\');
                        out.push(c);
                        // Copy the braces of `\p{L}` or `\x{263A}`, so that `}` is not read as a quantifier.
                        if matches!(c, 'p' | 'P' | 'x') && chars.peek() == Some(&'{') {
                            for inner in chars.by_ref() {
                                out.push(inner);
                                if inner == '}' {
                                    break;
                                }
                            }
                        }
                    }
                }
            }
            '[' => {
                out.push('[');
                class_depth += 1;
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
                // A ']' first in a class is a literal in the crate; escape it so both agree on the depth.
                if chars.peek() == Some(&']') {
                    chars.next();
                    out.push_str(r"\]");
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(']');
            }
            _ if class_depth > 0 => out.push(c),
            '.' => out.push_str(JAVA_DOT),
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                out.push_str("(?");
                check_group(&mut chars, &mut out)?;
            }
            '*' | '+' | '?' | '}' => {
                out.push(c);
                if chars.peek() == Some(&'+') {
                    return Err("possessive quantifiers such as '*+' are not supported".to_owned());
                }
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Java's `\h`.
const HORIZONTAL_SPACE: &str =
    r"[ \t\xA0\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]";
/// Java's `\v`.
const VERTICAL_SPACE: &str = r"[\n\x0B\x0C\r\x{85}\x{2028}\x{2029}]";

fn negate(class: &str) -> String {
    format!("[^{}", &class[1..])
}

/// Checks what follows `(?`: groups the crate reads as Java does pass, the rest is rejected.
fn check_group(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
) -> Result<(), String> {
    match chars.peek() {
        Some(':') => Ok(()),
        Some('=' | '!') => Err("look-ahead is not supported".to_owned()),
        Some('>') => Err("atomic groups (?>...) are not supported".to_owned()),
        Some('<') => {
            chars.next();
            out.push('<');
            match chars.peek() {
                Some('=' | '!') => Err("look-behind is not supported".to_owned()),
                // A named group, `(?<name>...)`.
                _ => Ok(()),
            }
        }
        _ => {
            // Inline flags, `(?i)`, `(?-i)` or `(?i:...)`: only those that mean the same in both.
            while let Some(&flag) = chars.peek() {
                match flag {
                    'i' | 'm' | '-' => {
                        chars.next();
                        out.push(flag);
                    }
                    ')' | ':' => return Ok(()),
                    other => {
                        return Err(format!("the inline flag '{other}' is not supported"));
                    }
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Pattern, subject_text};

    #[test]
    fn numbers_print_as_big_decimal() {
        for (value, text) in [
            (json!(42), "42"),
            (json!(-7), "-7"),
            (json!(8.95), "8.95"),
            (json!(100.0), "100.0"),
            (json!(1.0e10), "1.0E+10"),
            (json!(12345678.0), "12345678"),
            (json!(1.5e-4), "0.00015"),
            (json!(-1.0e-7), "-1.0E-7"),
        ] {
            assert_eq!(subject_text(Some(&value)), text, "{value}");
        }
    }

    #[test]
    fn java_meanings_survive_translation() {
        let matches = |source: &str, text: &str| {
            Pattern::compile(source, false)
                .unwrap_or_else(|e| panic!("{source}: {e}"))
                .matches(text)
        };
        assert!(matches(r"a\<b\>", "a<b>"));
        assert!(!matches(r"\d", "٣"));
        assert!(!matches(r".*test.*", "my\rtest"));
        assert!(matches(r"[\d.]+", "1.5"));
        assert!(matches(r"[]a]+", "]a"));
        assert!(matches(r"(?<year>\d{4})-\d\d", "2024-01"));
        assert!(matches(r"(?i:ab)c", "ABc"));
        assert!(matches(r"\p{Lu}+", "AB"));
        assert!(Pattern::compile(r"a)|(b", false).is_err());
        assert!(Pattern::compile(r"a*+", false).is_err());
    }
}
