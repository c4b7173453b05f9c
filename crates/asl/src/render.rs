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
//! A parser's diagnostic (`INVALID_JSON_DESCRIPTION`) has a line and column instead of a
//! pointer; Jackson's column is one past the last character it read, so the caret goes on the
//! token or character that ends there.
//!
//! Diagnostics come out in the order of their positions in the file (line, then column), as
//! ruff prints them; diagnostics at the same position keep their order.
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
    if diagnostics.is_empty() {
        return res;
    }
    let index = Index::new(text);
    let mut located: Vec<(Range<usize>, &Diagnostic)> = diagnostics
        .iter()
        .map(|diagnostic| (index.span_of(diagnostic), diagnostic))
        .collect();
    // A byte offset orders as its line and column do; the sort is stable.
    located.sort_by_key(|(span, _)| span.start);
    for (span, diagnostic) in located {
        let (line, line_start) = index.line_of(span.start);
        let column = text[line_start..span.start].chars().count() + 1;
        // A parser's message ends with its location, which the excerpt shows better; what is
        // left stays on one line.
        let message = diagnostic
            .message
            .strip_suffix(&format!("\n at {}", diagnostic.location))
            .unwrap_or(&diagnostic.message)
            .replace('\n', "\\n");
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
        excerpt(&mut res, text, line, line_start, span, &diagnostic.location);
        res.push('\n');
    }
    res
}

/// The caret excerpt of the line holding the start of `span`, the carets followed by the
/// diagnostic's location.
fn excerpt(
    res: &mut String,
    text: &str,
    line: usize,
    line_start: usize,
    span: Range<usize>,
    location: &str,
) {
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

/// What rendering needs to know about the text, worked out once: where lines start, and
/// where each JSON value is.
struct Index<'a> {
    text: &'a str,
    /// The byte offset of each line's first character.
    line_starts: Vec<usize>,
    /// Every value of the text, the root first (empty when the text has none).
    nodes: Vec<Node>,
}

/// A JSON value in the text: the range of its member name (none for array elements and the
/// root), of the value itself, and its members or elements in order.
struct Node {
    key: Option<Range<usize>>,
    value: Range<usize>,
    children: Vec<usize>,
}

impl<'a> Index<'a> {
    fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Self {
            text,
            line_starts,
            nodes: nodes(text),
        }
    }

    /// The 1-based line holding byte `offset`, and the offset where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|start| *start <= offset);
        (line, self.line_starts[line.saturating_sub(1)])
    }

    /// The byte range to underline.
    fn span_of(&self, diagnostic: &Diagnostic) -> Range<usize> {
        let location = diagnostic.location.as_str();
        if location.starts_with("[Source:") {
            return self
                .parser_span(location, &diagnostic.message)
                .unwrap_or(0..0);
        }
        let Some(tokens) = pointer_tokens(location) else {
            return 0..0;
        };
        // The closest enclosing value that can be found.
        let mut found = None;
        for len in (0..=tokens.len()).rev() {
            if let Some(node) = self.locate(&tokens[..len]) {
                found = Some((len == tokens.len(), node));
                break;
            }
        }
        let Some((exact, node)) = found else {
            return 0..0;
        };
        let own_key = || node.key.clone().unwrap_or(node.value.clone());
        if !exact {
            return own_key();
        }
        match target(&diagnostic.message) {
            Target::Value => node.value.clone(),
            Target::Key => own_key(),
            Target::Field(name) => self
                .member(node, name)
                .map_or(node.value.clone(), |field| field.value.clone()),
            Target::FieldKey(name) => self
                .member(node, name)
                .and_then(|field| field.key.clone())
                .unwrap_or(node.value.clone()),
        }
    }

    /// The value a pointer's tokens lead to.
    fn locate(&self, tokens: &[String]) -> Option<&Node> {
        let mut node = self.nodes.first()?;
        for token in tokens {
            node = match self.text.as_bytes().get(node.value.start)? {
                b'{' => self.member(node, token)?,
                b'[' => {
                    if token.is_empty() || !token.bytes().all(|byte| byte.is_ascii_digit()) {
                        return None;
                    }
                    let index: usize = token.parse().ok()?;
                    self.nodes.get(*node.children.get(index)?)?
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// The member `name` of an object: the last one, as the parser keeps the last of duplicate
    /// names.
    fn member(&self, object: &Node, name: &str) -> Option<&Node> {
        object
            .children
            .iter()
            .rev()
            .filter_map(|child| self.nodes.get(*child))
            .find(|child| child.key.clone().is_some_and(|key| self.name_is(key, name)))
    }

    /// Whether the string literal at `range` spells `name`.
    fn name_is(&self, range: Range<usize>, name: &str) -> bool {
        let literal = &self.text[range];
        let raw = literal
            .get(1..literal.len().saturating_sub(1))
            .unwrap_or_default();
        if raw.contains('\\') {
            serde_json::from_str::<String>(literal).is_ok_and(|decoded| decoded == name)
        } else {
            raw == name
        }
    }

    /// What a parser's `[Source: …; line: L, column: C]` points at (see [`parser_target`]).
    fn parser_span(&self, location: &str, message: &str) -> Option<Range<usize>> {
        let (_, position) = location.rsplit_once("; line: ")?;
        let (line, column) = position.trim_end_matches(']').split_once(", column: ")?;
        let line: usize = line.parse().ok()?;
        let column: usize = column.parse().ok()?;
        let line_start = *self.line_starts.get(line.checked_sub(1)?)?;
        // The line with its line break: Jackson reads a break inside a string without
        // counting a new line, and then its column is one past the break.
        let line_end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let mut units = column.saturating_sub(1);
        let mut offset = line_start;
        for c in self.text[line_start..line_end].chars() {
            if units == 0 {
                break;
            }
            units = units.saturating_sub(c.len_utf16());
            offset += c.len_utf8();
        }
        let before = &self.text[line_start..offset];
        match parser_target(message) {
            ParserTarget::Token(token) if !token.is_empty() && before.ends_with(token) => {
                Some(offset - token.len()..offset)
            }
            ParserTarget::Token(_) | ParserTarget::LastChar => {
                let last_len = before.chars().next_back().map_or(0, char::len_utf8);
                Some(offset - last_len..offset)
            }
            ParserTarget::Position => {
                let content_end = line_start
                    + self.text[line_start..line_end]
                        .trim_end_matches(['\n', '\r'])
                        .len();
                let offset = offset.min(content_end);
                Some(offset..offset)
            }
        }
    }
}

/// What a parser's message is about, relative to the position in its location.
#[derive(Debug, PartialEq, Eq)]
enum ParserTarget<'a> {
    /// The token the message quotes, which ends at the position (Jackson).
    Token(&'a str),
    /// The character before the position, the last one Jackson read.
    LastChar,
    /// The position itself: the end of the input, or the character at serde_json's column.
    Position,
}

/// What a parser's message says the diagnostic is about.
fn parser_target(message: &str) -> ParserTarget<'_> {
    for prefix in ["Unrecognized token '", "Non-standard token '"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let token = rest.split_once("': ").map_or(rest, |(token, _)| token);
            // Jackson cuts a long token and appends `...`, which no token contains.
            return ParserTarget::Token(token.trim_end_matches("..."));
        }
    }
    let read_one = [
        "Unexpected character (",
        "Unexpected close marker '",
        "Illegal unquoted character (",
        "Illegal character (",
        "Unrecognized character escape ",
        "Invalid numeric value:",
    ];
    if read_one.iter().any(|prefix| message.starts_with(prefix)) {
        ParserTarget::LastChar
    } else {
        ParserTarget::Position
    }
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

/// Every value of a JSON text, in one pass with a stack of its own, so any nesting is fine.
///
/// Where the text stops making sense, the values read so far are kept and the open ones run
/// to the end of the text.
fn nodes(text: &str) -> Vec<Node> {
    let bytes = text.as_bytes();
    let mut nodes: Vec<Node> = Vec::new();
    // The open objects and arrays, innermost last.
    let mut open: Vec<usize> = Vec::new();
    let mut pos = skip_whitespace(bytes, 0);
    let mut key: Option<Range<usize>> = None;
    while let Some(&byte) = bytes.get(pos) {
        let in_object = open
            .last()
            .is_some_and(|parent| bytes[nodes[*parent].value.start] == b'{');
        // In an object, a value comes after a name and a colon.
        if in_object && key.is_none() && byte != b'}' {
            let Some(end) = (byte == b'"').then(|| skip_string(bytes, pos)).flatten() else {
                break;
            };
            let colon = skip_whitespace(bytes, end);
            if bytes.get(colon) != Some(&b':') {
                break;
            }
            key = Some(pos..end);
            pos = skip_whitespace(bytes, colon + 1);
            continue;
        }
        if matches!(byte, b'}' | b']') {
            let Some(container) = open.pop() else {
                break;
            };
            nodes[container].value.end = pos + 1;
            key = None;
            pos = after_value(bytes, pos + 1);
            continue;
        }
        let index = nodes.len();
        if let Some(parent) = open.last() {
            nodes[*parent].children.push(index);
        } else if index > 0 {
            // A second value after the root: the parser ignores it.
            break;
        }
        let start = pos;
        let end = match byte {
            b'{' | b'[' => {
                open.push(index);
                pos = skip_whitespace(bytes, pos + 1);
                text.len()
            }
            b'"' => match skip_string(bytes, pos) {
                Some(end) => {
                    pos = after_value(bytes, end);
                    end
                }
                None => text.len(),
            },
            b',' | b':' => break,
            _ => {
                let end = scalar_end(bytes, pos);
                pos = after_value(bytes, end);
                end
            }
        };
        nodes.push(Node {
            key: key.take(),
            value: start..end,
            children: Vec::new(),
        });
        if end == text.len() && !matches!(byte, b'{' | b'[') {
            break;
        }
    }
    nodes
}

/// Where the next token after a value starts, past white space and one comma.
fn after_value(bytes: &[u8], pos: usize) -> usize {
    let pos = skip_whitespace(bytes, pos);
    if bytes.get(pos) == Some(&b',') {
        skip_whitespace(bytes, pos + 1)
    } else {
        pos
    }
}

fn skip_whitespace(bytes: &[u8], mut pos: usize) -> usize {
    while bytes
        .get(pos)
        .is_some_and(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
    {
        pos += 1;
    }
    pos
}

/// The end of the string literal starting at `start`.
fn skip_string(bytes: &[u8], start: usize) -> Option<usize> {
    let mut pos = start + 1;
    loop {
        match bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// The end of the number or literal starting at `start`.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    while bytes.get(pos).is_some_and(|byte| {
        !matches!(
            byte,
            b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r'
        )
    }) {
        pos += 1;
    }
    pos.max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, location: &str, message: &str) -> String {
        let diagnostic = Diagnostic::error("CODE", message, location);
        let span = Index::new(text).span_of(&diagnostic);
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

    /// The text a parser's diagnostic for `text` underlines, and where it starts.
    fn check_parser(text: &str) -> (String, usize) {
        let diagnostic = crate::validate::parse_definition(text).expect_err("the text is not JSON");
        let span = Index::new(text).span_of(&diagnostic);
        (text[span.clone()].to_owned(), span.start)
    }

    #[test]
    fn underlines_what_the_parser_names() {
        // Jackson's column is one past what it read: the caret goes on the token or
        // character that ends there.
        assert_eq!(check_parser("not a definition"), ("not".to_owned(), 0));
        assert_eq!(check_parser("StartAt: First\n"), ("StartAt".to_owned(), 0));
        assert_eq!(check_parser(r#"{"a": tru}"#), ("tru".to_owned(), 6));
        assert_eq!(check_parser(r#"{"a": truex}"#), ("truex".to_owned(), 6));
        assert_eq!(check_parser(r#"{"a": NaN}"#), ("NaN".to_owned(), 6));
        assert_eq!(check_parser("{\"😀\": tru}"), ("tru".to_owned(), 9));
        let long = "a".repeat(300);
        assert_eq!(check_parser(&long), ("a".repeat(256), 0));
        assert_eq!(check_parser(r#"{"a" 1}"#), ("1".to_owned(), 5));
        assert_eq!(check_parser(r#"{"a": 1,}"#), ("}".to_owned(), 8));
        assert_eq!(check_parser(r#"{"a": [1}"#), ("}".to_owned(), 8));
        assert_eq!(check_parser(r#"{"a": 01}"#), ("0".to_owned(), 6));
        assert_eq!(check_parser("{\"a\": \"x\ny\"}"), ("\n".to_owned(), 8));
        // The end of the input is a position, not a character.
        assert_eq!(check_parser("{"), (String::new(), 1));
        assert_eq!(check_parser("{\n  \"a\": 1"), (String::new(), 10));
    }

    #[test]
    fn renders_parser_positions() {
        let index = Index::new("{\n  \"a\": tru\n}");
        let at = |position: &str, message: &str| {
            let location = format!("[Source: (String)\"…\"; {position}]");
            index.parser_span(&location, message)
        };
        // serde_json's column is the character's own.
        assert_eq!(at("line: 2, column: 9", "expected value"), Some(10..10));
        assert_eq!(at("line: 2, column: 11", "m"), Some(12..12));
        assert_eq!(at("line: 2, column: 99", "m"), Some(12..12));
        assert_eq!(
            at("line: 2, column: 99", "Unexpected character (x)"),
            Some(12..13)
        );
        assert_eq!(
            at("line: 1, column: 1", "Unexpected character (x)"),
            Some(0..0)
        );
        assert_eq!(
            at("line: 2, column: 11", "Unrecognized token 'x': "),
            Some(11..12)
        );
        assert_eq!(at("line: 9, column: 1", "m"), None);
        assert_eq!(at("line: 0, column: 1", "m"), None);
    }

    #[test]
    fn sorts_by_position() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2\n}";
        let diagnostics = [
            Diagnostic::error("LATE", "m", "/b"),
            Diagnostic::error("EARLY", "m", "/a"),
            Diagnostic::error("SAME", "m", "/b"),
        ];
        let rendered = render("f.json", text, &diagnostics);
        let codes: Vec<&str> = rendered
            .lines()
            .filter_map(|line| line.strip_prefix("f.json:"))
            .collect();
        assert_eq!(codes, ["2:8: EARLY: m", "3:8: LATE: m", "3:8: SAME: m"]);
    }
}
