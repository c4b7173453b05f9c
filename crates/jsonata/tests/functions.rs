//! Table tests for the AWS additions and restrictions: each row is an expression, its input and the expected result or error code.

use std::time::{Duration, Instant};

use jsonata::{Bindings, Entropy, Expression, Limits, SplitMix64};
use serde_json::{Value, json};

/// Expected outcome of one row.
enum Want {
    Value(Value),
    Undefined,
    Code(&'static str),
}

fn check(expr: &str, input: Value, want: Want) {
    let bindings = Bindings::new().with("states", json!({"input": input.clone()}));
    let res = Expression::parse(expr)
        .and_then(|e| e.evaluate(&input, &bindings, &mut SplitMix64::new(42)));
    match (res, want) {
        (Ok(Some(got)), Want::Value(want)) => assert_eq!(got, want, "{expr}"),
        (Ok(None), Want::Undefined) => {}
        (Err(e), Want::Code(code)) => assert_eq!(e.code(), Some(code), "{expr}: {e}"),
        (res, _) => panic!("{expr}: unexpected {res:?}"),
    }
}

#[test]
fn partition() {
    check(
        "$partition([1,2,3,4,5,6,7,8,9], 3)",
        json!(null),
        Want::Value(json!([[1, 2, 3], [4, 5, 6], [7, 8, 9]])),
    );
    check(
        "$partition($states.input.a, 2)",
        json!({"a": [0, 1, 2]}),
        Want::Value(json!([[0, 1], [2]])),
    );
    check("$partition([0], 5)", json!(null), Want::Value(json!([[0]])));
    check("$partition([], 2)", json!(null), Want::Value(json!([])));
    check("$partition([1], 0)", json!(null), Want::Code("D3050"));
    check("$partition([1], 1.5)", json!(null), Want::Code("T0410"));
    check("$partition([1])", json!(null), Want::Code("T0410"));
    check("$partition(missing, 2)", json!({}), Want::Undefined);
}

#[test]
fn range() {
    check(
        "$range(0, 9, 3)",
        json!(null),
        Want::Value(json!([0, 3, 6, 9])),
    );
    check(
        "$range(0, 10, 3)",
        json!(null),
        Want::Value(json!([0, 3, 6, 9])),
    );
    check("$range(1, 9, 9)", json!(null), Want::Value(json!(1)));
    check(
        "$range(10, 0, -5)",
        json!(null),
        Want::Value(json!([10, 5, 0])),
    );
    check("$range(0, 10, 0)", json!(null), Want::Code("D3050"));
    check("$range(0, 5000, 1)", json!(null), Want::Code("D2014"));
    check("$range(0, 'a', 1)", json!(null), Want::Code("T0410"));
}

#[test]
fn hash() {
    check(
        "$hash('abc', 'MD5')",
        json!(null),
        Want::Value(json!("900150983cd24fb0d6963f7d28e17f72")),
    );
    check(
        "$hash('abc', 'SHA-1')",
        json!(null),
        Want::Value(json!("a9993e364706816aba3e25717850c26c9cd0d89d")),
    );
    check(
        "$hash('abc', 'SHA-256')",
        json!(null),
        Want::Value(json!(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )),
    );
    check(
        "$length($hash('abc', 'SHA-384'))",
        json!(null),
        Want::Value(json!(96)),
    );
    check(
        "$length($hash('abc', 'SHA-512'))",
        json!(null),
        Want::Value(json!(128)),
    );
    check("$hash('abc', 'SHA-999')", json!(null), Want::Code("D3050"));
    check("$hash(1, 'MD5')", json!(null), Want::Code("T0410"));
}

#[test]
fn parse() {
    check("$parse('-0')", json!(null), Want::Value(json!(0)));
    check("$parse('1.1')", json!(null), Want::Value(json!(1.1)));
    check(
        "$parse($states.input)",
        json!("{\"Arg1\": 1, \"Arg2\": []}"),
        Want::Value(json!({"Arg1": 1, "Arg2": []})),
    );
    check(
        "$parse('[1, 2, \"x\"]')",
        json!(null),
        Want::Value(json!([1, 2, "x"])),
    );
    check("$parse('{')", json!(null), Want::Code("D3050"));
    check("$parse(1)", json!(null), Want::Code("T0410"));
}

#[test]
fn random_and_uuid() {
    check(
        "$random() >= 0 and $random() < 1",
        json!(null),
        Want::Value(json!(true)),
    );
    check(
        "$random(7) = $random(7)",
        json!(null),
        Want::Value(json!(true)),
    );
    check("$random('x')", json!(null), Want::Code("T0410"));
    check(
        "$match($uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) ? true : false",
        json!(null),
        Want::Value(json!(true)),
    );
    check("$uuid() != $uuid()", json!(null), Want::Value(json!(true)));
    check("$randomSeeded(1)", json!(null), Want::Code("T1006"));
}

#[test]
fn entropy_is_deterministic_and_drawn_on_demand() {
    struct Counting(SplitMix64, usize);
    impl Entropy for Counting {
        fn next_u64(&mut self) -> u64 {
            self.1 += 1;
            self.0.next_u64()
        }
        fn uuid_v4(&mut self) -> String {
            self.1 += 1;
            self.0.uuid_v4()
        }
    }
    let expression =
        Expression::parse("[$map([1,2,3], function($x) { $random() }), $uuid()]").expect("parses");
    let run = || {
        let mut entropy = Counting(SplitMix64::new(9), 0);
        let res = expression
            .evaluate(&json!(null), &Bindings::new(), &mut entropy)
            .expect("evaluates");
        (res, entropy.1)
    };
    let (first, n_draws) = run();
    assert_eq!(run().0, first);
    assert_eq!(n_draws, 4);
    let plain = Expression::parse("1 + 1").expect("parses");
    let mut entropy = Counting(SplitMix64::new(9), 0);
    assert_eq!(
        plain
            .evaluate(&json!(null), &Bindings::new(), &mut entropy)
            .expect("evaluates"),
        Some(json!(2))
    );
    assert_eq!(entropy.1, 0);
}

#[test]
fn aws_restrictions() {
    check("a ?: 1", json!({}), Want::Code("S0201"));
    check("a ?? 1", json!({}), Want::Code("S0201"));
    check("$eval('1 + 1')", json!(null), Want::Code("T1006"));
    check("a ? 1 : 2", json!({"a": true}), Want::Value(json!(1)));
    check(
        "$lookup({'eval': 1}, 'eval')",
        json!(null),
        Want::Value(json!(1)),
    );
}

#[test]
fn numbers_and_errors_leave_the_facade_in_javascript_form() {
    check("1 + 1", json!(null), Want::Value(json!(2)));
    check("7 / 2", json!(null), Want::Value(json!(3.5)));
    check(
        "$states.input.x * 2",
        json!({"x": 1.5}),
        Want::Value(json!(3)),
    );
    check("nothing", json!({}), Want::Undefined);
    let error = Expression::parse("$notAFunction(1)")
        .and_then(|e| e.evaluate(&json!(null), &Bindings::new(), &mut SplitMix64::new(0)))
        .expect_err("fails");
    assert_eq!(
        error.to_string(),
        "T1006: Attempted to invoke a non-function"
    );
    assert_eq!(error.message(), "Attempted to invoke a non-function");
}

#[test]
#[expect(
    clippy::disallowed_methods,
    reason = "the test measures that evaluation stops quickly"
)]
fn runaway_expressions_fail_quickly() {
    let limits = Limits {
        timeout: Duration::from_millis(500),
        ..Limits::default()
    };
    for expr in [
        "($f := function($x) { $f($x) + 1 }; $f(1))",
        "($f := function($x) { $f($x) }; $f(1))",
        "($f := function($x) { [$f($x), $f($x)] }; $f(1))",
    ] {
        let start = Instant::now();
        let res = Expression::parse(expr).and_then(|e| {
            e.evaluate_with(None, &Bindings::new(), &mut SplitMix64::new(0), &limits)
        });
        let error = res.expect_err(expr);
        assert!(
            matches!(error.code(), Some("D1011" | "D1012" | "U1001")),
            "{expr}: {error}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{expr} took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn a_session_keeps_each_expression_to_itself() {
    use jsonata::Session;
    let bindings = Bindings::new().with("states", json!({"input": {"n": 3}}));
    let mut session = Session::new(None, &bindings, &Limits::default());
    let mut entropy = SplitMix64::new(1);
    let bind = Expression::parse("($x := $states.input.n; $x * 2)").expect("parses");
    let read = Expression::parse("$x").expect("parses");
    let function = Expression::parse("function($v) { $v }").expect("parses");
    assert_eq!(session.evaluate(&bind, &mut entropy), Ok(Some(json!(6))));
    assert_eq!(session.evaluate(&read, &mut entropy), Ok(None));
    let error = session
        .evaluate(&function, &mut entropy)
        .expect_err("a function is not a JSON value");
    assert!(error.is_unsupported_result(), "{error}");
    assert_eq!(
        function.evaluate(&json!(null), &bindings, &mut entropy),
        Ok(None),
        "outside a state field, a function result is undefined"
    );
}
