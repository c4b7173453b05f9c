//! Graphviz DOT: states as rounded boxes, Parallel and Map states as clusters holding a
//! cluster per scope.
//!
//! An edge to or from a container is drawn to its first scope's start marker or from its
//! first scope's end marker, clipped at the container's cluster (`lhead`, `ltail`).

use std::fmt::Write as _;

use crate::metrics;
use crate::model::{EdgeKind, Graph, NodeId, NodeKind, ScopeId};

/// The DOT source of `graph`, for `dot -Tsvg` and friends.
///
/// # Example
///
/// ```
/// let definition = serde_json::json!({
///     "StartAt": "A",
///     "States": {"A": {"Type": "Pass", "End": true}}
/// });
/// let dot = graph::render_dot(&graph::Graph::from_definition(&definition));
/// assert!(dot.contains(r##""#start" -> "/States/A";"##));
/// ```
pub fn render_dot(graph: &Graph) -> String {
    let mut out = String::from(concat!(
        "digraph \"state machine\" {\n",
        "  graph [rankdir=TB, compound=true, fontname=\"Helvetica\", fontsize=11, nodesep=0.4, ranksep=0.45];\n",
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#94a3b8\", fontname=\"Helvetica\", fontsize=11];\n",
        "  edge [color=\"#64748b\", fontname=\"Helvetica\", fontsize=9];\n",
    ));
    if !graph.scopes().is_empty() {
        scope(&mut out, graph, ScopeId::ROOT, 1);
    }
    for edge in graph.edges() {
        let mut attributes = Vec::new();
        let from = endpoint(graph, edge.from, Side::Tail, &mut attributes);
        let to = endpoint(graph, edge.to, Side::Head, &mut attributes);
        if let Some(label) = &edge.label {
            attributes.push(format!("label={}", quoted(label)));
        }
        match edge.kind {
            EdgeKind::Catch => {
                attributes.push("style=dashed, color=\"#d97706\", fontcolor=\"#b45309\"".to_owned())
            }
            EdgeKind::Default => attributes.push("style=bold".to_owned()),
            _ => {}
        }
        let _ = write!(out, "  {} -> {}", quoted(&from), quoted(&to));
        if !attributes.is_empty() {
            let _ = write!(out, " [{}]", attributes.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// The nodes of one scope, with a cluster for each container.
fn scope(out: &mut String, graph: &Graph, scope: ScopeId, depth: usize) {
    let indent = "  ".repeat(depth);
    for &node_id in &graph.scope(scope).nodes {
        let node = graph.node(node_id);
        if node.is_container() {
            let _ = writeln!(
                out,
                "{indent}subgraph {} {{",
                quoted(&format!("cluster_{}", node.id))
            );
            let _ = writeln!(
                out,
                "{indent}  label={}; labeljust=l; style=\"rounded,filled\"; fillcolor=\"#f8fafc\"; color=\"#64748b\";",
                quoted(&format!("{} ({})", node.name, metrics::type_label(node)))
            );
            for &child in &node.children {
                let child_scope = graph.scope(child);
                let _ = writeln!(
                    out,
                    "{indent}  subgraph {} {{",
                    quoted(&format!("cluster_{}", child_scope.id))
                );
                let _ = writeln!(
                    out,
                    "{indent}    label={}; style=\"rounded,dashed\"; fillcolor=\"#ffffff\"; color=\"#cbd5e1\";",
                    quoted(&child_scope.title)
                );
                self::scope(out, graph, child, depth + 2);
                let _ = writeln!(out, "{indent}  }}");
            }
            let _ = writeln!(out, "{indent}}}");
            continue;
        }
        let attributes = match &node.kind {
            NodeKind::Start => "shape=circle, label=\"\", width=0.2, height=0.2, fixedsize=true, style=filled, fillcolor=\"#334155\", color=\"#334155\"".to_owned(),
            NodeKind::End => "shape=doublecircle, label=\"\", width=0.14, height=0.14, fixedsize=true, style=filled, fillcolor=\"#334155\", color=\"#334155\"".to_owned(),
            NodeKind::State(_) => format!("label={}", two_lines(&node.name, metrics::type_label(node))),
            NodeKind::Missing => format!(
                "label={}, style=\"rounded,dashed\", color=\"#dc2626\", fontcolor=\"#991b1b\"",
                two_lines(&node.name, metrics::type_label(node))
            ),
        };
        let _ = writeln!(out, "{indent}{} [{attributes}];", quoted(&node.id));
    }
}

#[derive(Clone, Copy)]
enum Side {
    Tail,
    Head,
}

/// The node an edge is drawn to or from: a container's first start or end marker, clipped
/// at its cluster.
fn endpoint(graph: &Graph, node_id: NodeId, side: Side, attributes: &mut Vec<String>) -> String {
    let node = graph.node(node_id);
    let Some(&first) = node.children.first() else {
        return node.id.clone();
    };
    let cluster = quoted(&format!("cluster_{}", node.id));
    let first = graph.scope(first);
    match side {
        Side::Tail => {
            attributes.push(format!("ltail={cluster}"));
            graph.node(first.end).id.clone()
        }
        Side::Head => {
            attributes.push(format!("lhead={cluster}"));
            graph.node(first.start).id.clone()
        }
    }
}

/// A DOT string of two lines.
fn two_lines(first: &str, second: &str) -> String {
    let quoted_first = quoted(first);
    let quoted_second = quoted(second);
    format!(
        "{}\\n{}",
        &quoted_first[..quoted_first.len() - 1],
        &quoted_second[1..]
    )
}

/// `text` as a quoted DOT id; line breaks become spaces.
fn quoted(text: &str) -> String {
    let mut res = String::with_capacity(text.len() + 2);
    res.push('"');
    for c in text.chars() {
        match c {
            '"' => res.push_str("\\\""),
            '\\' => res.push_str("\\\\"),
            c if c.is_control() => res.push(' '),
            c => res.push(c),
        }
    }
    res.push('"');
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted() {
        assert_eq!(quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(two_lines("A", "Task"), r#""A\nTask""#);
    }
}
