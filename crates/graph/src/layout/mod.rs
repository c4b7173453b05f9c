//! Where everything is drawn: a [`Layout`] gives every node and scope a rectangle and every
//! edge a polyline, in absolute coordinates.
//!
//! [`LayoutEngine`] is the seam: renderers only read a `Layout`, so another engine (dagre or
//! ELK run in the browser, say) can replace [`Layered`], the default, without touching them.

mod flat;
mod geometry;
mod layered;
mod order;
mod position;
mod rank;

pub use geometry::{Point, Rect};
pub use layered::Layered;

use crate::model::{Graph, NodeId, ScopeId};

/// Computes a [`Layout`] for a graph.
pub trait LayoutEngine {
    /// Lays `graph` out. Never fails: every node, scope and edge gets a place.
    fn layout(&self, graph: &Graph) -> Layout;
}

/// The geometry of a drawn graph, indexed like the graph's nodes, scopes and edges.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The width of the whole drawing.
    pub width: f64,
    /// The height of the whole drawing.
    pub height: f64,
    pub(crate) nodes: Vec<Rect>,
    pub(crate) scopes: Vec<Rect>,
    pub(crate) edges: Vec<EdgeRoute>,
}

/// How one edge is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeRoute {
    /// The polyline, from a point on the source's border to a point on the target's border.
    pub points: Vec<Point>,
    /// The box of the edge's label, if it has one.
    pub label: Option<Rect>,
}

impl Layout {
    /// Assembles a layout, for engines outside this crate; each vector is indexed like the
    /// graph's nodes, scopes and edges.
    pub fn new(
        width: f64,
        height: f64,
        nodes: Vec<Rect>,
        scopes: Vec<Rect>,
        edges: Vec<EdgeRoute>,
    ) -> Layout {
        Layout {
            width,
            height,
            nodes,
            scopes,
            edges,
        }
    }

    /// A node's box: a state's rounded rectangle, a container's outer box, a marker's
    /// bounding square. An unknown id gets an empty rectangle at the origin.
    pub fn node(&self, id: NodeId) -> Rect {
        self.nodes.get(id.index()).copied().unwrap_or_default()
    }

    /// A scope's box: the whole drawing for the top level, the titled box of a branch or an
    /// item processor inside its container. An unknown id gets an empty rectangle.
    pub fn scope(&self, id: ScopeId) -> Rect {
        self.scopes.get(id.index()).copied().unwrap_or_default()
    }

    /// The route of the edge at `index` in [`Graph::edges`], if there is one.
    pub fn edge(&self, index: usize) -> Option<&EdgeRoute> {
        self.edges.get(index)
    }
}

/// Lays `graph` out with the default engine, [`Layered`].
///
/// # Example
///
/// ```
/// let definition = serde_json::json!({
///     "StartAt": "A",
///     "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}
/// });
/// let graph = graph::Graph::from_definition(&definition);
/// let layout = graph::layout(&graph);
/// let a = layout.node(graph.find("/States/A").expect("A is a node"));
/// let b = layout.node(graph.find("/States/B").expect("B is a node"));
/// assert!(a.bottom() < b.y, "A is drawn above B");
/// ```
pub fn layout(graph: &Graph) -> Layout {
    Layered::default().layout(graph)
}
