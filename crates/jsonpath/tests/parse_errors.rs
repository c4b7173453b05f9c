//! Definitions that must not compile, and the messages the validator shows for them.

use jsonpath::{Expression, Intrinsic, Path, PayloadTemplate};
use serde_json::{Value, json};

/// Compiles `text` as an expression (path or intrinsic call) and expects a message containing `expected`.
fn check(text: &str, expected: &str) {
    match Expression::parse(text) {
        Ok(expression) => panic!("{text} compiled to {expression:?}"),
        Err(error) => assert!(
            error.message().contains(expected),
            "{text}: '{}' lacks '{expected}'",
            error.message()
        ),
    }
}

#[test]
fn bad_paths() {
    check("", "neither a JSONPath");
    check("a.b", "neither a JSONPath");
    check("$.", "must not end with '.'");
    check("$..", "must not end with '..'");
    check("$.a.", "must not end with '.'");
    check("$.a[", "unclosed '['");
    check("$['a'", "terminated by ']'");
    check("$['a' 'b']", "separated by a comma");
    check("$[abc]", "quote property names");
    check("$[]", "empty brackets");
    check("$.a b", "bracket notation");
    check("$a b", "unexpected character");
    check("$.a[?(@.x > )]", "expected a value");
    check("$.a[?(@.x > 1]", "unclosed filter");
    check("$$x", "unexpected character");
    check("$.a[99999999999]", "not a valid array index");
    let deep = format!("$.a[?({}@.x{})]", "(".repeat(40), ")".repeat(40));
    check(&deep, "nests more than 32 levels");
    check(
        &format!("$.a[?({}@.x)]", "!".repeat(40)),
        "nests more than 32 levels",
    );
}

#[test]
fn bad_regular_expressions() {
    // Java syntax the `regex` crate cannot express, or would read differently, never compiles.
    check(
        "$.a[?(@.x =~ /(a)\\1/)]",
        "invalid regular expression /(a)\\1/: backreferences are not supported",
    );
    check("$.a[?(@.x =~ /a(?=b)/)]", "look-ahead is not supported");
    check("$.a[?(@.x =~ /(?<!a)b/)]", "look-behind is not supported");
    check("$.a[?(@.x =~ /(?>a)/)]", "atomic groups");
    check("$.a[?(@.x =~ /a*+/)]", "possessive quantifiers");
    check("$.a[?(@.x =~ /\\Qa.b\\E/)]", "\\Q...\\E is not supported");
    check(
        "$.a[?(@.x =~ /(?s)a.b/)]",
        "the inline flag 's' is not supported",
    );
    // Invalid in Java too.
    check("$.a[?(@.x =~ /a[/)]", "invalid regular expression /a[/");
    check("$.a[?(@.x =~ /(a/)]", "invalid regular expression /(a/");
    check(
        "$.a[?(@.x =~ /a)|(b/)]",
        "invalid regular expression /a)|(b/",
    );
    check("$.a[?(@.x =~ /a\\/)]", "unclosed filter");
    // As in Jayway, the first unescaped '/' ends the pattern, even inside a class.
    check("$.a[?(@.x =~ /[^/]*/)]", "unclosed filter");
    // Jayway 2.4 knows only the `i` flag.
    check("$.a[?(@.x =~ /a/g)]", "only 'i' is allowed");
    check("$.a[?(@.x =~ /a/ig)]", "only 'i' is allowed");
    // A regular expression only goes beside =~, and =~ needs exactly one.
    check("$.a[?(@.x == /a/)]", "can only be used with =~");
    check("$.a[?(/a/)]", "can only be used with =~");
    check(
        "$.a[?(@.x =~ 'a')]",
        "=~ compares a value with one regular expression",
    );
    check(
        "$.a[?(/a/ =~ /a/)]",
        "=~ compares a value with one regular expression",
    );
}

#[test]
fn bad_intrinsic_calls() {
    check("States.Foo()", "unknown intrinsic function 'States.Foo'");
    check(
        "States.format('x')",
        "unknown intrinsic function 'States.format'",
    );
    check("States.Format('x'", "expected ',' or ')'");
    check(
        "States.Array() trailing",
        "unexpected 'trailing' after the call",
    );
    check("States.Array(,)", "unexpected ',)'");
    check("States.Array(1.)", "expected ',' or ')'");
    check("States.Array(.5)", "unexpected '.5)'");
    check("States.Array([1,2])", "unexpected '[1,2])'");
    check("States.UUID)", "expected '('");
    check("States.UUID($", "expected ',' or ')'");
    check(
        "States.Format('He said, \\\"Hello\\\"')",
        "invalid escape sequence '\\\"'",
    );
    check(
        "States.StringToJson('{\"text\":\"An \\\"escaped\\\" quote\"}')",
        "invalid escape sequence",
    );
    check(
        "States.Base64Decode('YWJj\\nZA==')",
        "invalid escape sequence '\\n'",
    );
    check(
        "States.Format('unterminated)",
        "unterminated string literal",
    );
    check("States.MathAdd(1e999, 1)", "not a valid number");
    let eleven = "States.Array(".repeat(11) + "1" + &")".repeat(11);
    check(&eleven, "nested at most 10 deep");
}

#[test]
fn valid_calls_with_the_wrong_argument_count_still_compile() {
    // AWS accepts these definitions and fails when the call runs.
    for text in [
        "States.MathAdd(1)",
        "States.StringToJson()",
        "States.JsonMerge($.a, $.b)",
        "States.UUID(1, 2)",
    ] {
        assert!(Intrinsic::parse(text).is_ok(), "{text}");
    }
}

/// Compiles a template and expects AWS's message, a reason containing `reason`, and a pointer.
fn check_template(template: Value, message: &str, reason: &str, pointer: &str) {
    let error = PayloadTemplate::compile(&template).expect_err("must not compile");
    assert_eq!(error.to_string(), message);
    assert!(
        error.reason().contains(reason),
        "'{}' lacks '{reason}'",
        error.reason()
    );
    assert_eq!(error.pointer(), pointer);
}

#[test]
fn bad_templates() {
    check_template(
        json!({"parsed.$": "States.Format('He said, \\\"Hello, {}!\\\"', 'Test')"}),
        "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call",
        "invalid escape sequence",
        "/parsed.$",
    );
    check_template(
        json!({"a": {"b": [0, {"c/d.$": 1}]}}),
        "The value for the field 'c/d.$' must be a valid JSONPath or a valid intrinsic function call",
        "not a string",
        "/a/b/1/c~1d.$",
    );
    check_template(
        json!({"x.$": "not a path"}),
        "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
        "neither a JSONPath",
        "/x.$",
    );
}

#[test]
fn paths_report_their_text() {
    let error = Path::parse("$.a[").expect_err("must not compile");
    assert_eq!(
        error.to_string(),
        "invalid JSONPath '$.a[': unclosed '[' at position 3"
    );
    assert_eq!(error.pointer(), "");
}
