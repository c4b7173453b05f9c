//! Micro-benchmarks of parsing and evaluating a few ASL-shaped expressions.

use jsonata::{Bindings, Expression, SplitMix64};
use serde_json::{Value, json};

const EXPRESSIONS: &[&str] = &[
    "$states.input.items[price > 10].name",
    "{'total': $sum($states.input.items.(price * qty)), 'n': $count($states.input.items), 'sorted': $sort($states.input.items.name)}",
    "$partition($map($states.input.items, function($i) { $merge([$i, {'id': $uuid()}]) }), 8)",
];

fn main() {
    divan::main();
}

fn bindings() -> Bindings {
    let items: Vec<Value> = (0..40)
        .map(|idx| json!({"name": format!("item{idx}"), "price": idx, "qty": 2}))
        .collect();
    Bindings::new().with("states", json!({"input": {"items": items}}))
}

#[divan::bench(args = EXPRESSIONS)]
fn parse(text: &str) -> Expression {
    Expression::parse(divan::black_box(text)).expect("benchmark expressions parse")
}

#[divan::bench(args = EXPRESSIONS)]
fn evaluate(bencher: divan::Bencher, text: &str) {
    let expression = Expression::parse(text).expect("benchmark expressions parse");
    let bindings = bindings();
    let input = json!({});
    let mut entropy = SplitMix64::new(1);
    bencher.bench_local(|| {
        expression
            .evaluate(&input, &bindings, &mut entropy)
            .expect("benchmark expressions evaluate")
    });
}

/// One state's worth of fields: three expressions in one session, as the engine runs them.
#[divan::bench]
fn session_of_three(bencher: divan::Bencher) {
    let expressions: Vec<Expression> = [
        "$states.input.acc.count + 1",
        "$states.input.data",
        "$visits + 1",
    ]
    .iter()
    .map(|text| Expression::parse(text).expect("benchmark expressions parse"))
    .collect();
    let bindings = Bindings::new()
        .with(
            "states",
            json!({"input": {"acc": {"count": 1, "last": "S0"}, "data": {"id": "cust-42", "vals": [1, 2, 3]}}}),
        )
        .with("visits", json!(1));
    let mut entropy = SplitMix64::new(1);
    bencher.bench_local(|| {
        let mut session = jsonata::Session::new(None, &bindings, &jsonata::Limits::default());
        for expression in &expressions {
            session
                .evaluate(expression, &mut entropy)
                .expect("benchmark expressions evaluate");
        }
    });
}
