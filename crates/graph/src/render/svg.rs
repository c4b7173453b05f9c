//! A self-contained SVG of a laid-out graph, with a small default stylesheet.
//!
//! The drawing is made to be restyled: every state's `<g>` carries `data-state-id` (its
//! JSON pointer), `data-state-name`, the class `sw-node`, a class for its type
//! (`sw-type-task`, `sw-type-choice`, ...) and, if it has one, a class for its status
//! (`sw-status-running`, ...; see [`Status::class`]).
//! A console recolours a running execution by toggling status classes, with no new layout.
//! Markers and placeholders carry `data-node-id` instead, so that counting `data-state-id`
//! counts states.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::layout::{Layout, Point, Rect};
use crate::metrics::{self, LABEL_FONT, NAME_WIDTH_FONT, NODE_PADDING, TITLE_FONT, TYPE_FONT};
use crate::model::{EdgeKind, Graph, Node, NodeKind};
use crate::render::escape_xml;
use crate::status::Status;

/// The default stylesheet, with one colour per status.
pub const STYLE: &str = include_str!("style.css");

/// The corner radius of a state's box.
const NODE_RADIUS: f64 = 8.0;
/// The corner radius of a container's box.
const CONTAINER_RADIUS: f64 = 10.0;
/// The largest radius of the rounded bends of an edge.
const BEND_RADIUS: f64 = 8.0;

/// Draws `graph` as `layout` places it, each state coloured by its status in `statuses`
/// (keyed by node id; states without an entry get no status class).
///
/// # Example
///
/// ```
/// use std::collections::HashMap;
///
/// use graph::{Graph, Status};
///
/// let definition = serde_json::json!({
///     "StartAt": "Work",
///     "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}
/// });
/// let graph = Graph::from_definition(&definition);
/// let layout = graph::layout(&graph);
/// let statuses = HashMap::from([("/States/Work".to_owned(), Status::Running)]);
/// let svg = graph::render_svg(&graph, &layout, &statuses);
/// assert!(svg.contains(r#"class="sw-node sw-type-task sw-status-running" data-state-id="/States/Work""#));
/// ```
pub fn render_svg(graph: &Graph, layout: &Layout, statuses: &HashMap<String, Status>) -> String {
    let mut out = String::new();
    let (width, height) = (num(layout.width), num(layout.height));
    // Writing to a String cannot fail; here and below the results are ignored.
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="sw-graph" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">"#
    );
    let _ = writeln!(out, "<style>\n{STYLE}</style>");
    out.push_str(concat!(
        "<defs>\n",
        r#"<marker id="sw-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="sw-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker>"#,
        "\n",
        r#"<marker id="sw-arrow-catch" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="sw-arrowhead sw-arrowhead-catch" d="M0,0 L10,5 L0,10 z"/></marker>"#,
        "\n</defs>\n",
    ));
    let _ = writeln!(
        out,
        r#"<rect class="sw-background" width="{width}" height="{height}"/>"#
    );

    // Containers first, outermost first, so that everything inside is drawn over them.
    out.push_str("<g class=\"sw-containers\">\n");
    for (node_idx, node) in graph.nodes().iter().enumerate() {
        if node.is_container() {
            let rect = layout.nodes.get(node_idx).copied().unwrap_or_default();
            container(&mut out, graph, node, rect, statuses, layout);
        }
    }
    out.push_str("</g>\n<g class=\"sw-edges\">\n");
    for (edge_idx, edge) in graph.edges().iter().enumerate() {
        let Some(route) = layout.edge(edge_idx) else {
            continue;
        };
        if route.points.len() < 2 {
            continue;
        }
        let _ = write!(
            out,
            r#"<g class="sw-edge sw-edge-{}" data-from="{}" data-to="{}">"#,
            edge.kind.slug(),
            escape_xml(&graph.node(edge.from).id),
            escape_xml(&graph.node(edge.to).id),
        );
        let arrow = if edge.kind == EdgeKind::Catch {
            "sw-arrow-catch"
        } else {
            "sw-arrow"
        };
        let _ = write!(
            out,
            r#"<path d="{}" marker-end="url(#{arrow})"/>"#,
            path(&route.points)
        );
        if let (Some(label), Some(rect)) = (&edge.label, route.label) {
            let _ = write!(
                out,
                r#"<rect class="sw-label-bg" x="{}" y="{}" width="{}" height="{}" rx="3"/><text class="sw-label" x="{}" y="{}">{}</text>"#,
                num(rect.x),
                num(rect.y),
                num(rect.width),
                num(rect.height),
                num(rect.center().x),
                num(rect.center().y + LABEL_FONT * 0.35),
                escape_xml(label),
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"sw-nodes\">\n");
    for (node_idx, node) in graph.nodes().iter().enumerate() {
        if node.is_container() {
            continue;
        }
        let rect = layout.nodes.get(node_idx).copied().unwrap_or_default();
        match node.kind {
            NodeKind::Start | NodeKind::End => marker(&mut out, node, rect),
            NodeKind::State(_) | NodeKind::Missing => state(&mut out, node, rect, statuses),
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The opening tag of a node's group, with its classes and data attributes.
fn open_group(
    out: &mut String,
    node: &Node,
    extra_class: &str,
    statuses: &HashMap<String, Status>,
) {
    match &node.kind {
        NodeKind::State(state_type) => {
            let status = statuses
                .get(&node.id)
                .map(|status| format!(" {}", status.class()))
                .unwrap_or_default();
            let _ = write!(
                out,
                r#"<g class="sw-node{extra_class} sw-type-{}{status}" data-state-id="{}" data-state-name="{}">"#,
                state_type.slug(),
                escape_xml(&node.id),
                escape_xml(&node.name),
            );
        }
        _ => {
            let _ = write!(
                out,
                r#"<g class="sw-missing" data-node-id="{}">"#,
                escape_xml(&node.id)
            );
        }
    }
    let _ = write!(
        out,
        "<title>{} ({})</title>",
        escape_xml(&node.name),
        escape_xml(metrics::type_label(node))
    );
}

/// A state or a placeholder: a rounded box with the name over the type.
fn state(out: &mut String, node: &Node, rect: Rect, statuses: &HashMap<String, Status>) {
    open_group(out, node, "", statuses);
    let center = rect.center();
    let text_width = rect.width - 2.0 * NODE_PADDING;
    let _ = write!(
        out,
        r#"<rect class="sw-box" x="{}" y="{}" width="{}" height="{}" rx="{NODE_RADIUS}"/><text class="sw-name" x="{}" y="{}">{}</text><text class="sw-type" x="{}" y="{}">{}</text></g>"#,
        num(rect.x),
        num(rect.y),
        num(rect.width),
        num(rect.height),
        num(center.x),
        num(center.y - 2.0),
        escape_xml(&metrics::fit(&node.name, text_width, NAME_WIDTH_FONT)),
        num(center.x),
        num(center.y + 12.0),
        escape_xml(&metrics::fit(
            metrics::type_label(node),
            text_width,
            TYPE_FONT
        )),
    );
    out.push('\n');
}

/// A Parallel or Map state: a box with a header, and a titled box per scope it holds.
fn container(
    out: &mut String,
    graph: &Graph,
    node: &Node,
    rect: Rect,
    statuses: &HashMap<String, Status>,
    layout: &Layout,
) {
    open_group(out, node, " sw-container", statuses);
    let text_width = rect.width - 2.0 * NODE_PADDING;
    let _ = write!(
        out,
        r#"<rect class="sw-box" x="{}" y="{}" width="{}" height="{}" rx="{CONTAINER_RADIUS}"/><text class="sw-name" x="{}" y="{}">{}</text><text class="sw-type" x="{}" y="{}">{}</text></g>"#,
        num(rect.x),
        num(rect.y),
        num(rect.width),
        num(rect.height),
        num(rect.x + NODE_PADDING),
        num(rect.y + 19.0),
        escape_xml(&metrics::fit(&node.name, text_width, NAME_WIDTH_FONT)),
        num(rect.x + NODE_PADDING),
        num(rect.y + 33.0),
        escape_xml(&metrics::fit(
            metrics::type_label(node),
            text_width,
            TYPE_FONT
        )),
    );
    out.push('\n');
    for &child in &node.children {
        let scope = graph.scope(child);
        let frame = layout.scope(child);
        let _ = writeln!(
            out,
            r#"<g class="sw-scope" data-scope-id="{}"><rect class="sw-scope-box" x="{}" y="{}" width="{}" height="{}" rx="6"/><text class="sw-scope-title" x="{}" y="{}">{}</text></g>"#,
            escape_xml(&scope.id),
            num(frame.x),
            num(frame.y),
            num(frame.width),
            num(frame.height),
            num(frame.x + 8.0),
            num(frame.y + 15.0),
            escape_xml(&metrics::fit(&scope.title, frame.width - 16.0, TITLE_FONT)),
        );
    }
}

/// A start marker (a filled circle) or an end marker (a ring round a dot).
fn marker(out: &mut String, node: &Node, rect: Rect) {
    let center = rect.center();
    let radius = rect.width.min(rect.height) / 2.0;
    let (cx, cy) = (num(center.x), num(center.y));
    let id = escape_xml(&node.id);
    if node.kind == NodeKind::Start {
        let _ = writeln!(
            out,
            r#"<g class="sw-marker sw-start" data-node-id="{id}"><title>Start</title><circle cx="{cx}" cy="{cy}" r="{}"/></g>"#,
            num(radius)
        );
    } else {
        let _ = writeln!(
            out,
            r#"<g class="sw-marker sw-end" data-node-id="{id}"><title>End</title><circle class="sw-ring" cx="{cx}" cy="{cy}" r="{}"/><circle class="sw-dot" cx="{cx}" cy="{cy}" r="{}"/></g>"#,
            num(radius - 1.0),
            num(radius / 2.0)
        );
    }
}

/// The `d` of a polyline whose bends are rounded off by quadratic curves.
fn path(points: &[Point]) -> String {
    let mut res = String::new();
    let Some(first) = points.first() else {
        return res;
    };
    let _ = write!(res, "M{},{}", num(first.x), num(first.y));
    for index in 1..points.len() {
        let point = points[index];
        match points.get(index + 1) {
            Some(&next) => {
                let previous = points[index - 1];
                let radius = BEND_RADIUS
                    .min(distance(previous, point) / 2.0)
                    .min(distance(point, next) / 2.0);
                let before = toward(point, previous, radius);
                let after = toward(point, next, radius);
                let _ = write!(
                    res,
                    " L{},{} Q{},{} {},{}",
                    num(before.x),
                    num(before.y),
                    num(point.x),
                    num(point.y),
                    num(after.x),
                    num(after.y)
                );
            }
            None => {
                let _ = write!(res, " L{},{}", num(point.x), num(point.y));
            }
        }
    }
    res
}

fn distance(a: Point, b: Point) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The point `length` away from `from` in the direction of `to`.
fn toward(from: Point, to: Point, length: f64) -> Point {
    let total = distance(from, to);
    if total == 0.0 {
        return from;
    }
    Point::new(
        from.x + (to.x - from.x) * length / total,
        from.y + (to.y - from.y) * length / total,
    )
}

/// A coordinate with at most one decimal.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        // No `-0`.
        "0".to_owned()
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.01), "0");
    }

    #[test]
    fn bends_are_rounded() {
        let points = [
            Point::new(0.0, 0.0),
            Point::new(0.0, 40.0),
            Point::new(40.0, 40.0),
        ];
        assert_eq!(path(&points), "M0,0 L0,32 Q0,40 8,40 L40,40");
    }
}
