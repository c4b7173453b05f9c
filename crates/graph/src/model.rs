//! The graph model: nodes (states, start and end markers, placeholders for missing targets),
//! edges with their kinds and labels, and the scopes that nest inside Parallel and Map states.
//!
//! The ids of nodes and scopes are described in the crate's documentation.

use serde_json::Value;

/// The index of a node in [`Graph::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The node's position in [`Graph::nodes`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The index of a scope in [`Graph::scopes`]; the top level is always the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub(crate) u32);

impl ScopeId {
    /// The top-level scope.
    pub const ROOT: ScopeId = ScopeId(0);

    /// The scope's position in [`Graph::scopes`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A state machine as a graph, built by [`Graph::from_definition`].
///
/// Nodes are stored in definition order, each container before the states it holds, and
/// scopes likewise, the top level first and each nested scope after its parent.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub(crate) nodes: Vec<Node>,
    pub(crate) edges: Vec<Edge>,
    pub(crate) scopes: Vec<Scope>,
}

/// A node: a state, a scope's start or end marker, or a placeholder for a missing state.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The stable id (see the module documentation): a JSON pointer for a state.
    pub id: String,
    /// The state's name; `Start` or `End` for markers; the missing name for a placeholder.
    pub name: String,
    /// What the node stands for.
    pub kind: NodeKind,
    /// The scope the node is drawn in.
    pub scope: ScopeId,
    /// The scopes a Parallel state (one per branch) or a Map state (its item processor)
    /// holds; empty for every other node.
    pub children: Vec<ScopeId>,
}

impl Node {
    /// Whether the node is a state of the definition (not a marker or a placeholder).
    pub fn is_state(&self) -> bool {
        matches!(self.kind, NodeKind::State(_))
    }

    /// Whether the node holds nested scopes, and is drawn as a box around them.
    pub fn is_container(&self) -> bool {
        !self.children.is_empty()
    }
}

/// What a node stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// Where a scope starts; its one edge goes to the scope's `StartAt` state.
    Start,
    /// Where a scope ends; terminal states have an edge to it.
    End,
    /// A state of the definition.
    State(StateType),
    /// A state that a transition names but the scope does not have.
    Missing,
}

/// A state's `Type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateType {
    /// `Task`.
    Task,
    /// `Pass`.
    Pass,
    /// `Choice`.
    Choice,
    /// `Wait`.
    Wait,
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail,
    /// `Parallel`.
    Parallel,
    /// `Map`.
    Map,
    /// Any other `Type` (as written, empty if there is none), drawn as a plain state.
    Other(String),
}

impl StateType {
    /// The type of a state object, from its `Type` field.
    pub fn of(state: &Value) -> StateType {
        match state.get("Type").and_then(Value::as_str) {
            Some("Task") => StateType::Task,
            Some("Pass") => StateType::Pass,
            Some("Choice") => StateType::Choice,
            Some("Wait") => StateType::Wait,
            Some("Succeed") => StateType::Succeed,
            Some("Fail") => StateType::Fail,
            Some("Parallel") => StateType::Parallel,
            Some("Map") => StateType::Map,
            Some(other) => StateType::Other(other.to_owned()),
            None => StateType::Other(String::new()),
        }
    }

    /// The type as ASL spells it, or `Unknown` for a state without one.
    pub fn name(&self) -> &str {
        match self {
            StateType::Task => "Task",
            StateType::Pass => "Pass",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
            StateType::Other(name) if name.is_empty() => "Unknown",
            StateType::Other(name) => name,
        }
    }

    /// The lowercase word the renderers use in class names (`task`, `choice`, `other`).
    pub fn slug(&self) -> &'static str {
        match self {
            StateType::Task => "task",
            StateType::Pass => "pass",
            StateType::Choice => "choice",
            StateType::Wait => "wait",
            StateType::Succeed => "succeed",
            StateType::Fail => "fail",
            StateType::Parallel => "parallel",
            StateType::Map => "map",
            StateType::Other(_) => "other",
        }
    }
}

/// A transition, from a node to a node of the same scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Where the transition leaves.
    pub from: NodeId,
    /// Where it arrives.
    pub to: NodeId,
    /// Why it is there.
    pub kind: EdgeKind,
    /// Text to draw beside it: a Choice rule, `Default`, or a Catcher's error names.
    pub label: Option<String>,
}

/// Why an edge is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// From a scope's start marker to its `StartAt` state.
    Start,
    /// A state's `Next`.
    Next,
    /// A Choice rule's `Next`; labelled with the rule.
    Choice,
    /// A Choice state's `Default`; labelled `Default`.
    Default,
    /// A Catcher's `Next`; labelled with its `ErrorEquals`.
    Catch,
    /// From a terminal state (`End: true`, Succeed, Fail) to its scope's end marker.
    End,
}

impl EdgeKind {
    /// The lowercase word the renderers use in class names (`next`, `catch`).
    pub fn slug(self) -> &'static str {
        match self {
            EdgeKind::Start => "start",
            EdgeKind::Next => "next",
            EdgeKind::Choice => "choice",
            EdgeKind::Default => "default",
            EdgeKind::Catch => "catch",
            EdgeKind::End => "end",
        }
    }
}

/// A set of states with its own `StartAt`: the top level, a Parallel branch, or a Map's item
/// processor.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// The pointer of the object holding the scope's `States` (`""` for the top level,
    /// `/States/Par/Branches/0`, `/States/Each/ItemProcessor`).
    pub id: String,
    /// The title drawn on the scope's box: `Branch 0`, `Item processor`, `Iterator`; empty
    /// for the top level.
    pub title: String,
    /// The Parallel or Map state holding the scope; `None` for the top level.
    pub parent: Option<NodeId>,
    /// The scope's start marker.
    pub start: NodeId,
    /// The scope's end marker.
    pub end: NodeId,
    /// Every node drawn in the scope, markers and placeholders included.
    pub nodes: Vec<NodeId>,
}

impl Graph {
    /// Builds the graph of a definition.
    ///
    /// Anything that is not a valid definition is drawn as far as it can be: a transition to
    /// a state that does not exist goes to a placeholder node (`NodeKind::Missing`), fields
    /// of the wrong type are ignored, and a definition that is not an object is just the top
    /// level's start and end markers.
    ///
    /// # Example
    ///
    /// ```
    /// use graph::{EdgeKind, Graph};
    ///
    /// let definition = serde_json::json!({
    ///     "StartAt": "Hello",
    ///     "States": {"Hello": {"Type": "Pass", "End": true}}
    /// });
    /// let graph = Graph::from_definition(&definition);
    /// let hello = graph.find("/States/Hello").expect("a node per state");
    /// assert_eq!(graph.node(hello).name, "Hello");
    /// let kinds: Vec<EdgeKind> = graph.edges().iter().map(|edge| edge.kind).collect();
    /// assert_eq!(kinds, [EdgeKind::Start, EdgeKind::End]);
    /// ```
    pub fn from_definition(definition: &Value) -> Graph {
        crate::build::build(definition)
    }

    /// Every node: states, markers and placeholders.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Every edge.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// Every scope, the top level first.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// One node.
    ///
    /// # Panics
    ///
    /// If `id` is from another graph with more nodes.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// One scope.
    ///
    /// # Panics
    ///
    /// If `id` is from another graph with more scopes.
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.index()]
    }

    /// The node with a given string id (a state's JSON pointer, or a marker's id).
    pub fn find(&self, id: &str) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|node| node.id == id)
            .map(node_id)
    }

    /// The state with a given name, as history events name it.
    ///
    /// State names are unique in a valid definition; in an invalid one, this is the first.
    pub fn find_state(&self, name: &str) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|node| node.is_state() && node.name == name)
            .map(node_id)
    }

    /// The states, in definition order, without markers and placeholders.
    pub fn states(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|node| node.is_state())
    }
}

/// The id of the node at `index`.
pub(crate) fn node_id(index: usize) -> NodeId {
    NodeId(u32::try_from(index).unwrap_or(u32::MAX))
}

/// The id of the scope at `index`.
pub(crate) fn scope_id(index: usize) -> ScopeId {
    ScopeId(u32::try_from(index).unwrap_or(u32::MAX))
}
