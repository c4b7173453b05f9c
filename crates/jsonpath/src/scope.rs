//! What an expression is evaluated against: the state input, the context object and the variables.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;

use serde_json::{Map, Value};

/// Workflow variables (set by `Assign`), looked up by name without the leading `$`.
pub trait Variables {
    /// The value bound to `name`, or `None` when the workflow never assigned it.
    fn variable(&self, name: &str) -> Option<&Value>;
}

/// The empty set of variables, for callers that have none.
struct NoVariables;

impl Variables for NoVariables {
    fn variable(&self, _name: &str) -> Option<&Value> {
        None
    }
}

static NO_VARIABLES: NoVariables = NoVariables;

impl Variables for Map<String, Value> {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

impl<S: BuildHasher> Variables for HashMap<String, Value, S> {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

/// The documents an expression reads: `$` is the input, `$$` the context object and `$name` a variable.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    input: &'a Value,
    context: &'a Value,
    variables: &'a dyn Variables,
}

impl<'a> Scope<'a> {
    /// A scope with no variables.
    pub fn new(input: &'a Value, context: &'a Value) -> Self {
        Scope {
            input,
            context,
            variables: &NO_VARIABLES,
        }
    }

    /// The same scope, with `$name` references resolved through `variables`.
    pub fn with_variables(self, variables: &'a dyn Variables) -> Self {
        Scope { variables, ..self }
    }

    /// The state input, which `$` paths select from.
    pub fn input(&self) -> &'a Value {
        self.input
    }

    /// The context object, which `$$` paths select from.
    pub fn context(&self) -> &'a Value {
        self.context
    }

    /// The variable called `name`, if it is bound.
    pub fn variable(&self, name: &str) -> Option<&'a Value> {
        self.variables.variable(name)
    }
}

impl fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("input", self.input)
            .field("context", self.context)
            .finish_non_exhaustive()
    }
}
