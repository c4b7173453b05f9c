//! Jayway's inline filters, `[?(@.price < 10 && @.tags)]`: parsing and evaluation.
//!
//! Supported: `@` and `$` paths, number, string, boolean and null literals, lists for `in`/`nin`,
//! the operators `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `nin`, `subsetof`, `anyof`, `noneof`,
//! `size`, `empty` and `contains`, existence checks (`@.key`), `&&`, `||`, `!` and parentheses,
//! and regular expressions, `@.name =~ /^a.*/i` (see [`super::pattern`] for their dialect).
//! Comparisons follow Jayway's rules: numbers compare by value, strings by UTF-16 code units,
//! and a missing path never compares equal to anything but another missing path.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Number, Value};

use super::eval::{select_all, select_definite};
use super::parse::{Cursor, Mode, parse_segments};
use super::pattern::{Pattern, subject_text};
use super::segment::Segment;
use crate::java::write_number;

/// A compiled filter expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Filter {
    Or(Box<Filter>, Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    Exists(Operand),
    Compare {
        left: Operand,
        op: Op,
        right: Operand,
    },
    /// `subject =~ /pattern/` (or `/pattern/ =~ subject`), compiled at parse time.
    Matches {
        subject: Operand,
        pattern: Pattern,
    },
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Operand {
    /// `@...` (relative to the item) or `$...` (from the document root).
    Path {
        relative: bool,
        segments: Vec<Segment>,
        definite: bool,
    },
    Literal(Value),
}

/// A relational operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Nin,
    Subsetof,
    Anyof,
    Noneof,
    Size,
    Empty,
    Contains,
}

/// How deeply parentheses, brackets and `!` may nest in a filter, which bounds the parser's recursion.
const MAX_NESTING: usize = 32;

/// Parses the text between `[?(` and `)]`.
pub(crate) fn parse(text: &str) -> Result<Filter, String> {
    if nesting(text) > MAX_NESTING {
        return Err(format!(
            "the filter '{text}' nests more than {MAX_NESTING} levels deep"
        ));
    }
    let mut cursor = Cursor::new(text);
    let filter = parse_or(&mut cursor)?;
    cursor.skip_whitespace();
    if !cursor.at_end() {
        return Err(format!(
            "unexpected '{}' in the filter '{text}'",
            cursor.rest()
        ));
    }
    Ok(filter)
}

/// The deepest nesting of `(`, `[` and `!` outside quoted strings.
fn nesting(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut negations = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        // Quoted strings and `/regular expressions/` do not nest.
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '/' => quote = Some(c),
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '!' => negations += 1,
            _ => {}
        }
        deepest = deepest.max(depth + negations);
    }
    deepest
}

fn parse_or(cursor: &mut Cursor<'_>) -> Result<Filter, String> {
    let mut left = parse_and(cursor)?;
    loop {
        cursor.skip_whitespace();
        if !cursor.eat_str("||") {
            return Ok(left);
        }
        let right = parse_and(cursor)?;
        left = Filter::Or(Box::new(left), Box::new(right));
    }
}

fn parse_and(cursor: &mut Cursor<'_>) -> Result<Filter, String> {
    let mut left = parse_unary(cursor)?;
    loop {
        cursor.skip_whitespace();
        if !cursor.eat_str("&&") {
            return Ok(left);
        }
        let right = parse_unary(cursor)?;
        left = Filter::And(Box::new(left), Box::new(right));
    }
}

fn parse_unary(cursor: &mut Cursor<'_>) -> Result<Filter, String> {
    cursor.skip_whitespace();
    if cursor.peek() == Some('!') && cursor.peek_second() != Some('=') {
        cursor.bump();
        return Ok(Filter::Not(Box::new(parse_unary(cursor)?)));
    }
    if cursor.eat('(') {
        let inner = parse_or(cursor)?;
        cursor.skip_whitespace();
        if !cursor.eat(')') {
            return Err(format!(
                "expected ')' at position {} of the filter",
                cursor.pos
            ));
        }
        return Ok(inner);
    }
    let left = parse_side(cursor)?;
    cursor.skip_whitespace();
    if cursor.eat_str("=~") {
        let right = parse_side(cursor)?;
        return match (left, right) {
            (Side::Operand(subject), Side::Pattern(pattern))
            | (Side::Pattern(pattern), Side::Operand(subject)) => {
                Ok(Filter::Matches { subject, pattern })
            }
            _ => Err(
                "=~ compares a value with one regular expression, as in @.name =~ /^a.*/i"
                    .to_owned(),
            ),
        };
    }
    let Side::Operand(left) = left else {
        return Err(ONLY_WITH_MATCH.to_owned());
    };
    match parse_op(cursor)? {
        Some(op) => {
            let right = parse_operand(cursor)?;
            Ok(Filter::Compare { left, op, right })
        }
        None => Ok(Filter::Exists(left)),
    }
}

/// Why a regular expression appears anywhere but beside `=~`.
const ONLY_WITH_MATCH: &str = "a regular expression can only be used with =~";

/// Either side of `=~`, which alone may be a regular expression.
enum Side {
    Operand(Operand),
    Pattern(Pattern),
}

fn parse_side(cursor: &mut Cursor<'_>) -> Result<Side, String> {
    cursor.skip_whitespace();
    if cursor.peek() == Some('/') {
        parse_pattern(cursor).map(Side::Pattern)
    } else {
        parse_operand(cursor).map(Side::Operand)
    }
}

/// Reads `/pattern/` or `/pattern/i`, where `\/` does not end the pattern, and compiles it.
fn parse_pattern(cursor: &mut Cursor<'_>) -> Result<Pattern, String> {
    let open = cursor.pos;
    cursor.bump();
    let start = cursor.pos;
    loop {
        match cursor.bump() {
            Some('\\') => {
                cursor.bump();
            }
            Some('/') => break,
            Some(_) => {}
            None => {
                return Err(format!(
                    "unclosed regular expression at position {open} of the filter"
                ));
            }
        }
    }
    let source = &cursor.text[start..cursor.pos - 1];
    // Jayway 2.4 knows one flag, `i`, for case-insensitive matching.
    let case_insensitive = cursor.eat('i');
    if let Some(flag) = cursor.peek().filter(|c| c.is_alphanumeric()) {
        return Err(format!(
            "unsupported regular expression flag '{flag}'; only 'i' is allowed"
        ));
    }
    Pattern::compile(source, case_insensitive)
}

fn parse_op(cursor: &mut Cursor<'_>) -> Result<Option<Op>, String> {
    let symbols = [
        ("==", Op::Eq),
        ("!=", Op::Ne),
        ("<=", Op::Le),
        (">=", Op::Ge),
        ("<", Op::Lt),
        (">", Op::Gt),
    ];
    for (symbol, op) in symbols {
        if cursor.eat_str(symbol) {
            return Ok(Some(op));
        }
    }
    let words = [
        ("nin", Op::Nin),
        ("in", Op::In),
        ("subsetof", Op::Subsetof),
        ("anyof", Op::Anyof),
        ("noneof", Op::Noneof),
        ("size", Op::Size),
        ("empty", Op::Empty),
        ("contains", Op::Contains),
    ];
    for (word, op) in words {
        let Some(after) = cursor.rest().strip_prefix(word) else {
            continue;
        };
        if after.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
            cursor.pos += word.len();
            return Ok(Some(op));
        }
    }
    Ok(None)
}

fn parse_operand(cursor: &mut Cursor<'_>) -> Result<Operand, String> {
    cursor.skip_whitespace();
    match cursor.peek() {
        Some(c @ ('@' | '$')) => {
            cursor.bump();
            let segments = parse_segments(cursor, Mode::Operand)?;
            let definite = segments.iter().all(Segment::is_definite);
            Ok(Operand::Path {
                relative: c == '@',
                segments,
                definite,
            })
        }
        Some('/') => Err(ONLY_WITH_MATCH.to_owned()),
        Some('{') => Err("object literals in filters are not supported".to_owned()),
        Some('[') => {
            cursor.bump();
            let mut items = Vec::new();
            loop {
                cursor.skip_whitespace();
                if cursor.eat(']') {
                    break;
                }
                items.push(parse_literal(cursor)?);
                cursor.skip_whitespace();
                if cursor.eat(',') {
                    continue;
                }
                if !cursor.eat(']') {
                    return Err(format!(
                        "expected ',' or ']' at position {} of the filter",
                        cursor.pos
                    ));
                }
                break;
            }
            Ok(Operand::Literal(Value::Array(items)))
        }
        Some(_) => parse_literal(cursor).map(Operand::Literal),
        None => Err("expected a value at the end of the filter".to_owned()),
    }
}

fn parse_literal(cursor: &mut Cursor<'_>) -> Result<Value, String> {
    match cursor.peek() {
        Some(quote @ ('\'' | '"')) => {
            cursor.bump();
            let mut text = String::new();
            loop {
                match cursor.bump() {
                    Some('\\') => match cursor.bump() {
                        Some(c) => text.push(c),
                        None => return Err("unterminated string in the filter".to_owned()),
                    },
                    Some(c) if c == quote => break,
                    Some(c) => text.push(c),
                    None => return Err("unterminated string in the filter".to_owned()),
                }
            }
            Ok(Value::String(text))
        }
        Some(c) if c == '-' || c.is_ascii_digit() => {
            let start = cursor.pos;
            cursor.bump();
            while cursor
                .peek()
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
            {
                cursor.bump();
            }
            let text = &cursor.text[start..cursor.pos];
            match serde_json::from_str::<Value>(text) {
                Ok(number @ Value::Number(_)) => Ok(number),
                _ => Err(format!("'{text}' is not a valid number")),
            }
        }
        _ => {
            for (word, value) in [
                ("true", Value::Bool(true)),
                ("false", Value::Bool(false)),
                ("null", Value::Null),
            ] {
                if cursor.eat_str(word) {
                    return Ok(value);
                }
            }
            Err(format!("unexpected '{}' in the filter", cursor.rest()))
        }
    }
}

/// A resolved operand: a value, or nothing when a path found nothing.
enum Resolved<'a> {
    Undefined,
    Value(Cow<'a, Value>),
}

impl Filter {
    /// Whether `item` passes the filter; `root` is what `$` means inside it.
    pub(crate) fn accepts(&self, item: &Value, root: &Value) -> bool {
        match self {
            Filter::Or(left, right) => left.accepts(item, root) || right.accepts(item, root),
            Filter::And(left, right) => left.accepts(item, root) && right.accepts(item, root),
            Filter::Not(inner) => !inner.accepts(item, root),
            Filter::Exists(operand) => match resolve(operand, item, root) {
                Resolved::Undefined => false,
                Resolved::Value(value) => match operand {
                    Operand::Path {
                        definite: false, ..
                    } => value.as_array().is_some_and(|items| !items.is_empty()),
                    Operand::Path { .. } => true,
                    Operand::Literal(_) => {
                        !matches!(value.as_ref(), Value::Null | Value::Bool(false))
                    }
                },
            },
            Filter::Compare { left, op, right } => {
                compare(&resolve(left, item, root), *op, &resolve(right, item, root))
            }
            Filter::Matches { subject, pattern } => {
                let resolved = resolve(subject, item, root);
                pattern.matches(&subject_text(value(&resolved)))
            }
        }
    }
}

fn resolve<'a>(operand: &'a Operand, item: &'a Value, root: &'a Value) -> Resolved<'a> {
    match operand {
        Operand::Literal(value) => Resolved::Value(Cow::Borrowed(value)),
        Operand::Path {
            relative,
            segments,
            definite,
        } => {
            let document = if *relative { item } else { root };
            if *definite {
                match select_definite(segments, document) {
                    Ok(value) => Resolved::Value(value),
                    Err(_) => Resolved::Undefined,
                }
            } else {
                match select_all(segments, document) {
                    Ok(values) => Resolved::Value(Cow::Owned(Value::Array(
                        values.into_iter().map(Cow::into_owned).collect(),
                    ))),
                    Err(_) => Resolved::Undefined,
                }
            }
        }
    }
}

fn compare(left: &Resolved<'_>, op: Op, right: &Resolved<'_>) -> bool {
    match op {
        Op::Eq => equals(left, right),
        Op::Ne => !equals(left, right),
        Op::Lt => order(left, right) == Some(Ordering::Less),
        Op::Le => matches!(order(left, right), Some(Ordering::Less | Ordering::Equal)),
        Op::Gt => order(left, right) == Some(Ordering::Greater),
        Op::Ge => matches!(
            order(left, right),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        Op::In => contained_in(left, right),
        Op::Nin => !contained_in(left, right),
        Op::Subsetof => all_in(left, right, |found, total| found == total),
        Op::Anyof => all_in(left, right, |found, _| found > 0),
        Op::Noneof => all_in(left, right, |found, _| found == 0),
        Op::Size => size_matches(left, right),
        Op::Empty => empty_matches(left, right),
        Op::Contains => contains(left, right),
    }
}

fn value<'r>(resolved: &'r Resolved<'_>) -> Option<&'r Value> {
    match resolved {
        Resolved::Undefined => None,
        Resolved::Value(value) => Some(value.as_ref()),
    }
}

/// Jayway's `==`: numbers by value, a number against a string by reading or printing the number.
fn equals(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    match (value(left), value(right)) {
        (None, None) => true,
        (Some(left), Some(right)) => values_equal(left, right),
        _ => false,
    }
}

fn values_equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(a), Value::Number(b)) => compare_numbers(a, b) == Some(Ordering::Equal),
        (Value::Number(a), Value::String(b)) => serde_json::from_str::<Number>(b.trim())
            .is_ok_and(|b| compare_numbers(a, &b) == Some(Ordering::Equal)),
        (Value::String(a), Value::Number(b)) => {
            let mut printed = String::new();
            write_number(&mut printed, b);
            *a == printed
        }
        (a, b) => a == b,
    }
}

fn order(left: &Resolved<'_>, right: &Resolved<'_>) -> Option<Ordering> {
    match (value(left)?, value(right)?) {
        (Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
        // Java compares strings by UTF-16 code units.
        (Value::String(a), Value::String(b)) => Some(a.encode_utf16().cmp(b.encode_utf16())),
        _ => None,
    }
}

pub(crate) fn compare_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
        return Some(a.cmp(&b));
    }
    if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
        return Some(a.cmp(&b));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

fn contained_in(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    match (value(left), value(right)) {
        (Some(needle), Some(Value::Array(list))) => {
            list.iter().any(|item| values_equal(needle, item))
        }
        _ => false,
    }
}

fn all_in(
    left: &Resolved<'_>,
    right: &Resolved<'_>,
    verdict: impl Fn(usize, usize) -> bool,
) -> bool {
    match (value(left), value(right)) {
        (Some(Value::Array(items)), Some(Value::Array(list))) => {
            let found = items
                .iter()
                .filter(|item| list.iter().any(|candidate| values_equal(item, candidate)))
                .count();
            verdict(found, items.len())
        }
        _ => false,
    }
}

fn size_matches(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    let len = match value(left) {
        Some(Value::Array(items)) => items.len(),
        Some(Value::String(text)) => text.encode_utf16().count(),
        _ => return false,
    };
    match value(right).and_then(Value::as_u64) {
        Some(expected) => u64::try_from(len).is_ok_and(|len| len == expected),
        None => false,
    }
}

fn empty_matches(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    let is_empty = match value(left) {
        Some(Value::Array(items)) => items.is_empty(),
        Some(Value::String(text)) => text.is_empty(),
        _ => return false,
    };
    value(right).and_then(Value::as_bool) == Some(is_empty)
}

fn contains(left: &Resolved<'_>, right: &Resolved<'_>) -> bool {
    match (value(left), value(right)) {
        (Some(Value::String(haystack)), Some(Value::String(needle))) => {
            haystack.contains(needle.as_str())
        }
        (Some(Value::Array(items)), Some(needle)) => {
            items.iter().any(|item| values_equal(item, needle))
        }
        _ => false,
    }
}
