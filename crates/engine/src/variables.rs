//! Workflow variables: what `Assign` sets, scoped per frame.
//!
//! A frame owns the variables its states assign and reads, below them, a snapshot of the
//! variables visible where it was started (a Parallel branch or a Map iteration sees its
//! parent's). Nothing assigned inside a branch or an iteration is seen outside it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Payload;

/// The variables one frame can read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Vars {
    /// Assigned by this frame's states.
    own: Map<String, Value>,
    /// A snapshot (a JSON object) of the enclosing scopes, when the frame has a parent.
    outer: Option<Payload>,
}

impl Vars {
    /// The variables of a child frame: none of its own, and `outer` below.
    pub(crate) fn child(outer: Payload) -> Self {
        Vars {
            own: Map::new(),
            outer: Some(outer),
        }
    }

    /// Whether no variable is visible.
    pub(crate) fn is_empty(&self) -> bool {
        self.own.is_empty()
            && self
                .outer
                .as_ref()
                .and_then(|outer| outer.value().as_object())
                .is_none_or(Map::is_empty)
    }

    /// Every visible variable, inner names hiding outer ones.
    pub(crate) fn visible(&self) -> Map<String, Value> {
        let mut res = match self.outer.as_ref().map(Payload::value) {
            Some(Value::Object(outer)) => outer.clone(),
            _ => Map::new(),
        };
        for (name, value) in &self.own {
            res.insert(name.clone(), value.clone());
        }
        res
    }

    /// Visits every visible variable once, inner names hiding outer ones.
    pub(crate) fn for_each(&self, mut visit: impl FnMut(&str, &Value)) {
        if let Some(Value::Object(outer)) = self.outer.as_ref().map(Payload::value) {
            for (name, value) in outer {
                if !self.own.contains_key(name) {
                    visit(name, value);
                }
            }
        }
        for (name, value) in &self.own {
            visit(name, value);
        }
    }

    /// The first of these names that belongs to an enclosing scope, which this frame may
    /// read but not assign.
    pub(crate) fn outer_name<'n>(
        &self,
        names: impl IntoIterator<Item = &'n String>,
    ) -> Option<&'n String> {
        let outer = self.outer.as_ref()?.value().as_object()?;
        names
            .into_iter()
            .find(|name| outer.contains_key(name.as_str()))
    }

    /// Sets variables in this frame's own scope.
    pub(crate) fn assign(&mut self, assigned: Map<String, Value>) {
        for (name, value) in assigned {
            self.own.insert(name, value);
        }
    }
}

impl jsonpath::Variables for Vars {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.own.get(name).or_else(|| {
            self.outer
                .as_ref()
                .and_then(|outer| outer.value().as_object())
                .and_then(|outer| outer.get(name))
        })
    }
}
