//! What the graph tests share: reading fixtures, and the geometric invariants every layout
//! must keep.

#![allow(dead_code, reason = "not every test binary uses every helper")]

use std::path::{Path, PathBuf};

use graph::{Graph, Layout, NodeKind, Rect, ScopeId};
use serde_json::Value;

/// The directory of the definitions the tests draw.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The definition in `tests/fixtures/NAME.asl.json`.
pub(crate) fn fixture(name: &str) -> Value {
    read_json(&fixtures().join(format!("{name}.asl.json")))
}

pub(crate) fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// How far a point may be from a border and still be on it.
const TOLERANCE: f64 = 1e-6;

/// Panics with every way `layout` breaks the invariants of a drawing of `graph`:
/// coordinates are finite; every edge starts on its source's border and ends on its
/// target's; nodes and labels of one scope do not overlap; every node lies inside its
/// scope's box, and every nested scope inside its container.
pub(crate) fn check_geometry(graph: &Graph, layout: &Layout) {
    let mut problems = Vec::new();
    let drawing = layout.scope(ScopeId::ROOT);
    for &node_id in graph.scopes().iter().flat_map(|scope| &scope.nodes) {
        let node = graph.node(node_id);
        let rect = layout.node(node_id);
        if ![rect.x, rect.y, rect.width, rect.height]
            .iter()
            .all(|value| value.is_finite())
        {
            problems.push(format!("{}: not finite: {rect:?}", node.id));
        }
        let scope = layout.scope(node.scope);
        if !inside(rect, scope) {
            problems.push(format!(
                "{}: {rect:?} outside its scope's box {scope:?}",
                node.id
            ));
        }
        for &child in &node.children {
            let child_rect = layout.scope(child);
            if !inside(child_rect, rect) {
                problems.push(format!(
                    "{}: scope {child_rect:?} outside {rect:?}",
                    node.id
                ));
            }
        }
    }
    if !inside(
        drawing,
        Rect {
            x: 0.0,
            y: 0.0,
            width: layout.width,
            height: layout.height,
        },
    ) {
        problems.push(format!("the top level {drawing:?} is not the drawing"));
    }
    for (index, edge) in graph.edges().iter().enumerate() {
        let Some(route) = layout.edge(index) else {
            problems.push(format!("edge {index} has no route"));
            continue;
        };
        let from = graph.node(edge.from);
        let to = graph.node(edge.to);
        let (Some(first), Some(last)) = (route.points.first(), route.points.last()) else {
            problems.push(format!("{} -> {}: no points", from.id, to.id));
            continue;
        };
        if route.points.len() < 2 {
            problems.push(format!("{} -> {}: one point", from.id, to.id));
        }
        if !layout.node(edge.from).on_border(*first, TOLERANCE) {
            problems.push(format!(
                "{} -> {}: starts at {first:?}, off {:?}",
                from.id,
                to.id,
                layout.node(edge.from)
            ));
        }
        if !layout.node(edge.to).on_border(*last, TOLERANCE) {
            problems.push(format!(
                "{} -> {}: ends at {last:?}, off {:?}",
                from.id,
                to.id,
                layout.node(edge.to)
            ));
        }
        if edge.label.is_some() != route.label.is_some() {
            problems.push(format!("{} -> {}: label without a box", from.id, to.id));
        }
    }
    for scope in graph.scopes() {
        let mut boxes: Vec<(String, Rect)> = scope
            .nodes
            .iter()
            .map(|&node| (graph.node(node).id.clone(), layout.node(node)))
            .collect();
        for (index, edge) in graph.edges().iter().enumerate() {
            if graph.node(edge.from).scope == graph.node(scope.start).scope
                && let Some(label) = layout.edge(index).and_then(|route| route.label)
            {
                boxes.push((format!("label of edge {index}"), label));
            }
        }
        for (index, (name, rect)) in boxes.iter().enumerate() {
            for (other_name, other) in &boxes[index + 1..] {
                if overlap(*rect, *other) {
                    problems.push(format!("{name} {rect:?} overlaps {other_name} {other:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The number of states: nodes that are neither markers nor placeholders.
pub(crate) fn n_states(graph: &Graph) -> usize {
    graph
        .nodes()
        .iter()
        .filter(|node| matches!(node.kind, NodeKind::State(_)))
        .count()
}

fn inside(inner: Rect, outer: Rect) -> bool {
    inner.x >= outer.x - TOLERANCE
        && inner.y >= outer.y - TOLERANCE
        && inner.right() <= outer.right() + TOLERANCE
        && inner.bottom() <= outer.bottom() + TOLERANCE
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.x < b.right() - TOLERANCE
        && b.x < a.right() - TOLERANCE
        && a.y < b.bottom() - TOLERANCE
        && b.y < a.bottom() - TOLERANCE
}
