//! [`Layered`], the default engine: a layered (Sugiyama-style) layout of each scope, nested
//! bottom-up.
//!
//! Scopes are laid out innermost first.
//! A Parallel or Map state is then a box big enough for its scopes side by side, under a
//! header with its name, and the scope around it treats it as one big node.
//! A last pass, outermost first, turns every scope's local coordinates into absolute ones.

use crate::layout::flat::{self, FlatEdge, FlatGraph, FlatLayout, Spacing};
use crate::layout::geometry::{Point, Rect};
use crate::layout::{EdgeRoute, Layout, LayoutEngine};
use crate::metrics::{
    self, NAME_WIDTH_FONT, NODE_MAX_WIDTH, NODE_MIN_WIDTH, NODE_PADDING, TITLE_FONT, TYPE_FONT,
};
use crate::model::{EdgeKind, Graph, NodeId, ScopeId};

/// How strongly a Catch edge pulls its ends into line, next to 1 for the main flow: the
/// happy path stays straight and error paths bend around it.
const CATCH_WEIGHT: f64 = 0.25;

/// The height of a container's header, which holds its name and type.
pub(crate) const CONTAINER_HEADER: f64 = 42.0;
/// The padding between a container's border and its scopes.
pub(crate) const CONTAINER_PADDING: f64 = 12.0;
/// The space between two scopes side by side in a container.
pub(crate) const SCOPE_GAP: f64 = 16.0;
/// The height of a nested scope's title strip.
pub(crate) const SCOPE_TITLE: f64 = 22.0;
/// The padding between a nested scope's border and its content.
pub(crate) const SCOPE_PADDING: f64 = 14.0;

/// The default layout engine: layered, top to bottom, with nested containers.
///
/// Within a scope: cycles are broken by reversing depth-first back edges, nodes are ranked
/// by longest path (the start marker alone on top, the end marker alone at the bottom), long
/// edges become chains of points with one on every rank they cross, barycentre sweeps order
/// each rank, and each vertex is placed as close as spacing allows to the mean of its
/// neighbours. Every edge spans at least two ranks, so each has a point of its own under its
/// source where its label sits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layered {
    /// The horizontal space between two nodes of one rank.
    pub node_sep: f64,
    /// The horizontal space between an edge and anything else on its rank.
    pub edge_sep: f64,
    /// The vertical space between two ranks of nodes.
    pub rank_sep: f64,
    /// The margin around the whole drawing.
    pub margin: f64,
}

impl Default for Layered {
    fn default() -> Self {
        Layered {
            node_sep: 36.0,
            edge_sep: 14.0,
            rank_sep: 40.0,
            margin: 16.0,
        }
    }
}

impl LayoutEngine for Layered {
    fn layout(&self, graph: &Graph) -> Layout {
        let n_scopes = graph.scopes().len();
        if n_scopes == 0 {
            return Layout::default();
        }
        let spacing = Spacing {
            node_sep: self.node_sep,
            edge_sep: self.edge_sep,
            rank_sep: self.rank_sep,
            loop_reach: 18.0,
        };
        let mut sizes: Vec<(f64, f64)> = graph.nodes().iter().map(metrics::node_size).collect();
        let mut scope_edges = vec![Vec::new(); n_scopes];
        for (edge_idx, edge) in graph.edges().iter().enumerate() {
            let scope = graph.node(edge.from).scope;
            if graph.node(edge.to).scope == scope {
                scope_edges[scope.index()].push(edge_idx);
            }
        }

        // Innermost first: scopes come after their parents, so backwards.
        let mut locals: Vec<Option<FlatLayout>> = (0..n_scopes).map(|_| None).collect();
        let mut scope_sizes = vec![(0.0, 0.0); n_scopes];
        let mut local_index = vec![usize::MAX; graph.nodes().len()];
        for scope_idx in (0..n_scopes).rev() {
            let scope = &graph.scopes()[scope_idx];
            for (local, &node) in scope.nodes.iter().enumerate() {
                local_index[node.index()] = local;
                let children = &graph.node(node).children;
                if !children.is_empty() {
                    sizes[node.index()] = container_size(graph, node, children, &scope_sizes);
                }
            }
            let flat_graph = FlatGraph {
                sizes: scope.nodes.iter().map(|node| sizes[node.index()]).collect(),
                edges: scope_edges[scope_idx]
                    .iter()
                    .map(|&edge_idx| {
                        let edge = &graph.edges()[edge_idx];
                        FlatEdge {
                            from: local_index[edge.from.index()],
                            to: local_index[edge.to.index()],
                            label: edge.label.as_deref().map(metrics::label_size),
                            weight: if edge.kind == EdgeKind::Catch {
                                CATCH_WEIGHT
                            } else {
                                1.0
                            },
                        }
                    })
                    .collect(),
                start: Some(local_index[scope.start.index()])
                    .filter(|&local| local < scope.nodes.len()),
                end: Some(local_index[scope.end.index()])
                    .filter(|&local| local < scope.nodes.len()),
            };
            let local = flat::layout(&flat_graph, spacing);
            scope_sizes[scope_idx] = if scope_idx == 0 {
                (
                    local.width + 2.0 * self.margin,
                    local.height + 2.0 * self.margin,
                )
            } else {
                let title = metrics::text_width(&scope.title, TITLE_FONT);
                (
                    local.width.max(title) + 2.0 * SCOPE_PADDING,
                    local.height + SCOPE_TITLE + SCOPE_PADDING,
                )
            };
            locals[scope_idx] = Some(local);
        }

        // Outermost first: place each scope's content in its box, then its containers' scopes.
        let mut nodes = vec![Rect::default(); graph.nodes().len()];
        let mut scopes = vec![Rect::default(); n_scopes];
        let mut edges = vec![EdgeRoute::default(); graph.edges().len()];
        let (root_width, root_height) = scope_sizes[0];
        scopes[0] = Rect {
            x: 0.0,
            y: 0.0,
            width: root_width,
            height: root_height,
        };
        for scope_idx in 0..n_scopes {
            let Some(local) = &locals[scope_idx] else {
                continue;
            };
            let scope = &graph.scopes()[scope_idx];
            let frame = scopes[scope_idx];
            let top = if scope_idx == 0 {
                self.margin
            } else {
                SCOPE_TITLE
            };
            let origin = Point::new(frame.x + (frame.width - local.width) / 2.0, frame.y + top);
            for (local_idx, &node) in scope.nodes.iter().enumerate() {
                let center = local.centers[local_idx];
                let (width, height) = sizes[node.index()];
                let rect = Rect::centered(
                    Point::new(origin.x + center.x, origin.y + center.y),
                    width,
                    height,
                );
                nodes[node.index()] = rect;
                place_children(graph, node, rect, &scope_sizes, &mut scopes);
            }
            for (local_idx, &edge_idx) in scope_edges[scope_idx].iter().enumerate() {
                let route = &local.routes[local_idx];
                edges[edge_idx] = EdgeRoute {
                    points: route
                        .points
                        .iter()
                        .map(|point| Point::new(point.x + origin.x, point.y + origin.y))
                        .collect(),
                    label: route
                        .label
                        .map(|label| label.translated(origin.x, origin.y)),
                };
            }
        }
        Layout::new(root_width, root_height, nodes, scopes, edges)
    }
}

/// The size of a container: its header over its scopes side by side.
fn container_size(
    graph: &Graph,
    node: NodeId,
    children: &[ScopeId],
    scope_sizes: &[(f64, f64)],
) -> (f64, f64) {
    let name = graph.node(node);
    let header = (metrics::text_width(&name.name, NAME_WIDTH_FONT)
        .max(metrics::text_width(metrics::type_label(name), TYPE_FONT))
        + 2.0 * NODE_PADDING)
        .clamp(NODE_MIN_WIDTH, NODE_MAX_WIDTH);
    let (row_width, row_height) = row(children, scope_sizes);
    (
        header.max(row_width + 2.0 * CONTAINER_PADDING).ceil(),
        CONTAINER_HEADER + row_height + CONTAINER_PADDING,
    )
}

/// The width and height of scopes side by side.
fn row(children: &[ScopeId], scope_sizes: &[(f64, f64)]) -> (f64, f64) {
    let width: f64 = children
        .iter()
        .map(|child| scope_sizes[child.index()].0)
        .sum::<f64>()
        + SCOPE_GAP * children.len().saturating_sub(1) as f64;
    let height = children
        .iter()
        .map(|child| scope_sizes[child.index()].1)
        .fold(0.0, f64::max);
    (width, height)
}

/// Places a container's scopes side by side under its header, all as tall as the tallest.
fn place_children(
    graph: &Graph,
    node: NodeId,
    rect: Rect,
    scope_sizes: &[(f64, f64)],
    scopes: &mut [Rect],
) {
    let children = &graph.node(node).children;
    let (row_width, row_height) = row(children, scope_sizes);
    let mut x = rect.x + (rect.width - row_width) / 2.0;
    for child in children {
        let width = scope_sizes[child.index()].0;
        scopes[child.index()] = Rect {
            x,
            y: rect.y + CONTAINER_HEADER,
            width,
            height: row_height,
        };
        x += width + SCOPE_GAP;
    }
}
