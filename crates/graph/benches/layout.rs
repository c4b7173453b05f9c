//! Layout speed on generated definitions: chains of Pass states, a chain of Tasks that all
//! catch into one handler, a Choice fanning out, and a Parallel state with many branches.
//!
//! Run with `cargo bench -p graph`.

use serde_json::{Map, Value, json};

fn main() {
    divan::main();
}

/// A chain of `n_states` Pass states.
fn chain(n_states: usize) -> Value {
    let mut states = Map::new();
    for index in 0..n_states {
        let state = if index + 1 == n_states {
            json!({"Type": "Pass", "End": true})
        } else {
            json!({"Type": "Pass", "Next": format!("S{}", index + 1)})
        };
        states.insert(format!("S{index}"), state);
    }
    json!({"StartAt": "S0", "States": states})
}

/// A chain of `n_states` Task states that all catch into one handler: many long edges.
fn catch_all(n_states: usize) -> Value {
    let mut definition = chain(n_states);
    let states = definition["States"]
        .as_object_mut()
        .expect("a chain has States");
    for state in states.values_mut() {
        state["Type"] = json!("Task");
        state["Resource"] = json!("arn:aws:states:::lambda:invoke");
        state["Catch"] = json!([{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]);
    }
    states.insert("Handler".to_owned(), json!({"Type": "Fail"}));
    definition
}

/// A Choice state with `n_rules` rules, each to its own chain of three states.
fn fan(n_rules: usize) -> Value {
    let mut states = Map::new();
    let rules: Vec<Value> = (0..n_rules)
        .map(|rule| json!({"Variable": "$.n", "NumericEquals": rule, "Next": format!("R{rule}A")}))
        .collect();
    states.insert(
        "Pick".to_owned(),
        json!({"Type": "Choice", "Choices": rules, "Default": "R0A"}),
    );
    for rule in 0..n_rules {
        states.insert(
            format!("R{rule}A"),
            json!({"Type": "Pass", "Next": format!("R{rule}B")}),
        );
        states.insert(
            format!("R{rule}B"),
            json!({"Type": "Pass", "Next": format!("R{rule}C")}),
        );
        states.insert(format!("R{rule}C"), json!({"Type": "Succeed"}));
    }
    json!({"StartAt": "Pick", "States": states})
}

/// A Parallel state with `n_branches` branches of five states each.
fn parallel(n_branches: usize) -> Value {
    let branches: Vec<Value> = (0..n_branches).map(|_| chain(5)).collect();
    json!({
        "StartAt": "Fan",
        "States": {"Fan": {"Type": "Parallel", "Branches": branches, "End": true}}
    })
}

#[divan::bench(args = [100, 500])]
fn pass_chain(bencher: divan::Bencher, n_states: usize) {
    let graph = graph::Graph::from_definition(&chain(n_states));
    bencher.bench(|| graph::layout(divan::black_box(&graph)));
}

#[divan::bench(args = [100])]
fn catch_all_chain(bencher: divan::Bencher, n_states: usize) {
    let graph = graph::Graph::from_definition(&catch_all(n_states));
    bencher.bench(|| graph::layout(divan::black_box(&graph)));
}

#[divan::bench(args = [10, 30])]
fn choice_fan(bencher: divan::Bencher, n_rules: usize) {
    let graph = graph::Graph::from_definition(&fan(n_rules));
    bencher.bench(|| graph::layout(divan::black_box(&graph)));
}

#[divan::bench(args = [20])]
fn parallel_branches(bencher: divan::Bencher, n_branches: usize) {
    let graph = graph::Graph::from_definition(&parallel(n_branches));
    bencher.bench(|| graph::layout(divan::black_box(&graph)));
}

#[divan::bench]
fn build_render_svg_chain_100(bencher: divan::Bencher) {
    let definition = chain(100);
    let statuses = std::collections::HashMap::new();
    bencher.bench(|| {
        let graph = graph::Graph::from_definition(divan::black_box(&definition));
        let layout = graph::layout(&graph);
        graph::render_svg(&graph, &layout, &statuses)
    });
}
