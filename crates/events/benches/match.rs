//! Matching speed: 10,000 events against 100 rules with mixed operators, every event against
//! every rule, as a bus without an index would.
//!
//! Run with `cargo bench -p events`.

use events::Pattern;
use serde_json::{Value, json};

fn main() {
    divan::main();
}

const N_RULES: usize = 100;
const N_EVENTS: usize = 10_000;

/// Rule `index`, cycling through ten shapes of pattern that use every operator.
fn rule(index: usize) -> Pattern {
    let source = format!("app.service{}", index % 10);
    let pattern = match index % 10 {
        0 => json!({"source": [source], "detail-type": ["Order Placed"]}),
        1 => {
            json!({"source": [source], "detail": {"amount": [{"numeric": [">=", index, "<=", index * 10 + 5]}]}})
        }
        2 => {
            json!({"source": [{"prefix": "app.service2"}], "detail": {"state": [{"anything-but": ["cancelled", "failed"]}]}})
        }
        3 => {
            json!({"detail": {"customer": {"email": [{"suffix": {"equals-ignore-case": "@EXAMPLE.COM"}}]}}})
        }
        4 => json!({"detail": {"sourceIp": [{"cidr": format!("10.{}.0.0/16", index % 256)}]}}),
        5 => json!({"detail": {"path": [{"wildcard": format!("/orders/*/items/{index}")}]}}),
        6 => json!({"source": [source], "detail": {"coupon": [{"exists": false}]}}),
        7 => {
            json!({"$or": [{"detail": {"priority": ["high"]}}, {"detail": {"amount": [{"numeric": [">=", 900]}]}}]})
        }
        8 => json!({"detail": {"tags": [{"equals-ignore-case": "URGENT"}, "vip"]}}),
        _ => {
            json!({"source": [source], "detail": {"state": [{"anything-but": {"prefix": "test"}}]}})
        }
    };
    match Pattern::from_value(&pattern) {
        Ok(pattern) => pattern,
        Err(error) => panic!("rule {index} is not valid: {error}"),
    }
}

/// Event `index`: an order event whose fields vary so that every rule matches some events.
fn event(index: usize) -> Value {
    let states = ["placed", "shipped", "cancelled", "failed", "test-run"];
    json!({
        "version": "0",
        "id": format!("event-{index}"),
        "detail-type": if index.is_multiple_of(3) { "Order Placed" } else { "Order Shipped" },
        "source": format!("app.service{}", index % 10),
        "account": "123456789012",
        "time": "2026-01-01T00:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": {
            "amount": index % 1000,
            "state": states[(index / 10) % states.len()],
            "priority": if index.is_multiple_of(7) { "high" } else { "low" },
            "customer": {"email": format!("user{index}@{}", if index.is_multiple_of(2) { "Example.com" } else { "example.org" })},
            "sourceIp": format!("10.{}.{}.{}", index % 256, index % 200, index % 100),
            "path": format!("/orders/{index}/items/{}", index % 100),
            "tags": ["a", if index.is_multiple_of(4) { "Urgent" } else { "normal" }],
        },
    })
}

#[divan::bench(sample_count = 10)]
fn all_events_against_all_rules(bencher: divan::Bencher) {
    let rules: Vec<Pattern> = (0..N_RULES).map(rule).collect();
    let events: Vec<Value> = (0..N_EVENTS).map(event).collect();
    for (index, rule) in rules.iter().enumerate() {
        let n_matched = events.iter().filter(|event| rule.matches(event)).count();
        assert!(
            n_matched > 0 && n_matched < N_EVENTS,
            "rule {index} matches {n_matched} events; the mix should select some but not all"
        );
    }
    bencher.bench(|| {
        events
            .iter()
            .map(|event| rules.iter().filter(|rule| rule.matches(event)).count())
            .sum::<usize>()
    });
}
