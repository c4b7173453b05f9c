//! Diagnostics as text for people: `file:line:column: CODE: message` and a caret excerpt of
//! the offending line followed by the diagnostic's JSON pointer, as ruff prints them.
//!
//! A diagnostic carries a JSON pointer, not a position, so this module finds the pointer in
//! the definition's text with a small scanner of its own.
//! AWS puts a problem with a named field on the object holding the field, so the caret goes
//! on the field the message names when the object has it (on its name when the field is
//! unsupported, on its value when the value is wrong), on the object's own name when the
//! message is about a missing field or about the state itself, and on the value at the
//! pointer otherwise.
//! When the pointer cannot be found (the text is not JSON, or does not match the
//! diagnostics), the caret goes on the closest enclosing value that can be, and at worst on
//! line 1, column 1; rendering never fails.
//!
//! # Example
//!
//! ```
//! use asl::render::render;
//! use asl::validate::{parse_definition, validate};
//!
//! let text = r#"{
//!   "StartAt": "WaitUntil",
//!   "States": {
//!     "WaitUntil": {"Type": "Wait", "Timestamp": "2016-13-05T21:29:29Z", "End": true}
//!   }
//! }"#;
//! let diagnostics = validate(&parse_definition(text)?);
//! assert_eq!(
//!     render("wait.asl.json", text, &diagnostics),
//!     r#"wait.asl.json:4:48: SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp
//!   |
//! 4 |     "WaitUntil": {"Type": "Wait", "Timestamp": "2016-13-05T21:29:29Z", "End": true}
//!   |                                                ^^^^^^^^^^^^^^^^^^^^^^ /States/WaitUntil/Timestamp
//!   |
//!
//! "#
//! );
//! # Ok::<(), asl::Diagnostic>(())
//! ```

use std::fmt::Write as _;
use std::ops::Range;

use crate::{Diagnostic, Severity};

/// Renders `diagnostics` of the definition `text`, read from `file_name`, one block each.
pub fn render(file_name: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut res = String::new();
    for diagnostic in diagnostics {
        let span = span_of(text, diagnostic);
        let (line, column) = line_column(text, span.start);
        let message = diagnostic.message.lines().next().unwrap_or_default();
        let severity = match diagnostic.severity {
            Severity::Error => "",
            Severity::Warning => " (warning)",
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            res,
            "{file_name}:{line}:{column}: {}{severity}: {message}",
            diagnostic.code
        );
        excerpt(&mut res, text, line, span, &diagnostic.location);
        res.push('\n');
    }
    res
}

/// The caret excerpt of the line holding the start of `span`, the carets followed by the
/// diagnostic's location.
fn excerpt(res: &mut String, text: &str, line: usize, span: Range<usize>, location: &str) {
    let line_start = text[..span.start].rfind('\n').map_or(0, |index| index + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |index| line_start + index);
    let source = text[line_start..line_end].trim_end_matches('\r');
    let gutter = " ".repeat(line.to_string().len());
    let indent = text[line_start..span.start].chars().count();
    let width = text[span.start..span.end.min(line_start + source.len()).max(span.start)]
        .chars()
        .count()
        .max(1);
    let shown: String = source
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let _ = writeln!(res, "{gutter} |");
    let _ = writeln!(res, "{line} | {shown}");
    // A parser's location (`[Source: …]`) is no pointer, and already in the message.
    let pointer = if location.starts_with('/') {
        location
    } else {
        ""
    };
    let carets = format!("{}{} {pointer}", " ".repeat(indent), "^".repeat(width));
    let _ = writeln!(res, "{gutter} | {}", carets.trim_end());
    let _ = writeln!(res, "{gutter} |");
}

/// The 1-based line and column (in characters) of byte `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// What a diagnostic points at, inside the value at its location.
#[derive(Debug, PartialEq, Eq)]
enum Target<'a> {
    /// The value at the location.
    Value,
    /// The name under which the value at the location sits.
    Key,
    /// The value of the named member of the object at the location.
    Field(&'a str),
    /// The name of the named member of the object at the location.
    FieldKey(&'a str),
}

/// What the message says the diagnostic is about (see the module documentation).
fn target(message: &str) -> Target<'_> {
    let first_quoted = || quoted(message);
    if message.contains("is not supported") {
        return first_quoted().map_or(Target::Value, Target::FieldKey);
    }
    if let Some(list) = message.strip_prefix("These fields cannot be specified together: [") {
        let last = list
            .trim_end_matches(']')
            .rsplit(", ")
            .next()
            .unwrap_or_default();
        return Target::FieldKey(last);
    }
    if message.contains(" required")
        || message.starts_with("State ")
        || message.starts_with("Duplicate State name")
    {
        return Target::Key;
    }
    if message.starts_with("The value for the field '") || message.starts_with("'QueryLanguage'") {
        return first_quoted().map_or(Target::Value, Target::Field);
    }
    if message.contains("'ErrorEquals'") {
        return Target::Field("ErrorEquals");
    }
    Target::Value
}

/// The first `'…'` of a message.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('\'')? + 1;
    let len = message[start..].find('\'')?;
    Some(&message[start..start + len])
}

/// The byte range to underline.
fn span_of(text: &str, diagnostic: &Diagnostic) -> Range<usize> {
    let location = diagnostic.location.as_str();
    if location.starts_with("[Source:") {
        return parser_position(text, location).unwrap_or(0..0);
    }
    let Some(tokens) = pointer_tokens(location) else {
        return 0..0;
    };
    let scanner = Scanner {
        text,
        bytes: text.as_bytes(),
    };
    // The closest enclosing value that can be found.
    let mut found = None;
    for len in (0..=tokens.len()).rev() {
        if let Some(member) = scanner.locate(&tokens[..len]) {
            found = Some((len == tokens.len(), member));
            break;
        }
    }
    let Some((exact, member)) = found else {
        return 0..0;
    };
    if !exact {
        return member.key.unwrap_or(member.value);
    }
    let inner = |name: &str| {
        let mut path = tokens.clone();
        path.push(name.to_owned());
        scanner.locate(&path)
    };
    match target(&diagnostic.message) {
        Target::Value => member.value,
        Target::Key => member.key.unwrap_or(member.value),
        Target::Field(name) => inner(name).map_or(member.value, |field| field.value),
        Target::FieldKey(name) => inner(name)
            .and_then(|field| field.key)
            .unwrap_or(member.value),
    }
}

/// The position a parser's `[Source: …; line: L, column: C]` names.
fn parser_position(text: &str, location: &str) -> Option<Range<usize>> {
    let (_, position) = location.rsplit_once("; line: ")?;
    let (line, column) = position.trim_end_matches(']').split_once(", column: ")?;
    let line: usize = line.parse().ok()?;
    let column: usize = column.parse().ok()?;
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map(|(index, _)| index + 1)?
    };
    let line_text = &text[line_start..];
    let line_len = line_text.find('\n').unwrap_or(line_text.len());
    let offset = line_text[..line_len]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_len, |(index, _)| index);
    Some(line_start + offset..line_start + offset)
}

/// The reference tokens of a JSON pointer (AWS writes the root as `/`).
fn pointer_tokens(location: &str) -> Option<Vec<String>> {
    if location.is_empty() || location == "/" {
        return Some(Vec::new());
    }
    let rest = location.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// A member found in the text: the range of its name (none for array elements and the root)
/// and of its value.
struct Member {
    key: Option<Range<usize>>,
    value: Range<usize>,
}

/// Finds values in JSON text without building it; it never recurses, so any nesting is fine,
/// and it answers `None` for text it does not understand.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
}

impl Scanner<'_> {
    fn locate(&self, tokens: &[String]) -> Option<Member> {
        let mut pos = self.skip_whitespace(0);
        let mut key = None;
        for token in tokens {
            match self.bytes.get(pos)? {
                b'{' => {
                    let (name, value) = self.find_member(pos, token)?;
                    key = Some(name);
                    pos = value;
                }
                b'[' => {
                    pos = self.find_element(pos, token)?;
                    key = None;
                }
                _ => return None,
            }
        }
        if matches!(self.bytes.get(pos), None | Some(b',' | b'}' | b']' | b':')) {
            return None;
        }
        // An unterminated value runs to the end of the text.
        let end = self.skip_value(pos).unwrap_or(self.bytes.len());
        Some(Member {
            key,
            value: pos..end,
        })
    }

    /// The name range and value start of the last member named `token` of the object at
    /// `start` (the parser keeps the last of duplicate names).
    fn find_member(&self, start: usize, token: &str) -> Option<(Range<usize>, usize)> {
        let mut pos = self.skip_whitespace(start + 1);
        let mut found = None;
        if self.bytes.get(pos) == Some(&b'}') {
            return None;
        }
        loop {
            if self.bytes.get(pos) != Some(&b'"') {
                break;
            }
            let name_end = self.skip_string(pos)?;
            let name = pos..name_end;
            pos = self.skip_whitespace(name_end);
            if self.bytes.get(pos) != Some(&b':') {
                break;
            }
            let value = self.skip_whitespace(pos + 1);
            if self.name_is(name.clone(), token) {
                found = Some((name, value));
            }
            let Some(value_end) = self.skip_value(value) else {
                break;
            };
            pos = self.skip_whitespace(value_end);
            if self.bytes.get(pos) != Some(&b',') {
                break;
            }
            pos = self.skip_whitespace(pos + 1);
        }
        found
    }

    /// The start of element `token` of the array at `start`.
    fn find_element(&self, start: usize, token: &str) -> Option<usize> {
        if token.is_empty() || !token.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        let index: usize = token.parse().ok()?;
        let mut pos = self.skip_whitespace(start + 1);
        if self.bytes.get(pos) == Some(&b']') {
            return None;
        }
        for _ in 0..index {
            pos = self.skip_whitespace(self.skip_value(pos)?);
            if self.bytes.get(pos) != Some(&b',') {
                return None;
            }
            pos = self.skip_whitespace(pos + 1);
        }
        Some(pos)
    }

    /// Whether the string literal at `range` spells `token`.
    fn name_is(&self, range: Range<usize>, token: &str) -> bool {
        let literal = &self.text[range];
        let raw = &literal[1..literal.len() - 1];
        if raw.contains('\\') {
            serde_json::from_str::<String>(literal).is_ok_and(|name| name == token)
        } else {
            raw == token
        }
    }

    fn skip_whitespace(&self, mut pos: usize) -> usize {
        while self
            .bytes
            .get(pos)
            .is_some_and(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        {
            pos += 1;
        }
        pos
    }

    /// The end of the string literal starting at `start`.
    fn skip_string(&self, start: usize) -> Option<usize> {
        let mut pos = start + 1;
        loop {
            match self.bytes.get(pos)? {
                b'\\' => pos += 2,
                b'"' => return Some(pos + 1),
                _ => pos += 1,
            }
        }
    }

    /// The end of the value starting at `start`.
    fn skip_value(&self, start: usize) -> Option<usize> {
        match self.bytes.get(start)? {
            b'"' => self.skip_string(start),
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut pos = start;
                loop {
                    match self.bytes.get(pos)? {
                        b'"' => {
                            pos = self.skip_string(pos)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(pos + 1);
                            }
                        }
                        _ => {}
                    }
                    pos += 1;
                }
            }
            b',' | b'}' | b']' | b':' => None,
            _ => {
                let mut pos = start;
                while self.bytes.get(pos).is_some_and(|byte| {
                    !matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    pos += 1;
                }
                Some(pos)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, location: &str, message: &str) -> String {
        let diagnostic = Diagnostic::error("CODE", message, location);
        let span = span_of(text, &diagnostic);
        text[span].to_owned()
    }

    #[test]
    fn finds_pointers() {
        let text = r#"{"a": {"b~c": [1, {"d/e": "x"}], "f": true}, "a": {"b~c": [2]}}"#;
        // Duplicate names: the last wins, as in the parsed value.
        assert_eq!(check(text, "/a/b~0c/0", "m"), "2");
        let text = r#"{"a": {"b~c": [1, {"d/e": "x"}], "f": true}}"#;
        assert_eq!(check(text, "/a/b~0c/1/d~1e", "m"), "\"x\"");
        assert_eq!(check(text, "/a", "State \"a\" is not reachable."), "\"a\"");
        assert_eq!(check(text, "/a", "Field 'f' is not supported"), "\"f\"");
        assert_eq!(
            check(text, "/a", "The value for the field 'f' must be a string"),
            "true"
        );
        assert_eq!(check(text, "/a", "These fields are required: [g]"), "\"a\"");
        assert_eq!(check(text, "/", "m"), text);
        // Not found: the closest enclosing value, else the start.
        assert_eq!(check(text, "/a/zz/y", "m"), "\"a\"");
        assert_eq!(check(text, "/a/b~0c/9", "m"), "\"b~c\"");
        assert_eq!(check("not json", "/a", "m"), "not");
        assert_eq!(check("}", "/a", "m"), "");
        assert_eq!(check("", "/a", "m"), "");
        assert_eq!(check("{\"a\": [1, 2", "/a/1", "m"), "2");
        assert_eq!(check("{\"a\": [1, 2", "/a", "m"), "[1, 2");
    }

    #[test]
    fn renders_parser_positions() {
        let text = "{\n  \"a\": tru\n}";
        assert_eq!(
            parser_position(text, "[Source: (String)\"…\"; line: 2, column: 11]"),
            Some(12..12)
        );
        assert_eq!(
            parser_position(text, "[Source: (String)\"…\"; line: 9, column: 1]"),
            None
        );
    }
}
