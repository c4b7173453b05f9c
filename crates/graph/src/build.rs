//! Building a [`Graph`] from a definition: one scope at a time, its states first (with the
//! scopes they hold), then its transitions.
//!
//! The definition is read as plain JSON, not through `asl`'s validated model, so that an
//! invalid definition still draws: whatever has the expected shape becomes a node or an edge,
//! and whatever does not is left out.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::label;
use crate::model::{
    Edge, EdgeKind, Graph, Node, NodeId, NodeKind, Scope, ScopeId, StateType, node_id, scope_id,
};

/// Builds the graph of `definition`.
pub(crate) fn build(definition: &Value) -> Graph {
    let mut builder = Builder::default();
    builder.scope(definition, "", String::new(), None);
    builder.graph
}

#[derive(Default)]
struct Builder {
    graph: Graph,
}

impl Builder {
    /// Adds the scope whose `StartAt` and `States` are in `object`, and every scope inside it.
    fn scope<'a>(
        &mut self,
        object: &'a Value,
        pointer: &'a str,
        title: String,
        parent: Option<NodeId>,
    ) -> ScopeId {
        let scope = scope_id(self.graph.scopes.len());
        self.graph.scopes.push(Scope {
            id: pointer.to_owned(),
            title,
            parent,
            start: NodeId(0),
            end: NodeId(0),
            nodes: Vec::new(),
        });
        let start = self.node(format!("{pointer}#start"), "Start", NodeKind::Start, scope);
        let empty = Map::new();
        let states = object
            .get("States")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut by_name = HashMap::new();
        for (name, state) in states {
            let state_pointer = format!("{pointer}/States/{}", escape(name));
            let state_type = StateType::of(state);
            let id = self.node(
                state_pointer.clone(),
                name,
                NodeKind::State(state_type.clone()),
                scope,
            );
            by_name.insert(name.as_str(), id);
            let children = self.children(state, &state_type, &state_pointer, id);
            self.graph.nodes[id.index()].children = children;
        }
        let end = self.node(format!("{pointer}#end"), "End", NodeKind::End, scope);
        let scope_mut = &mut self.graph.scopes[scope.index()];
        scope_mut.start = start;
        scope_mut.end = end;

        let mut targets = Targets {
            pointer,
            scope,
            by_name,
        };
        if let Some(start_at) = object.get("StartAt").and_then(Value::as_str) {
            let to = targets.resolve(self, start_at);
            self.edge(start, to, EdgeKind::Start, None);
        }
        for (name, state) in states {
            if let Some(&from) = targets.by_name.get(name.as_str()) {
                self.transitions(state, from, end, &mut targets);
            }
        }
        scope
    }

    /// Adds the scopes a Parallel or Map state holds, and returns them.
    fn children(
        &mut self,
        state: &Value,
        state_type: &StateType,
        pointer: &str,
        id: NodeId,
    ) -> Vec<ScopeId> {
        let mut res = Vec::new();
        match state_type {
            StateType::Parallel => {
                let branches = state.get("Branches").and_then(Value::as_array);
                for (branch_idx, branch) in branches.into_iter().flatten().enumerate() {
                    res.push(self.scope(
                        branch,
                        &format!("{pointer}/Branches/{branch_idx}"),
                        format!("Branch {branch_idx}"),
                        Some(id),
                    ));
                }
            }
            StateType::Map => {
                for (field, title) in [
                    ("ItemProcessor", "Item processor"),
                    ("Iterator", "Iterator"),
                ] {
                    if let Some(processor) = state.get(field).filter(|value| value.is_object()) {
                        res.push(self.scope(
                            processor,
                            &format!("{pointer}/{field}"),
                            title.to_owned(),
                            Some(id),
                        ));
                        break;
                    }
                }
            }
            _ => {}
        }
        res
    }

    /// Adds the edges leaving one state.
    fn transitions<'a>(
        &mut self,
        state: &'a Value,
        from: NodeId,
        end: NodeId,
        targets: &mut Targets<'a>,
    ) {
        let terminal = match StateType::of(state) {
            StateType::Choice => {
                let rules = state.get("Choices").and_then(Value::as_array);
                for rule in rules.into_iter().flatten() {
                    if let Some(next) = rule.get("Next").and_then(Value::as_str) {
                        let to = targets.resolve(self, next);
                        self.edge(from, to, EdgeKind::Choice, Some(label::choice_rule(rule)));
                    }
                }
                if let Some(default) = state.get("Default").and_then(Value::as_str) {
                    let to = targets.resolve(self, default);
                    self.edge(from, to, EdgeKind::Default, Some("Default".to_owned()));
                }
                false
            }
            StateType::Succeed | StateType::Fail => true,
            _ => {
                if let Some(next) = state.get("Next").and_then(Value::as_str) {
                    let to = targets.resolve(self, next);
                    self.edge(from, to, EdgeKind::Next, None);
                }
                state.get("End") == Some(&Value::Bool(true))
            }
        };
        if terminal {
            self.edge(from, end, EdgeKind::End, None);
        }
        let catchers = state.get("Catch").and_then(Value::as_array);
        for catcher in catchers.into_iter().flatten() {
            if let Some(next) = catcher.get("Next").and_then(Value::as_str) {
                let to = targets.resolve(self, next);
                self.edge(from, to, EdgeKind::Catch, Some(label::catcher(catcher)));
            }
        }
    }

    fn node(&mut self, id: String, name: &str, kind: NodeKind, scope: ScopeId) -> NodeId {
        let node = node_id(self.graph.nodes.len());
        self.graph.nodes.push(Node {
            id,
            name: name.to_owned(),
            kind,
            scope,
            children: Vec::new(),
        });
        self.graph.scopes[scope.index()].nodes.push(node);
        node
    }

    fn edge(&mut self, from: NodeId, to: NodeId, kind: EdgeKind, label: Option<String>) {
        self.graph.edges.push(Edge {
            from,
            to,
            kind,
            label,
        });
    }
}

/// The states a transition in one scope can name.
struct Targets<'a> {
    pointer: &'a str,
    scope: ScopeId,
    by_name: HashMap<&'a str, NodeId>,
}

impl<'a> Targets<'a> {
    /// The node named `name`; a placeholder, added once, if the scope has no such state.
    fn resolve(&mut self, builder: &mut Builder, name: &'a str) -> NodeId {
        if let Some(id) = self.by_name.get(name) {
            return *id;
        }
        let id = builder.node(
            format!("{}#missing/{name}", self.pointer),
            name,
            NodeKind::Missing,
            self.scope,
        );
        self.by_name.insert(name, id);
        id
    }
}

/// Escapes a state name for use in a JSON pointer (RFC 6901).
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}
