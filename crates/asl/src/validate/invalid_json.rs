//! Rule `invalid-json`: the definition must be JSON, and [`parse`], which reads it the way AWS
//! does.
//!
//! AWS parses definitions with Jackson (2.x, reading one tree with the default features) and
//! quotes Jackson's message in an `INVALID_JSON_DESCRIPTION` diagnostic whose location is
//! Jackson's `[Source: (String)"…"; line: L, column: C]`.
//! This file finds the first syntax error with its own scanner and words it as Jackson
//! 2.13 does for the common mistakes (columns count characters, where Jackson counts UTF-16
//! units; they differ only after characters outside the Basic Multilingual Plane).
//! As Jackson does, it stops after the first JSON value and ignores whatever follows.
//! The scanner keeps its own stack instead of recursing, so deep nesting cannot overflow it.
//!
//! ## What it checks
//! That the definition's text is one JSON value (blank text is `definition-not-object`'s).
//!
//! ## Why
//! Nothing else can be checked in text that is not JSON.
//!
//! ## Example
//! ```text
//! not a definition
//! ```
//! `INVALID_JSON_DESCRIPTION: Unrecognized token 'not': was expecting (JSON String, Number,
//! Array, Object or token 'null', 'true' or 'false')` at
//! `[Source: (String)"not a definition"; line: 1, column: 4]`
//!
//! ## Fix
//! Fix the JSON at the line and column given: quote names with `"`, separate members with
//! `,`, and leave no comma before a closing `}` or `]`.

use serde_json::Value;

use super::{Rule, code, definition_not_object};
use crate::Diagnostic;

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-json",
    code: code::INVALID_JSON_DESCRIPTION,
    summary: "the definition must be JSON",
};

/// Jackson's list of what may start a value.
const VALID_VALUES: &str =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/// Jackson stops echoing a bad token after this many characters.
const MAX_TOKEN_CHARS: usize = 256;

/// Jackson echoes at most this many characters of the source in a location.
const MAX_SOURCE_CHARS: usize = 500;

/// Parses a definition's text; see [`super::parse_definition`].
pub(super) fn parse(text: &str) -> Result<Value, Diagnostic> {
    if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Err(definition_not_object::diagnostic());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut scanner = Scanner {
        chars: &chars,
        pos: 0,
        row: 1,
        row_start: 0,
        stack: Vec::new(),
    };
    if let Err(error) = scanner.run() {
        return Err(diagnostic(text, &error.message, error.line, error.column));
    }
    // Jackson reads one value and ignores the rest of the text; so does a stream.
    match serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()
    {
        Some(Ok(value)) => Ok(value),
        // What the scanner accepts and serde_json does not: nesting deeper than 128, numbers
        // beyond f64, lone surrogate escapes.
        Some(Err(error)) => Err(diagnostic(
            text,
            &error.to_string(),
            error.line(),
            error.column(),
        )),
        None => Err(definition_not_object::diagnostic()),
    }
}

/// The diagnostic for a problem at `line`:`column`.
fn diagnostic(text: &str, message: &str, line: usize, column: usize) -> Diagnostic {
    let location = source_location(text, line, column);
    Diagnostic::error(
        code::INVALID_JSON_DESCRIPTION,
        format!("{message}\n at {location}"),
        location,
    )
}

/// Jackson's location: `[Source: (String)"<text>"; line: 1, column: 4]`, the text cut after
/// 500 characters.
fn source_location(text: &str, line: usize, column: usize) -> String {
    let n_chars = text.chars().count();
    if n_chars > MAX_SOURCE_CHARS {
        let shown: String = text.chars().take(MAX_SOURCE_CHARS).collect();
        format!(
            "[Source: (String)\"{shown}\"[truncated {} chars]; line: {line}, column: {column}]",
            n_chars - MAX_SOURCE_CHARS
        )
    } else {
        format!("[Source: (String)\"{text}\"; line: {line}, column: {column}]")
    }
}

/// A syntax error: Jackson's message and where it stopped reading.
struct SyntaxError {
    message: String,
    line: usize,
    column: usize,
}

/// An open object or array, and where it started.
#[derive(Clone, Copy)]
struct Open {
    is_object: bool,
    line: usize,
    /// The index of the bracket, and of the first character of its line.
    index: usize,
    row_start: usize,
}

impl Open {
    fn type_desc(self) -> &'static str {
        if self.is_object { "Object" } else { "Array" }
    }
}

/// What comes next at the top of Jackson's `nextToken`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The first member or element, or the closing bracket.
    First,
    /// A comma or the closing bracket.
    AfterValue,
}

struct Scanner<'a> {
    chars: &'a [char],
    /// The index of the next character.
    pos: usize,
    /// The current line, from 1.
    row: usize,
    /// The index of the first character of the current line.
    row_start: usize,
    stack: Vec<(Open, Expect)>,
}

type Step<T = ()> = Result<T, SyntaxError>;

impl Scanner<'_> {
    fn run(&mut self) -> Step {
        let Some(first) = self.next_token_char()? else {
            return Ok(());
        };
        if first == ']' || first == '}' {
            return Err(self.mismatched_root(first));
        }
        let root_is_number = first == '-' || first.is_ascii_digit();
        self.value(first)?;
        if root_is_number && self.stack.is_empty() {
            self.verify_root_space()?;
        }
        while let Some((open, expect)) = self.stack.last().copied() {
            let Some(c) = self.next_token_char()? else {
                return Err(self.eof(&format!(
                    ": expected close marker for {} (start marker at {})",
                    open.type_desc(),
                    self.location_at(open.line, self.column_in(open.row_start, open.index))
                )));
            };
            if c == ']' || c == '}' {
                let expected = if open.is_object { '}' } else { ']' };
                if c != expected {
                    return Err(self.error(format!(
                        "Unexpected close marker '{c}': expected '{expected}' (for {} starting at {})",
                        open.type_desc(),
                        self.location_at(open.line, self.column_in(open.row_start, open.index))
                    )));
                }
                self.stack.pop();
                continue;
            }
            let c = match expect {
                Expect::First => c,
                Expect::AfterValue => {
                    if c != ',' {
                        return Err(self.unexpected(
                            c,
                            &format!(
                                "was expecting comma to separate {} entries",
                                open.type_desc()
                            ),
                        ));
                    }
                    match self.skip_whitespace()? {
                        Some(c) => c,
                        None => {
                            return Err(
                                self.eof(&format!(" within/between {} entries", open.type_desc()))
                            );
                        }
                    }
                }
            };
            if let Some(top) = self.stack.last_mut() {
                top.1 = Expect::AfterValue;
            }
            if open.is_object {
                if c != '"' {
                    return Err(
                        self.unexpected(c, "was expecting double-quote to start field name")
                    );
                }
                self.string(true)?;
                match self.skip_whitespace()? {
                    Some(':') => {}
                    Some(other) => {
                        return Err(self.unexpected(
                            other,
                            "was expecting a colon to separate field name and value",
                        ));
                    }
                    None => return Err(self.eof(" within/between Object entries")),
                }
                let Some(c) = self.skip_whitespace()? else {
                    return Err(self.eof(" within/between Object entries"));
                };
                self.value(c)?;
            } else {
                self.value(c)?;
            }
        }
        Ok(())
    }

    /// Reads a value whose first character `c` was just consumed; an object or array is
    /// pushed on the stack, anything else is read whole.
    fn value(&mut self, c: char) -> Step {
        match c {
            '{' | '[' => {
                // The column is only worked out for a message: doing it for every bracket
                // would take quadratic time on long lines.
                let open = Open {
                    is_object: c == '{',
                    line: self.row,
                    index: self.pos - 1,
                    row_start: self.row_start,
                };
                self.stack.push((open, Expect::First));
                Ok(())
            }
            '"' => self.string(false),
            '-' => self.number(true),
            '0'..='9' => {
                self.pos -= 1;
                self.number(false)
            }
            't' => self.literal("true"),
            'f' => self.literal("false"),
            'n' => self.literal("null"),
            _ => self.odd_value(c),
        }
    }

    /// Jackson's `_handleOddValue`.
    fn odd_value(&mut self, c: char) -> Step {
        match c {
            'N' => self.non_standard("NaN"),
            'I' => self.non_standard("Infinity"),
            '+' => match self.chars.get(self.pos).copied() {
                None => Err(self.eof(" in a Number value")),
                Some(next) => {
                    self.pos += 1;
                    Err(self.number_char(
                        next,
                        "expected digit (0-9) to follow minus sign, for valid numeric value",
                    ))
                }
            },
            _ if is_identifier_start(c) => Err(self.invalid_token(c.to_string())),
            _ => Err(self.unexpected(c, &format!("expected a valid value {VALID_VALUES}"))),
        }
    }

    fn non_standard(&mut self, token: &str) -> Step {
        self.match_token(token)?;
        Err(self.error(format!(
            "Non-standard token '{token}': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow"
        )))
    }

    fn literal(&mut self, token: &str) -> Step {
        self.match_token(token)?;
        match self.chars.get(self.pos) {
            Some(&c) if is_identifier_part(c) => Err(self.invalid_token(token.to_owned())),
            _ => Ok(()),
        }
    }

    /// Matches the rest of `token`, whose first character was consumed.
    fn match_token(&mut self, token: &str) -> Step {
        for (index, expected) in token.chars().enumerate().skip(1) {
            if self.chars.get(self.pos) != Some(&expected) {
                let matched: String = token.chars().take(index).collect();
                return Err(self.invalid_token(matched));
            }
            self.pos += 1;
        }
        Ok(())
    }

    /// `Unrecognized token '…'`, the token running on over identifier characters.
    fn invalid_token(&mut self, mut token: String) -> SyntaxError {
        while let Some(&c) = self.chars.get(self.pos) {
            if !is_identifier_part(c) {
                break;
            }
            self.pos += 1;
            token.push(c);
            if token.chars().count() >= MAX_TOKEN_CHARS {
                token.push_str("...");
                break;
            }
        }
        self.error(format!(
            "Unrecognized token '{token}': was expecting {VALID_VALUES}"
        ))
    }

    /// A string whose opening quote was consumed.
    fn string(&mut self, is_name: bool) -> Step {
        loop {
            let Some(&c) = self.chars.get(self.pos) else {
                return Err(if is_name {
                    self.eof(" in field name")
                } else {
                    self.eof(": was expecting closing quote for a string value")
                });
            };
            self.pos += 1;
            match c {
                '"' => return Ok(()),
                '\\' => self.escape()?,
                c if u32::from(c) < 0x20 => {
                    let context = if is_name { "name" } else { "string value" };
                    return Err(self.error(format!(
                        "Illegal unquoted character ({}): has to be escaped using backslash to be included in {context}",
                        char_desc(c)
                    )));
                }
                _ => {}
            }
        }
    }

    /// An escape whose backslash was consumed.
    fn escape(&mut self) -> Step {
        let Some(&c) = self.chars.get(self.pos) else {
            return Err(self.eof(" in character escape sequence"));
        };
        self.pos += 1;
        match c {
            '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => Ok(()),
            'u' => {
                for _ in 0..4 {
                    let Some(&digit) = self.chars.get(self.pos) else {
                        return Err(self.eof(" in character escape sequence"));
                    };
                    self.pos += 1;
                    if !digit.is_ascii_hexdigit() {
                        return Err(self.unexpected(
                            digit,
                            "expected a hex-digit for character escape sequence",
                        ));
                    }
                }
                Ok(())
            }
            _ => Err(self.error(format!("Unrecognized character escape {}", char_desc(c)))),
        }
    }

    /// A number; its minus sign, if any, was consumed.
    fn number(&mut self, negative: bool) -> Step {
        let Some(&first) = self.chars.get(self.pos) else {
            return Err(self.eof(" in a Number value"));
        };
        if !first.is_ascii_digit() {
            self.pos += 1;
            let comment = if negative {
                "expected digit (0-9) to follow minus sign, for valid numeric value"
            } else {
                "expected digit (0-9) for valid numeric value"
            };
            return Err(self.number_char(first, comment));
        }
        self.pos += 1;
        if first == '0' && self.chars.get(self.pos).is_some_and(char::is_ascii_digit) {
            return Err(self.error("Invalid numeric value: Leading zeroes not allowed".to_owned()));
        }
        self.digits();
        if self.chars.get(self.pos) == Some(&'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.after_missing_digit("Decimal point not followed by a digit");
            }
        }
        if matches!(self.chars.get(self.pos), Some('e' | 'E')) {
            self.pos += 1;
            if matches!(self.chars.get(self.pos), Some('+' | '-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.after_missing_digit("Exponent indicator not followed by a digit");
            }
        }
        Ok(())
    }

    fn after_missing_digit(&mut self, comment: &str) -> Step {
        match self.chars.get(self.pos).copied() {
            None => Err(self.eof(" in a Number value")),
            Some(c) => {
                self.pos += 1;
                Err(self.number_char(c, comment))
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.chars.get(self.pos).is_some_and(char::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// After a number at the top level, Jackson wants white space or the end.
    fn verify_root_space(&mut self) -> Step {
        let Some(&c) = self.chars.get(self.pos) else {
            return Ok(());
        };
        if matches!(c, ' ' | '\t' | '\r' | '\n') {
            return Ok(());
        }
        self.pos += 1;
        Err(self.unexpected(c, "Expected space separating root-level values"))
    }

    /// Skips white space and returns (consuming) the next character, or `None` at the end.
    fn next_token_char(&mut self) -> Step<Option<char>> {
        self.skip_whitespace()
    }

    fn skip_whitespace(&mut self) -> Step<Option<char>> {
        while let Some(&c) = self.chars.get(self.pos) {
            self.pos += 1;
            match c {
                ' ' | '\t' => {}
                '\n' => self.new_line(),
                '\r' => {
                    if self.chars.get(self.pos) == Some(&'\n') {
                        self.pos += 1;
                    }
                    self.new_line();
                }
                c if u32::from(c) < 0x20 => {
                    return Err(self.error(format!(
                        "Illegal character ({}): only regular white space (\\r, \\n, \\t) is allowed between tokens",
                        char_desc(c)
                    )));
                }
                c => return Ok(Some(c)),
            }
        }
        Ok(None)
    }

    fn new_line(&mut self) {
        self.row += 1;
        self.row_start = self.pos;
    }

    /// `]` or `}` where a document should start.
    fn mismatched_root(&self, c: char) -> SyntaxError {
        let expected = if c == ']' { '}' } else { ']' };
        self.error(format!(
            "Unexpected close marker '{c}': expected '{expected}' (for root starting at {})",
            self.location_at(1, 0)
        ))
    }

    fn unexpected(&self, c: char, comment: &str) -> SyntaxError {
        self.error(format!(
            "Unexpected character ({}): {comment}",
            char_desc(c)
        ))
    }

    fn number_char(&self, c: char, comment: &str) -> SyntaxError {
        self.error(format!(
            "Unexpected character ({}) in numeric value: {comment}",
            char_desc(c)
        ))
    }

    fn eof(&self, what: &str) -> SyntaxError {
        self.error(format!("Unexpected end-of-input{what}"))
    }

    /// An error at the current position.
    fn error(&self, message: String) -> SyntaxError {
        SyntaxError {
            message,
            line: self.row,
            column: self.column_of(self.pos),
        }
    }

    /// Jackson's 1-based column of the character at `index` on the current line, in UTF-16
    /// units.
    fn column_of(&self, index: usize) -> usize {
        self.column_in(self.row_start, index)
    }

    /// The 1-based column of the character at `index` on the line starting at `row_start`.
    fn column_in(&self, row_start: usize, index: usize) -> usize {
        let start = row_start.min(index);
        self.chars[start..index.min(self.chars.len())]
            .iter()
            .map(|c| c.len_utf16())
            .sum::<usize>()
            + 1
    }

    /// A location in the source, as Jackson prints it.
    fn location_at(&self, line: usize, column: usize) -> String {
        let text: String = self.chars.iter().collect();
        source_location(&text, line, column)
    }
}

/// Jackson's `_getCharDesc`.
fn char_desc(c: char) -> String {
    let code = u32::from(c);
    if c.is_control() {
        format!("(CTRL-CHAR, code {code})")
    } else if code > 255 {
        format!("'{c}' (code {code} / 0x{code:x})")
    } else {
        format!("'{c}' (code {code})")
    }
}

/// Java's `Character.isJavaIdentifierStart`, near enough.
fn is_identifier_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || is_currency(c)
}

/// Java's `Character.isJavaIdentifierPart`, near enough.
fn is_identifier_part(c: char) -> bool {
    let code = u32::from(c);
    c.is_alphanumeric()
        || c == '_'
        || is_currency(c)
        || (code <= 0x08)
        || (0x0E..=0x1B).contains(&code)
        || (0x7F..=0x9F).contains(&code)
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '\u{a2}'..='\u{a5}' | '\u{20a0}'..='\u{20cf}')
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// The message of the diagnostic for `text`, without its location.
    fn message(text: &str) -> String {
        let diagnostic = parse(text).expect_err(text);
        let (message, location) = diagnostic
            .message
            .split_once("\n at ")
            .expect("a parser message ends with its location");
        assert_eq!(location, diagnostic.location);
        let position = location
            .rsplit_once("; ")
            .map(|(_, position)| position.trim_end_matches(']'))
            .unwrap_or_default();
        format!("{message} @ {position}")
    }

    #[test]
    fn words_errors_as_jackson_does() {
        let cases = [
            (
                "not a definition",
                "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') @ line: 1, column: 4",
            ),
            (
                "{",
                "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"; line: 1, column: 1]) @ line: 1, column: 2",
            ),
            (
                "{\"a\" 1}",
                "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value @ line: 1, column: 7",
            ),
            (
                "{\"a\": 1 \"b\": 2}",
                "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries @ line: 1, column: 10",
            ),
            (
                "{a: 1}",
                "Unexpected character ('a' (code 97)): was expecting double-quote to start field name @ line: 1, column: 3",
            ),
            (
                "{\"a\": 1,}",
                "Unexpected character ('}' (code 125)): was expecting double-quote to start field name @ line: 1, column: 10",
            ),
            (
                "[1,]",
                "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false') @ line: 1, column: 5",
            ),
            (
                "{\"a\": tru}",
                "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') @ line: 1, column: 10",
            ),
            (
                "{\"a\": 01}",
                "Invalid numeric value: Leading zeroes not allowed @ line: 1, column: 8",
            ),
            (
                "{\n  \"a\": 'x'\n}",
                "Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false') @ line: 2, column: 9",
            ),
            (
                "{\"a\": \"x\ny\"}",
                "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value @ line: 1, column: 10",
            ),
            (
                "{\"a\": \"\\x\"}",
                "Unrecognized character escape 'x' (code 120) @ line: 1, column: 10",
            ),
            (
                "{\"a\": [1}",
                "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"{\"a\": [1}\"; line: 1, column: 7]) @ line: 1, column: 10",
            ),
            (
                "{\"a\": \"x",
                "Unexpected end-of-input: was expecting closing quote for a string value @ line: 1, column: 9",
            ),
            (
                "1x",
                "Unexpected character ('x' (code 120)): Expected space separating root-level values @ line: 1, column: 3",
            ),
            (
                "{\"a\": -x}",
                "Unexpected character ('x' (code 120)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value @ line: 1, column: 9",
            ),
            (
                "{\"a\": NaN}",
                "Non-standard token 'NaN': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow @ line: 1, column: 10",
            ),
            (
                "{\"a\":",
                "Unexpected end-of-input within/between Object entries @ line: 1, column: 6",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(message(text), expected, "{text}");
        }
    }

    #[test]
    fn accepts_json_and_ignores_what_follows_it() {
        assert_eq!(parse("{} trailing").ok(), Some(serde_json::json!({})));
        assert_eq!(
            parse(" [1, 2.5e3, \"\\u00e9\"] ").ok(),
            Some(serde_json::json!([1, 2500.0, "é"]))
        );
        assert_eq!(
            parse("\t\n ").unwrap_err().message,
            "Definition must be a valid JSON object"
        );
    }

    #[test]
    fn truncates_long_sources() {
        let text = format!("[{}", "1,".repeat(300));
        let diagnostic = parse(&text).unwrap_err();
        assert!(
            diagnostic
                .location
                .contains("\"[truncated 101 chars]; line: 1, column: 602]"),
            "{}",
            diagnostic.location
        );
    }

    #[test]
    fn survives_deep_nesting() {
        let text = "[".repeat(100_000);
        assert_eq!(parse(&text).unwrap_err().code, "INVALID_JSON_DESCRIPTION");
        let text = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse(&text).unwrap_err().code, "INVALID_JSON_DESCRIPTION");
    }
}
