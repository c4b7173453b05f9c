//! One compiled state: its type-specific part, its input/output processing and its
//! transition.

use jsonpath::{Expression, Path, PayloadTemplate, ReferencePath};
use serde_json::Value;

use super::{
    Catcher, ChoiceBranch, JsonataTemplate, QueryLanguage, Retrier, ScopeId, StateId, Template,
};

/// A state.
#[derive(Clone, Debug)]
pub struct State {
    /// Its name (unique within the whole definition).
    pub name: std::sync::Arc<str>,
    /// Its JSON pointer, `/States/Name` or deeper.
    pub pointer: String,
    /// What it does.
    pub kind: Kind,
    /// Its input and output processing.
    pub io: Io,
    /// Where it goes when it is done.
    pub transition: Transition,
    /// `Retry`, in order.
    pub retry: Vec<Retrier>,
    /// `Catch`, in order.
    pub catch: Vec<Catcher>,
    /// Whether any of its paths or templates reads the context object (`$$` or
    /// `$states.context`).
    pub uses_context: bool,
    /// The language its fields are written in.
    pub query_language: QueryLanguage,
    /// `Assign`: the variables it sets when it succeeds.
    pub assign: Option<Template>,
    /// JSONata `Arguments` (Task and Parallel).
    pub arguments: Option<JsonataTemplate>,
    /// JSONata `Output`.
    pub output: Option<JsonataTemplate>,
}

impl State {
    /// The history name of the state's type, as in `PassStateEntered`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Pass { .. } => "Pass",
            Kind::Task { .. } => "Task",
            Kind::Choice { .. } => "Choice",
            Kind::Wait(_) => "Wait",
            Kind::Succeed => "Succeed",
            Kind::Fail { .. } => "Fail",
            Kind::Parallel { .. } => "Parallel",
            Kind::Map(_) => "Map",
        }
    }
}

/// Where a state goes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// `Next`.
    Next(StateId),
    /// `End: true`, or a terminal state type.
    End,
}

/// `InputPath` or `OutputPath`: absent (meaning `$`), `null`, or a path.
#[derive(Clone, Debug)]
pub enum OptionalPath {
    /// Not given: the whole document.
    Default,
    /// `null`: an empty object.
    Null,
    /// A path.
    Path(Path),
}

/// `ResultPath`: absent (meaning `$`), `null` (discard the result), or a reference path.
#[derive(Clone, Debug)]
pub enum ResultPathSetting {
    /// Not given: the result replaces the input.
    Default,
    /// `null`: the result is discarded and the input passes through.
    Null,
    /// A reference path into the input.
    Path(ReferencePath),
}

/// Input and output processing (JSONPath).
#[derive(Clone, Debug)]
pub struct Io {
    /// `InputPath`.
    pub input_path: OptionalPath,
    /// `Parameters` (or a Map's `ItemSelector`-less `Parameters` on Task/Pass/Parallel).
    pub parameters: Option<PayloadTemplate>,
    /// `ResultSelector`.
    pub result_selector: Option<PayloadTemplate>,
    /// `ResultPath`.
    pub result_path: ResultPathSetting,
    /// `OutputPath`.
    pub output_path: OptionalPath,
}

/// A number given literally or by a path (`TimeoutSeconds` / `TimeoutSecondsPath`, ...).
#[derive(Clone, Debug)]
pub enum NumberSource {
    /// A literal.
    Literal(f64),
    /// A path into the state's effective input.
    Path(Path),
    /// A JSONata expression.
    Jsonata(JsonataTemplate),
}

/// What a Wait state waits for.
#[derive(Clone, Debug)]
pub enum WaitFor {
    /// `Seconds`.
    Seconds(u64),
    /// `Timestamp`.
    Timestamp(String),
    /// `SecondsPath`.
    SecondsPath(Path),
    /// `TimestampPath`.
    TimestampPath(Path),
    /// JSONata `Seconds` given as an expression.
    SecondsJsonata(JsonataTemplate),
    /// JSONata `Timestamp` given as an expression.
    TimestampJsonata(JsonataTemplate),
}

/// A Fail state's `Error` or `Cause`.
#[derive(Clone, Debug)]
pub enum FailField {
    /// Not given.
    None,
    /// A literal string.
    Literal(String),
    /// `ErrorPath` / `CausePath`: a path or an intrinsic.
    Expression(Expression),
    /// A JSONata expression.
    Jsonata(JsonataTemplate),
}

/// A Map state's own fields.
#[derive(Clone, Debug)]
pub struct MapState {
    /// `ItemProcessor` (or `Iterator`).
    pub processor: ScopeId,
    /// `ItemsPath`.
    pub items_path: OptionalPath,
    /// JSONata `Items`.
    pub items: Option<JsonataTemplate>,
    /// `ItemSelector` (or the older `Parameters`).
    pub item_selector: Option<Template>,
    /// `MaxConcurrency` / `MaxConcurrencyPath`.
    pub max_concurrency: Option<NumberSource>,
    /// `ToleratedFailurePercentage` / `...Path`.
    pub tolerated_failure_percentage: Option<NumberSource>,
    /// `ToleratedFailureCount` / `...Path`.
    pub tolerated_failure_count: Option<NumberSource>,
    /// `ProcessorConfig.Mode` is `DISTRIBUTED`.
    pub distributed: bool,
    /// `Label`, for distributed maps.
    pub label: Option<String>,
}

/// The type-specific part of a state.
#[derive(Clone, Debug)]
pub enum Kind {
    /// Pass.
    Pass {
        /// `Result`.
        result: Option<Value>,
    },
    /// Task.
    Task {
        /// `Resource`.
        resource: String,
        /// `TimeoutSeconds` / `TimeoutSecondsPath`.
        timeout: Option<NumberSource>,
        /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
        heartbeat: Option<NumberSource>,
    },
    /// Choice.
    Choice {
        /// `Choices`, each with its `Next`.
        rules: Vec<ChoiceBranch>,
        /// `Default`.
        default: Option<StateId>,
    },
    /// Wait.
    Wait(WaitFor),
    /// Succeed.
    Succeed,
    /// Fail.
    Fail {
        /// `Error` / `ErrorPath`.
        error: FailField,
        /// `Cause` / `CausePath`.
        cause: FailField,
    },
    /// Parallel.
    Parallel {
        /// `Branches`.
        branches: Vec<ScopeId>,
    },
    /// Map.
    Map(Box<MapState>),
}
