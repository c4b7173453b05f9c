//! Syntax checks for the strings of JSONPath states: paths, reference paths and intrinsic
//! function calls, as far as validation needs them (is it well-formed?), without evaluating
//! anything.
//!
//! FIXME: use jsonpath::Path::parse, jsonpath::ReferencePath::parse and
//! jsonpath::Intrinsic::parse, so that validation and evaluation can never disagree about
//! what a path is. Today they do disagree: `jsonpath::ReferencePath` does not take variable
//! references (`$name.field`) and `Path`/`Intrinsic` differ on a few argument forms, so the
//! switch waits for variables (issue 3). Meanwhile `validate` compiles every definition it
//! accepts, so a path this file lets through but the engine cannot parse is still rejected.
//!
//! A path starts with `$` (the input), `$$` (the context object) or `$name` (a variable).
//! A reference path then allows only `.name`, `['name']` and `[n]`; a path also allows
//! `..`, `*`, slices, unions and filters, as Jayway's JsonPath (which AWS uses) does.

/// Where a path may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Roots {
    /// `$`, `$$` and `$variable`.
    Any,
    /// `$` alone: the state's data, neither the context object nor a variable (a path written
    /// to, like `ResultPath`; variables are written with `Assign`).
    Input,
}

/// The intrinsic functions of JSONPath states.
const INTRINSICS: &[&str] = &[
    "States.Format",
    "States.StringToJson",
    "States.JsonToString",
    "States.Array",
    "States.ArrayPartition",
    "States.ArrayContains",
    "States.ArrayRange",
    "States.ArrayGetItem",
    "States.ArrayLength",
    "States.ArrayUnique",
    "States.Base64Encode",
    "States.Base64Decode",
    "States.Hash",
    "States.JsonMerge",
    "States.MathRandom",
    "States.MathAdd",
    "States.StringSplit",
    "States.UUID",
];

/// How deep intrinsic calls may nest (AWS documents ten levels).
const MAX_INTRINSIC_DEPTH: usize = 10;

/// Whether `text` is a JSONPath.
pub(crate) fn is_path(text: &str, roots: Roots) -> bool {
    let Some(rest) = strip_root(text, roots) else {
        return false;
    };
    let bytes = rest.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'.' => {
                pos += 1;
                if bytes.get(pos) == Some(&b'.') {
                    // A deep scan: `..name`, `..*` or `..[…]`.
                    pos += 1;
                    if bytes.get(pos) == Some(&b'[') {
                        continue;
                    }
                }
                if bytes.get(pos) == Some(&b'*') {
                    pos += 1;
                    continue;
                }
                let Some(end) = dot_name_end(rest, pos) else {
                    return false;
                };
                pos = end;
            }
            b'[' => {
                let Some(end) = bracket_end(rest, pos) else {
                    return false;
                };
                if !is_selector(&rest[pos + 1..end]) {
                    return false;
                }
                pos = end + 1;
            }
            _ => return false,
        }
    }
    true
}

/// Whether `text` is a reference path: a path of `.name`, `['name']` and `[n]` only.
pub(crate) fn is_reference_path(text: &str, roots: Roots) -> bool {
    let Some(rest) = strip_root(text, roots) else {
        return false;
    };
    let bytes = rest.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'.' => {
                let Some(end) = dot_name_end(rest, pos + 1) else {
                    return false;
                };
                if rest[pos + 1..end].contains('*') {
                    return false;
                }
                pos = end;
            }
            b'[' => {
                let Some(end) = bracket_end(rest, pos) else {
                    return false;
                };
                let inner = rest[pos + 1..end].trim();
                if !(is_quoted(inner) || is_index(inner)) {
                    return false;
                }
                pos = end + 1;
            }
            _ => return false,
        }
    }
    true
}

/// Whether `text` is a call of an intrinsic function, with well-formed arguments.
pub(crate) fn is_intrinsic(text: &str) -> bool {
    let mut parser = Intrinsic { text, pos: 0 };
    parser.call(0) && parser.pos == text.len()
}

/// The rest of `text` after its root, or `None` when it has none.
fn strip_root(text: &str, roots: Roots) -> Option<&str> {
    let rest = text.strip_prefix('$')?;
    if let Some(context) = rest.strip_prefix('$') {
        return (roots == Roots::Any).then_some(context);
    }
    if roots == Roots::Input {
        return (rest.is_empty() || rest.starts_with(['.', '['])).then_some(rest);
    }
    // A variable: `$name` followed by path segments.
    let name_len = rest
        .char_indices()
        .find(|(_, character)| !is_variable_char(*character))
        .map_or(rest.len(), |(index, _)| index);
    if name_len > 0 && !rest.starts_with(is_variable_start) {
        return None;
    }
    Some(&rest[name_len..])
}

/// Whether a variable name may start with `character`: a letter (of any script) or `_`.
pub(crate) fn is_variable_start(character: char) -> bool {
    character.is_alphabetic() || character == '_'
}

/// Whether `character` may follow the first character of a variable name: a letter, a digit
/// or `_`.
pub(crate) fn is_variable_char(character: char) -> bool {
    character.is_alphanumeric() || character == '_'
}

/// Where the name after a `.` at `start` ends, or `None` when there is no name.
fn dot_name_end(text: &str, start: usize) -> Option<usize> {
    let end = text[start..]
        .char_indices()
        .find(|(_, character)| {
            matches!(character, '.' | '[' | ']' | '(' | ')' | '\'' | '"')
                || character.is_whitespace()
        })
        .map_or(text.len(), |(index, _)| start + index);
    (end > start).then_some(end)
}

/// The index of the `]` closing the `[` at `start`, skipping quoted strings and nested
/// brackets and parentheses (filters).
fn bracket_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut pos = start;
    while pos < bytes.len() {
        match bytes[pos] {
            b'\'' | b'"' => pos = quoted_end(bytes, pos)?,
            b'[' | b'(' => depth += 1,
            b']' | b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (bytes[pos] == b']').then_some(pos);
                }
            }
            _ => {}
        }
        pos += 1;
    }
    None
}

/// The index of the quote closing the one at `start`; a backslash escapes any character.
fn quoted_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut pos = start + 1;
    while pos < bytes.len() {
        match bytes[pos] {
            b'\\' => pos += 2,
            byte if byte == quote => return Some(pos),
            _ => pos += 1,
        }
    }
    None
}

/// Whether the inside of a `[…]` of a path is a selector Jayway accepts.
fn is_selector(inner: &str) -> bool {
    let inner = inner.trim();
    if inner == "*" {
        return true;
    }
    if let Some(filter) = inner.strip_prefix('?') {
        let filter = filter.trim();
        return filter.len() >= 2 && filter.starts_with('(') && filter.ends_with(')');
    }
    if inner.contains(':') {
        let parts: Vec<&str> = inner.split(':').collect();
        return parts.len() <= 3
            && parts
                .iter()
                .all(|part| part.trim().is_empty() || is_integer(part.trim()));
    }
    let items = split_top_level(inner);
    !items.is_empty()
        && (items.iter().all(|item| is_quoted(item.trim()))
            || items.iter().all(|item| is_integer(item.trim())))
}

/// Splits at the commas that are not inside quotes.
fn split_top_level(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut res = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'\'' | b'"' => match quoted_end(bytes, pos) {
                Some(end) => pos = end,
                None => return vec![text],
            },
            b',' => {
                res.push(&text[start..pos]);
                start = pos + 1;
            }
            _ => {}
        }
        pos += 1;
    }
    res.push(&text[start..]);
    res
}

/// Whether `text` is one quoted name (`'name'` or `"name"`).
fn is_quoted(text: &str) -> bool {
    let bytes = text.as_bytes();
    matches!(bytes.first(), Some(b'\'' | b'"')) && quoted_end(bytes, 0) == Some(bytes.len() - 1)
}

/// Whether `text` is an array index (a non-negative integer).
fn is_index(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Whether `text` is an integer, possibly negative.
fn is_integer(text: &str) -> bool {
    is_index(text.strip_prefix('-').unwrap_or(text))
}

/// A recursive-descent recognizer of intrinsic calls.
struct Intrinsic<'a> {
    text: &'a str,
    pos: usize,
}

impl Intrinsic<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// `States.Name(arg, …)`.
    fn call(&mut self, depth: usize) -> bool {
        if depth >= MAX_INTRINSIC_DEPTH {
            return false;
        }
        let name_len = self
            .rest()
            .find(|character: char| !(character.is_ascii_alphanumeric() || character == '.'))
            .unwrap_or(self.rest().len());
        let name = &self.rest()[..name_len];
        if !INTRINSICS.contains(&name) {
            return false;
        }
        self.pos += name_len;
        if !self.rest().starts_with('(') {
            return false;
        }
        self.pos += 1;
        self.skip_spaces();
        if self.rest().starts_with(')') {
            self.pos += 1;
            return true;
        }
        loop {
            self.skip_spaces();
            if !self.argument(depth) {
                return false;
            }
            self.skip_spaces();
            match self.rest().as_bytes().first() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    return true;
                }
                _ => return false,
            }
        }
    }

    fn argument(&mut self, depth: usize) -> bool {
        let rest = self.rest();
        if rest.starts_with('\'') {
            return self.string_literal();
        }
        if rest.starts_with("States.") {
            return self.call(depth + 1);
        }
        if rest.starts_with('$') {
            return self.path();
        }
        for literal in ["true", "false", "null"] {
            if rest.starts_with(literal) {
                self.pos += literal.len();
                return true;
            }
        }
        self.number()
    }

    /// `'…'`, where a backslash may only escape `'`, `{`, `}` or `\`.
    fn string_literal(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut pos = self.pos + 1;
        while pos < bytes.len() {
            match bytes[pos] {
                b'\\' => {
                    if !matches!(bytes.get(pos + 1), Some(b'\'' | b'{' | b'}' | b'\\')) {
                        return false;
                    }
                    pos += 2;
                }
                b'\'' => {
                    self.pos = pos + 1;
                    return true;
                }
                _ => pos += 1,
            }
        }
        false
    }

    /// A path argument, which runs to the next `,` or `)` outside brackets and quotes.
    fn path(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut pos = self.pos;
        let mut depth = 0usize;
        while pos < bytes.len() {
            match bytes[pos] {
                b'\'' | b'"' => match quoted_end(bytes, pos) {
                    Some(end) => pos = end,
                    None => return false,
                },
                b'[' | b'(' => depth += 1,
                b']' => match depth.checked_sub(1) {
                    Some(inner) => depth = inner,
                    None => return false,
                },
                b')' if depth > 0 => depth -= 1,
                b',' | b')' if depth == 0 => break,
                _ => {}
            }
            pos += 1;
        }
        let path = self.text[self.pos..pos].trim_end();
        self.pos = pos;
        is_path(path, Roots::Any)
    }

    /// A JSON number.
    fn number(&mut self) -> bool {
        let len = self
            .rest()
            .find(|character: char| !(character.is_ascii_digit() || "+-.eE".contains(character)))
            .unwrap_or(self.rest().len());
        let candidate = &self.rest()[..len];
        if candidate.is_empty() || serde_json::from_str::<serde_json::Number>(candidate).is_err() {
            return false;
        }
        self.pos += len;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        for text in [
            "$",
            "$$",
            "$.a",
            "$.a.b",
            "$$.Execution.Input",
            "$.delivery-partner",
            "$.items[*]",
            "$.items[1:5].itemValue",
            "$.items[:1]",
            "$[0]",
            "$['Test\\\"\"Name\"']",
            "$..name",
            "$.a[?(@.b == 'x]')]",
            "$.a['b','c']",
            "$.a[0,1]",
            "$x",
            "$constant_obj.in_obj_constant_lst",
            "$.*",
        ] {
            assert!(is_path(text, Roots::Any), "{text}");
        }
        for text in ["", "a", "$.", "$a b", "$.a[", "$.a]", "$[x]", "$.a..", "$1"] {
            assert!(!is_path(text, Roots::Any), "{text}");
        }
        assert!(!is_path("$$.x", Roots::Input));
        assert!(!is_path("$x.y", Roots::Input));
    }

    #[test]
    fn reference_paths() {
        for text in ["$", "$.a", "$.a['b c'][0]"] {
            assert!(is_reference_path(text, Roots::Input), "{text}");
        }
        for text in ["$x", "$x.y", "$$.a", "$x['a'][0]"] {
            assert!(is_reference_path(text, Roots::Any), "{text}");
        }
        for text in [
            "$.a[*]",
            "$..a",
            "$.a[1:2]",
            "$.*",
            "$.a[?(@.x)]",
            "$$.a",
            "$.a[-1]",
            "$x",
            "$x.y",
        ] {
            assert!(!is_reference_path(text, Roots::Input), "{text}");
        }
    }

    #[test]
    fn intrinsics() {
        for text in [
            "States.UUID()",
            "States.Array('a', 'b', 'c')",
            "States.Format('{} \\' \\{ \\} \\\\', $.a)",
            "States.MathAdd($.Iterations, -1)",
            "States.JsonMerge($.a, $.b, false)",
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
            "States.Format($AnswerTemplate, $$.Map.Item.Value)",
            "States.StringSplit('Hello\nWorld', '\n')",
            "States.Array($.a[0,1], $.b)",
        ] {
            assert!(is_intrinsic(text), "{text}");
        }
        for text in [
            "States.StringToJson('{\"text\":\"An \\\"x\\\" here\"}')",
            "States.Nope()",
            "States.UUID(",
            "States.Array('a' 'b')",
            "States.Array(x)",
            "States.UUID() x",
            "States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array()))))))))))",
        ] {
            assert!(!is_intrinsic(text), "{text}");
        }
    }
}
