//! The graph model of the fixtures: how many nodes and edges of each kind, the ids of nested
//! states, the labels, and what an invalid definition becomes.

mod common;

use graph::{EdgeKind, Graph, NodeKind, StateType};

/// A one-line summary of the graph of `tests/fixtures/NAME.asl.json`.
fn check(name: &str, expected: &str) {
    let graph = Graph::from_definition(&common::fixture(name));
    let count = |kind: &NodeKind| {
        graph
            .nodes()
            .iter()
            .filter(|node| &node.kind == kind)
            .count()
    };
    let n_edges = |kind: EdgeKind| {
        graph
            .edges()
            .iter()
            .filter(|edge| edge.kind == kind)
            .count()
    };
    let summary = format!(
        "states {}, markers {}, missing {}, scopes {}; edges: start {}, next {}, choice {}, default {}, catch {}, end {}",
        common::n_states(&graph),
        count(&NodeKind::Start) + count(&NodeKind::End),
        count(&NodeKind::Missing),
        graph.scopes().len(),
        n_edges(EdgeKind::Start),
        n_edges(EdgeKind::Next),
        n_edges(EdgeKind::Choice),
        n_edges(EdgeKind::Default),
        n_edges(EdgeKind::Catch),
        n_edges(EdgeKind::End),
    );
    assert_eq!(summary, expected, "{name}");
}

/// The labels of the graph's edges, in order.
fn labels(graph: &Graph) -> Vec<&str> {
    graph
        .edges()
        .iter()
        .filter_map(|edge| edge.label.as_deref())
        .collect()
}

#[test]
fn choice_with_default() {
    check(
        "choice-default",
        "states 5, markers 2, missing 0, scopes 1; edges: start 1, next 2, choice 2, default 1, catch 0, end 2",
    );
    let graph = Graph::from_definition(&common::fixture("choice-default"));
    assert_eq!(
        labels(&graph),
        [
            "$.n > 100",
            r#"$.n >= 10 and $.kind == "special""#,
            "Default"
        ]
    );
}

#[test]
fn catch() {
    check(
        "catch",
        "states 4, markers 2, missing 0, scopes 1; edges: start 1, next 2, choice 0, default 0, catch 2, end 2",
    );
    let graph = Graph::from_definition(&common::fixture("catch"));
    assert_eq!(
        labels(&graph),
        ["Payments.Declined", "States.Timeout, States.TaskFailed"]
    );
}

#[test]
fn parallel_with_two_branches() {
    check(
        "parallel",
        "states 7, markers 6, missing 0, scopes 3; edges: start 3, next 3, choice 0, default 0, catch 1, end 4",
    );
    let graph = Graph::from_definition(&common::fixture("parallel"));
    let both = graph
        .find("/States/Both")
        .expect("the Parallel state is a node");
    let branches: Vec<(&str, &str)> = graph
        .node(both)
        .children
        .iter()
        .map(|&scope| {
            (
                graph.scope(scope).id.as_str(),
                graph.scope(scope).title.as_str(),
            )
        })
        .collect();
    assert_eq!(
        branches,
        [
            ("/States/Both/Branches/0", "Branch 0"),
            ("/States/Both/Branches/1", "Branch 1")
        ]
    );
    let wait = graph
        .find("/States/Both/Branches/1/States/Wait a bit")
        .expect("a nested state's id is its pointer");
    assert_eq!(graph.node(wait).name, "Wait a bit");
    assert_eq!(graph.node(wait).kind, NodeKind::State(StateType::Wait));
    assert_eq!(graph.find_state("Wait a bit"), Some(wait));
    let markers: Vec<&str> = graph
        .nodes()
        .iter()
        .filter(|node| !node.is_state())
        .map(|node| node.id.as_str())
        .collect();
    assert_eq!(
        markers,
        [
            "#start",
            "/States/Both/Branches/0#start",
            "/States/Both/Branches/0#end",
            "/States/Both/Branches/1#start",
            "/States/Both/Branches/1#end",
            "#end"
        ]
    );
}

#[test]
fn map_with_item_processor() {
    check(
        "map",
        "states 4, markers 4, missing 0, scopes 2; edges: start 2, next 0, choice 1, default 1, catch 0, end 3",
    );
    let graph = Graph::from_definition(&common::fixture("map"));
    let process = graph
        .find("/States/Each order/ItemProcessor/States/Process")
        .expect("a state of an item processor");
    let scope = graph.scope(graph.node(process).scope);
    assert_eq!(scope.title, "Item processor");
    assert_eq!(scope.parent, graph.find("/States/Each order"));
}

#[test]
fn jsonata_machine() {
    check(
        "jsonata",
        "states 5, markers 2, missing 0, scopes 1; edges: start 1, next 3, choice 2, default 1, catch 1, end 1",
    );
    let graph = Graph::from_definition(&common::fixture("jsonata"));
    assert_eq!(
        labels(&graph),
        [
            "$states.input.priority = 'high'",
            "$count($states.input.items) > 10 and $s…",
            "Default",
            "States.ALL"
        ]
    );
}

// Missing targets become placeholders, once per name and scope; the old `Iterator` is a
// scope like `ItemProcessor`.
#[test]
fn invalid_definition() {
    check(
        "invalid",
        "states 3, markers 4, missing 3, scopes 2; edges: start 2, next 1, choice 1, default 1, catch 0, end 1",
    );
    let graph = Graph::from_definition(&common::fixture("invalid"));
    let missing: Vec<&str> = graph
        .nodes()
        .iter()
        .filter(|node| node.kind == NodeKind::Missing)
        .map(|node| node.id.as_str())
        .collect();
    assert_eq!(
        missing,
        [
            "/States/Items/Iterator#missing/Missing inside",
            "#missing/Typo",
            "#missing/Nowhere"
        ]
    );
    let strange = graph
        .find("/States/Strange")
        .expect("an unknown type is still a state");
    assert_eq!(
        graph.node(strange).kind,
        NodeKind::State(StateType::Other("Teleport".to_owned()))
    );
    let self_loop = graph
        .edges()
        .iter()
        .find(|edge| edge.kind == EdgeKind::Choice)
        .expect("the Choice rule is an edge");
    assert_eq!(self_loop.from, self_loop.to);
}

#[test]
fn names_with_slashes_and_tildes_are_escaped() {
    let graph = Graph::from_definition(&serde_json::json!({
        "StartAt": "a/b~c",
        "States": {"a/b~c": {"Type": "Succeed"}}
    }));
    assert!(graph.find("/States/a~1b~0c").is_some());
}

#[test]
fn what_is_not_a_definition_is_just_the_markers() {
    for definition in [
        serde_json::json!(null),
        serde_json::json!([1, 2]),
        serde_json::json!({"StartAt": 3, "States": []}),
    ] {
        let graph = Graph::from_definition(&definition);
        assert_eq!(graph.nodes().len(), 2, "{definition}");
        assert!(graph.edges().is_empty(), "{definition}");
    }
}
