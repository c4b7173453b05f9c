//! The compiled form of a definition: every state in one indexed table, every path and
//! template parsed once, every `Next` resolved to a `StateId`.
//!
//! A `Program` is built only from a definition that validation accepted; `compile` still
//! returns an error instead of panicking when it meets something it cannot use.

mod choice;
mod compile;
mod retry;
mod state;
mod template;

pub use choice::{ChoiceBranch, ChoiceRule, Comparison, Operand};
pub use compile::compile;
pub use retry::{Catcher, Retrier, error_matches};
pub use state::{
    FailField, Io, Kind, MapState, NumberSource, OptionalPath, ResultPathSetting, State,
    Transition, WaitFor,
};
pub use template::{FieldExpression, JsonataTemplate, QueryLanguage, Template};

/// The index of a state in `Program::states`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StateId(pub u32);

/// The index of a scope (the top level, a Parallel branch or a Map processor).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

/// A set of states with its own `StartAt`: the top level, a Parallel branch, or a Map's
/// item processor.
#[derive(Clone, Debug)]
pub struct Scope {
    /// The first state.
    pub start_at: StateId,
    /// The JSON pointer of the object that holds `StartAt` and `States`.
    pub pointer: String,
}

/// A compiled state machine.
#[derive(Clone, Debug)]
pub struct Program {
    /// Every state of every scope.
    pub states: Vec<State>,
    /// Every scope; scope 0 is the top level.
    pub scopes: Vec<Scope>,
    /// The top-level `TimeoutSeconds`.
    pub timeout_seconds: Option<u64>,
}

impl Program {
    /// The state with this id.
    pub fn state(&self, id: StateId) -> &State {
        &self.states[id.0 as usize]
    }

    /// The scope with this id.
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    /// The top-level scope.
    pub fn root(&self) -> ScopeId {
        ScopeId(0)
    }
}

/// Why a definition could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} at {location}")]
pub struct CompileError {
    /// What is wrong.
    pub message: String,
    /// The JSON pointer of the offending field.
    pub location: String,
}
