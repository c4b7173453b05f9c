//! The JSONPath parser, following Jayway 2.4 (the version AWS runs) token by token.
//!
//! Jayway keeps backslashes in bracketed names (`$['a\"b']` looks up the key `a\"b`),
//! reads dot names up to the next `.`, `[` or `(`, and ignores the step of a slice.

use super::filter::{self, Filter};
use super::segment::{Root, Segment};

/// Where the parser is in the text.
pub(crate) struct Cursor<'s> {
    pub(crate) text: &'s str,
    pub(crate) pos: usize,
}

impl<'s> Cursor<'s> {
    pub(crate) fn new(text: &'s str) -> Self {
        Cursor { text, pos: 0 }
    }

    pub(crate) fn rest(&self) -> &'s str {
        &self.text[self.pos..]
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(crate) fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub(crate) fn eat(&mut self, expected: char) -> bool {
        if self.peek() == Some(expected) {
            self.pos += expected.len_utf8();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_str(&mut self, expected: &str) -> bool {
        if self.rest().starts_with(expected) {
            self.pos += expected.len();
            true
        } else {
            false
        }
    }

    pub(crate) fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }
}

/// Whether the path is a whole field value or an operand inside a filter, where it ends at an operator.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Whole,
    Operand,
}

/// A parsed path: its root and its steps.
pub(crate) struct Parsed {
    pub(crate) root: Root,
    pub(crate) segments: Vec<Segment>,
}

/// Parses a whole path such as `$.a[0]`, `$$.Execution.Id` or `$var.x`.
pub(crate) fn parse_path(text: &str) -> Result<Parsed, String> {
    let mut cursor = Cursor::new(text);
    let root = if cursor.eat_str("$$") {
        Root::Context
    } else if cursor.eat('$') {
        match read_variable_name(&mut cursor) {
            Some(name) => Root::Variable(name),
            None => Root::Input,
        }
    } else {
        return Err("a JSONPath must start with '$'".to_owned());
    };
    let segments = parse_segments(&mut cursor, Mode::Whole)?;
    Ok(Parsed { root, segments })
}

/// Reads a variable name right after `$`, as in `$myVar.field`.
fn read_variable_name(cursor: &mut Cursor<'_>) -> Option<String> {
    let first = cursor.peek()?;
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    let start = cursor.pos;
    while cursor
        .peek()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        cursor.bump();
    }
    Some(cursor.text[start..cursor.pos].to_owned())
}

fn ends_operand(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '=' | '!' | '~' | '&' | '|' | ')' | ',')
}

/// Parses steps until the end of the text, or in an operand until an operator.
pub(crate) fn parse_segments(cursor: &mut Cursor<'_>, mode: Mode) -> Result<Vec<Segment>, String> {
    let mut segments = Vec::new();
    while let Some(c) = cursor.peek() {
        match c {
            '.' if cursor.peek_second() == Some('.') => {
                cursor.pos += 2;
                segments.push(Segment::Scan);
                match cursor.peek() {
                    None => return Err("a path must not end with '..'".to_owned()),
                    Some('[') => segments.push(parse_bracket(cursor)?),
                    Some('*') => {
                        cursor.bump();
                        segments.push(Segment::Wildcard);
                    }
                    Some(_) => match read_name(cursor, mode)? {
                        Name::Property(name) => segments.push(Segment::Property(name)),
                        Name::Function(_) => return Err("a function cannot follow '..'".to_owned()),
                    },
                }
            }
            '.' => {
                cursor.bump();
                match cursor.peek() {
                    None => return Err("a path must not end with '.'".to_owned()),
                    Some('*') => {
                        cursor.bump();
                        segments.push(Segment::Wildcard);
                    }
                    Some('[') => segments.push(parse_bracket(cursor)?),
                    Some(_) => match read_name(cursor, mode)? {
                        Name::Property(name) => segments.push(Segment::Property(name)),
                        Name::Function(name) => segments.push(Segment::Function(name)),
                    },
                }
            }
            '[' => segments.push(parse_bracket(cursor)?),
            c if mode == Mode::Operand && ends_operand(c) => break,
            other => {
                return Err(format!(
                    "unexpected character '{other}' at position {}, expected '.' or '['",
                    cursor.pos
                ));
            }
        }
    }
    Ok(segments)
}

enum Name {
    Property(String),
    Function(String),
}

/// Reads a dot-notation name, which runs to the next `.`, `[` or `(`.
fn read_name(cursor: &mut Cursor<'_>, mode: Mode) -> Result<Name, String> {
    let start = cursor.pos;
    while let Some(c) = cursor.peek() {
        if c == '.' || c == '[' || c == '(' {
            break;
        }
        if mode == Mode::Operand && ends_operand(c) {
            break;
        }
        if c.is_whitespace() {
            return Err(format!(
                "use bracket notation ['my prop'] if a property contains blank characters (position {})",
                cursor.pos
            ));
        }
        cursor.bump();
    }
    let name = cursor.text[start..cursor.pos].to_owned();
    if name.is_empty() {
        return Err(format!("expected a property name at position {start}"));
    }
    if cursor.eat('(') {
        // Function arguments are skipped: AWS never resolves a function, whatever its arguments.
        let mut depth = 1;
        while depth > 0 {
            match cursor.bump() {
                Some('(') => depth += 1,
                Some(')') => depth -= 1,
                Some(_) => {}
                None => return Err(format!("unclosed '(' after the function '{name}'")),
            }
        }
        return Ok(Name::Function(name));
    }
    Ok(Name::Property(name))
}

/// Parses a bracketed step: `['a']`, `['a','b']`, `[0]`, `[0,1]`, `[1:3]`, `[*]` or `[?(...)]`.
fn parse_bracket(cursor: &mut Cursor<'_>) -> Result<Segment, String> {
    let open = cursor.pos;
    cursor.bump();
    cursor.skip_whitespace();
    match cursor.peek() {
        Some('?') => {
            cursor.bump();
            cursor.skip_whitespace();
            if !cursor.eat('(') {
                return Err(format!("expected '(' after '?' at position {}", cursor.pos));
            }
            let inner_start = cursor.pos;
            let inner_end = matching_paren(cursor.text, inner_start)
                .ok_or_else(|| format!("unclosed filter starting at position {open}"))?;
            let filter: Filter = filter::parse(&cursor.text[inner_start..inner_end])?;
            cursor.pos = inner_end + 1;
            cursor.skip_whitespace();
            if !cursor.eat(']') {
                return Err(format!(
                    "expected ']' after the filter at position {}",
                    cursor.pos
                ));
            }
            Ok(Segment::Filter(Box::new(filter)))
        }
        Some('*') => {
            cursor.bump();
            cursor.skip_whitespace();
            if !cursor.eat(']') {
                return Err(format!("expected ']' after '*' at position {}", cursor.pos));
            }
            Ok(Segment::Wildcard)
        }
        Some(quote @ ('\'' | '"')) => parse_quoted_names(cursor, quote),
        Some(_) => parse_indexes(cursor, open),
        None => Err(format!("unclosed '[' at position {open}")),
    }
}

/// Finds the `)` that closes the `(` just before `start`, skipping quoted strings and, as Jayway
/// does, `/regular expressions/`.
fn matching_paren(text: &str, start: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (offset, c) in text[start..].char_indices() {
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
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(start + offset);
                }
            }
            _ => {}
        }
    }
    None
}

fn parse_quoted_names(cursor: &mut Cursor<'_>, first_quote: char) -> Result<Segment, String> {
    let mut names = Vec::new();
    let mut quote = first_quote;
    loop {
        cursor.bump();
        let start = cursor.pos;
        loop {
            match cursor.bump() {
                // A backslash keeps the next character inside the name; Jayway 2.4 does not unescape it.
                Some('\\') => {
                    cursor.bump();
                }
                Some(c) if c == quote => break,
                Some(_) => {}
                None => {
                    return Err(format!(
                        "unterminated quoted property name at position {start}"
                    ));
                }
            }
        }
        names.push(cursor.text[start..cursor.pos - quote.len_utf8()].to_owned());
        cursor.skip_whitespace();
        match cursor.bump() {
            Some(']') => break,
            Some(',') => {
                cursor.skip_whitespace();
                match cursor.peek() {
                    Some(next @ ('\'' | '"')) => quote = next,
                    _ => {
                        return Err(format!(
                            "expected a quoted property name at position {}",
                            cursor.pos
                        ));
                    }
                }
            }
            _ => {
                return Err(format!(
                    "property must be separated by a comma or terminated by ']' at position {}",
                    cursor.pos
                ));
            }
        }
    }
    Ok(match <[String; 1]>::try_from(names) {
        Ok([name]) => Segment::Property(name),
        Err(names) => Segment::Properties(names),
    })
}

fn parse_indexes(cursor: &mut Cursor<'_>, open: usize) -> Result<Segment, String> {
    let start = cursor.pos;
    let Some(close) = cursor.rest().find(']') else {
        return Err(format!("unclosed '[' at position {open}"));
    };
    let content = cursor.text[start..start + close].trim();
    cursor.pos = start + close + 1;
    if content.is_empty() {
        return Err(format!("empty brackets at position {open}"));
    }
    if let Some(bad) = content
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, ',' | '-' | ':' | ' ')))
    {
        return Err(format!(
            "unexpected character '{bad}' in brackets at position {open}; quote property names as ['name']"
        ));
    }
    if content.contains(':') {
        let mut parts = content.split(':');
        let from = parse_optional_int(parts.next())?;
        let to = parse_optional_int(parts.next())?;
        return Ok(Segment::Slice { from, to });
    }
    let indexes = content
        .split(',')
        .map(|part| parse_int(part.trim()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match <[i64; 1]>::try_from(indexes) {
        Ok([index]) => Segment::Index(index),
        Err(indexes) => Segment::Indexes(indexes),
    })
}

fn parse_optional_int(part: Option<&str>) -> Result<Option<i64>, String> {
    match part.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse_int(text).map(Some),
    }
}

fn parse_int(text: &str) -> Result<i64, String> {
    // Jayway reads indexes with `Integer.parseInt`, so they are limited to 32 bits.
    text.parse::<i32>()
        .map(i64::from)
        .map_err(|_| format!("'{text}' is not a valid array index"))
}
