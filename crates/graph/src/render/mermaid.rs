//! Mermaid flowcharts (`flowchart TD`): states as rounded nodes, Parallel and Map states as
//! subgraphs holding a subgraph per scope.
//!
//! Mermaid ids must be plain words, so nodes are `n<index>` and scopes `s<index>`, indexed as
//! in [`Graph::nodes`] and [`Graph::scopes`].

use std::fmt::Write as _;

use crate::metrics;
use crate::model::{EdgeKind, Graph, NodeKind, ScopeId};

/// The Mermaid source of `graph`.
///
/// # Example
///
/// ```
/// let definition = serde_json::json!({
///     "StartAt": "A",
///     "States": {"A": {"Type": "Pass", "End": true}}
/// });
/// let mermaid = graph::render_mermaid(&graph::Graph::from_definition(&definition));
/// assert!(mermaid.starts_with("flowchart TD\n"));
/// assert!(mermaid.contains("  n0 --> n1\n"));
/// ```
pub fn render_mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart TD\n");
    if !graph.scopes().is_empty() {
        scope(&mut out, graph, ScopeId::ROOT, 1);
    }
    for edge in graph.edges() {
        let arrow = match edge.kind {
            EdgeKind::Catch => "-.->",
            EdgeKind::Default => "==>",
            _ => "-->",
        };
        let label = edge
            .label
            .as_deref()
            .map(|label| format!("|{}|", text(label)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  n{} {arrow}{label} n{}",
            edge.from.index(),
            edge.to.index()
        );
    }
    if graph
        .nodes()
        .iter()
        .any(|node| node.kind == NodeKind::Missing)
    {
        out.push_str("  classDef missing stroke:#dc2626,stroke-dasharray:4 3,color:#991b1b\n");
    }
    out
}

/// The nodes of one scope, with a subgraph for each container.
fn scope(out: &mut String, graph: &Graph, scope: ScopeId, depth: usize) {
    let indent = "  ".repeat(depth);
    for &node_id in &graph.scope(scope).nodes {
        let node = graph.node(node_id);
        let id = node_id.index();
        if node.is_container() {
            let title = format!("{} ({})", node.name, metrics::type_label(node));
            let _ = writeln!(out, "{indent}subgraph n{id}[{}]", text(&title));
            let _ = writeln!(out, "{indent}  direction TB");
            for &child in &node.children {
                let _ = writeln!(
                    out,
                    "{indent}  subgraph s{}[{}]",
                    child.index(),
                    text(&graph.scope(child).title)
                );
                let _ = writeln!(out, "{indent}    direction TB");
                self::scope(out, graph, child, depth + 2);
                let _ = writeln!(out, "{indent}  end");
            }
            let _ = writeln!(out, "{indent}end");
            continue;
        }
        let shape = match &node.kind {
            NodeKind::Start => "((\"Start\"))".to_owned(),
            NodeKind::End => "(((\"End\")))".to_owned(),
            NodeKind::State(_) => format!("({})", label(&node.name, metrics::type_label(node))),
            NodeKind::Missing => format!(
                "[{}]:::missing",
                label(&node.name, metrics::type_label(node))
            ),
        };
        let _ = writeln!(out, "{indent}n{id}{shape}");
    }
}

/// A node label: the name over the type.
fn label(name: &str, type_label: &str) -> String {
    format!(
        "\"{}<br/><small>{}</small>\"",
        escape(name),
        escape(type_label)
    )
}

/// `text` as a quoted Mermaid string.
fn text(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// `text` with what Mermaid would read as markup written as entity codes.
fn escape(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => res.push_str("#quot;"),
            '<' => res.push_str("#lt;"),
            '>' => res.push_str("#gt;"),
            '&' => res.push_str("#amp;"),
            c if c.is_control() => res.push(' '),
            c => res.push(c),
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(text(r#"$.x < "a""#), "\"$.x #lt; #quot;a#quot;\"");
    }
}
