//! The intrinsic call parser.
//!
//! The grammar follows AWS: `States.Name(arg, ...)` with whitespace allowed between tokens.
//! String literals accept only the escapes `\'`, `\{`, `\}` and `\\`; AWS rejects a definition
//! with any other (such as `\"`) as not "a valid intrinsic function call".

use serde_json::Value;

use super::format::{Template, TemplateSource};
use super::function::Function;
use super::{Arg, Call};
use crate::path::{Cursor, Path};

/// How deeply calls may nest, counting the outermost call.
const MAX_DEPTH: usize = 10;

/// Parses a whole call; nothing but whitespace may follow it.
pub(crate) fn parse(text: &str) -> Result<Call, String> {
    let mut cursor = Cursor::new(text);
    let call = parse_call(&mut cursor, 1)?;
    cursor.skip_whitespace();
    if !cursor.at_end() {
        return Err(format!("unexpected '{}' after the call", cursor.rest()));
    }
    Ok(call)
}

fn parse_call(cursor: &mut Cursor<'_>, depth: usize) -> Result<Call, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "intrinsic functions can be nested at most {MAX_DEPTH} deep"
        ));
    }
    if !cursor.eat_str("States.") {
        return Err(format!(
            "expected an intrinsic function such as 'States.Format' at position {}",
            cursor.pos
        ));
    }
    let start = cursor.pos;
    while cursor.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
        cursor.bump();
    }
    let name = &cursor.text[start..cursor.pos];
    let function = Function::from_name(name)
        .ok_or_else(|| format!("unknown intrinsic function 'States.{name}'"))?;
    cursor.skip_whitespace();
    if !cursor.eat('(') {
        return Err(format!("expected '(' after 'States.{name}'"));
    }
    let mut args = Vec::new();
    let mut template = TemplateSource::Argument;
    cursor.skip_whitespace();
    if !cursor.eat(')') {
        loop {
            let (arg, literal_template) = parse_arg(cursor, depth)?;
            if function == Function::Format
                && args.is_empty()
                && let Some(literal) = literal_template
            {
                template = literal;
            }
            args.push(arg);
            cursor.skip_whitespace();
            if cursor.eat(',') {
                continue;
            }
            if cursor.eat(')') {
                break;
            }
            return Err(format!("expected ',' or ')' at position {}", cursor.pos));
        }
    }
    Ok(Call {
        function,
        args,
        template,
    })
}

/// Parses one argument; a string literal also yields its compiled `States.Format` template.
fn parse_arg(
    cursor: &mut Cursor<'_>,
    depth: usize,
) -> Result<(Arg, Option<TemplateSource>), String> {
    cursor.skip_whitespace();
    match cursor.peek() {
        Some('\'') => {
            let (value, raw) = parse_string(cursor)?;
            let template = match Template::from_literal(raw) {
                Some(template) => TemplateSource::Literal(template),
                None => TemplateSource::Malformed,
            };
            Ok((Arg::Literal(Value::String(value)), Some(template)))
        }
        Some('$') => {
            let text = path_extent(cursor);
            let path = Path::parse(text).map_err(|error| error.message().to_owned())?;
            Ok((Arg::Path(path), None))
        }
        Some('S') if cursor.rest().starts_with("States.") => {
            Ok((Arg::Call(Box::new(parse_call(cursor, depth + 1)?)), None))
        }
        Some(c) if c == '-' || c.is_ascii_digit() => {
            Ok((Arg::Literal(parse_number(cursor)?), None))
        }
        Some(_) => {
            for (word, value) in [
                ("true", Value::Bool(true)),
                ("false", Value::Bool(false)),
                ("null", Value::Null),
            ] {
                if let Some(after) = cursor.rest().strip_prefix(word)
                    && after
                        .chars()
                        .next()
                        .is_none_or(|c| c.is_whitespace() || c == ',' || c == ')')
                {
                    cursor.pos += word.len();
                    return Ok((Arg::Literal(value), None));
                }
            }
            Err(format!(
                "unexpected '{}' where an argument was expected",
                cursor.rest()
            ))
        }
        None => Err("the call is not closed".to_owned()),
    }
}

/// Reads a single-quoted string; returns its value and its raw text between the quotes.
fn parse_string<'s>(cursor: &mut Cursor<'s>) -> Result<(String, &'s str), String> {
    cursor.bump();
    let start = cursor.pos;
    let mut value = String::new();
    loop {
        match cursor.bump() {
            Some('\\') => match cursor.bump() {
                Some(c @ ('\'' | '{' | '}' | '\\')) => value.push(c),
                Some(c) => {
                    return Err(format!(
                        "invalid escape sequence '\\{c}' in a string literal"
                    ));
                }
                None => return Err("unterminated string literal".to_owned()),
            },
            Some('\'') => break,
            Some(c) => value.push(c),
            None => return Err("unterminated string literal".to_owned()),
        }
    }
    Ok((value, &cursor.text[start..cursor.pos - 1]))
}

/// Reads a number with JSON's grammar.
fn parse_number(cursor: &mut Cursor<'_>) -> Result<Value, String> {
    let start = cursor.pos;
    cursor.eat('-');
    fn digits(cursor: &mut Cursor<'_>) -> bool {
        let from = cursor.pos;
        while cursor.peek().is_some_and(|c| c.is_ascii_digit()) {
            cursor.bump();
        }
        cursor.pos > from
    }
    if !digits(cursor) {
        return Err(format!("invalid number at position {start}"));
    }
    if cursor.peek() == Some('.') && cursor.peek_second().is_some_and(|c| c.is_ascii_digit()) {
        cursor.bump();
        digits(cursor);
    }
    if matches!(cursor.peek(), Some('e' | 'E')) {
        let mark = cursor.pos;
        cursor.bump();
        if !cursor.eat('+') {
            cursor.eat('-');
        }
        if !digits(cursor) {
            cursor.pos = mark;
        }
    }
    let text = &cursor.text[start..cursor.pos];
    match serde_json::from_str::<Value>(text) {
        Ok(number @ Value::Number(_)) => Ok(number),
        _ => Err(format!("'{text}' is not a valid number")),
    }
}

/// Finds where a path argument ends: at a `,`, `)` or whitespace outside brackets.
fn path_extent<'s>(cursor: &mut Cursor<'s>) -> &'s str {
    let start = cursor.pos;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    while let Some(c) = cursor.peek() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
        } else {
            match c {
                '\'' | '"' if depth > 0 => quote = Some(c),
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                ',' | ')' if depth == 0 => break,
                c if c.is_whitespace() && depth == 0 => break,
                _ => {}
            }
        }
        cursor.bump();
    }
    &cursor.text[start..cursor.pos]
}
