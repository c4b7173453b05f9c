//! State machine graphs: the model of a definition as nodes and edges, a layered layout with
//! nested containers, and renderers for SVG, Graphviz DOT and Mermaid.
//!
//! The crate is pure: it reads a definition as JSON, computes, and returns text.
//!
//! # Ids
//!
//! Every node and scope has a string id that stays the same as long as the definition does.
//! A state's id is its JSON pointer in the definition, as everywhere else in Statewright:
//! `/States/Fetch` at the top level, `/States/Par/Branches/0/States/A` in a Parallel branch,
//! `/States/Each/ItemProcessor/States/B` (or `/Iterator/States/B`) in a Map; `~` and `/` in
//! names are escaped as `~0` and `~1`.
//! A scope's id is the pointer of the object holding its `States` (`""` for the top level).
//! Markers and placeholders are not states, so their ids add a `#` part to their scope's id:
//! `#start` and `#end` at the top level, `/States/Par/Branches/0#start` in a branch, and
//! `#missing/Name` for a transition to a state `Name` that the scope does not have.
//! History events name states, not pointers: [`Graph::find_state`] turns a name into a node.
//!
//! ```
//! use std::collections::HashMap;
//!
//! use graph::{Graph, Status};
//!
//! let definition = serde_json::json!({
//!     "StartAt": "Check",
//!     "States": {
//!         "Check": {
//!             "Type": "Choice",
//!             "Choices": [{"Variable": "$.n", "NumericGreaterThan": 3, "Next": "Big"}],
//!             "Default": "Small"
//!         },
//!         "Big": {"Type": "Succeed"},
//!         "Small": {"Type": "Fail", "Error": "TooSmall"}
//!     }
//! });
//! let graph = Graph::from_definition(&definition);
//! let labels: Vec<_> = graph.edges().iter().filter_map(|edge| edge.label.as_deref()).collect();
//! assert_eq!(labels, ["$.n > 3", "Default"]);
//!
//! let layout = graph::layout(&graph);
//! let statuses = HashMap::from([("/States/Check".to_owned(), Status::Succeeded)]);
//! let svg = graph::render_svg(&graph, &layout, &statuses);
//! assert_eq!(svg.matches("data-state-id=").count(), 3);
//!
//! let mermaid = graph::render_mermaid(&graph);
//! assert!(mermaid.contains(r#"n1 -->|"$.n #gt; 3"| n2"#));
//! ```

mod build;
mod label;
pub mod layout;
mod metrics;
mod model;
pub mod render;
mod status;

pub use layout::{EdgeRoute, Layered, Layout, LayoutEngine, Point, Rect, layout};
pub use model::{Edge, EdgeKind, Graph, Node, NodeId, NodeKind, Scope, ScopeId, StateType};
pub use render::dot::render_dot;
pub use render::mermaid::render_mermaid;
pub use render::svg::render_svg;
pub use status::{Status, UnknownStatus};
