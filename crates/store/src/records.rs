//! The records a store keeps.

use serde::{Deserialize, Serialize};

/// STANDARD or EXPRESS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StateMachineType {
    /// Durable, exactly-once, with history.
    #[serde(rename = "STANDARD")]
    Standard,
    /// Short-lived, at-least-once, without stored history.
    #[serde(rename = "EXPRESS")]
    Express,
}

impl StateMachineType {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            StateMachineType::Standard => "STANDARD",
            StateMachineType::Express => "EXPRESS",
        }
    }
}

/// One state machine, at its latest revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateMachineRecord {
    /// `arn:aws:states:<region>:<account>:stateMachine:<name>`.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// STANDARD or EXPRESS; fixed at creation.
    pub kind: StateMachineType,
    /// The ASL definition text, exactly as the client sent it.
    pub definition: String,
    /// The IAM role ARN the client gave.
    pub role_arn: String,
    /// `loggingConfiguration` as the client gave it (or the default).
    pub logging_configuration: serde_json::Value,
    /// `tracingConfiguration` as the client gave it (or the default).
    pub tracing_configuration: serde_json::Value,
    /// Creation time, epoch milliseconds.
    pub creation_date_ms: i64,
    /// Time of the latest update, epoch milliseconds (the creation time until updated).
    pub update_date_ms: i64,
    /// Changes on every update that changes something; executions remember the revision they
    /// started on. Empty for the revision a machine was created with, which AWS does not report.
    pub revision_id: String,
    /// `description` given with the latest version, if any.
    pub description: Option<String>,
}

/// One activity: a named queue of tasks that workers poll for with `GetActivityTask`.
///
/// An activity has no configuration beyond its name, so its record never changes after it is
/// created; its tags are kept apart, like a state machine's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// `arn:aws:states:<region>:<account>:activity:<name>`.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// Creation time, epoch milliseconds.
    pub creation_date_ms: i64,
}

/// An execution's status, spelled as the API spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[expect(missing_docs, reason = "the variants are the API's own names")]
pub enum ExecutionStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
    PendingRedrive,
}

impl ExecutionStatus {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionStatus::Running => "RUNNING",
            ExecutionStatus::Succeeded => "SUCCEEDED",
            ExecutionStatus::Failed => "FAILED",
            ExecutionStatus::TimedOut => "TIMED_OUT",
            ExecutionStatus::Aborted => "ABORTED",
            ExecutionStatus::PendingRedrive => "PENDING_REDRIVE",
        }
    }

    /// Parses the API's spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "RUNNING" => ExecutionStatus::Running,
            "SUCCEEDED" => ExecutionStatus::Succeeded,
            "FAILED" => ExecutionStatus::Failed,
            "TIMED_OUT" => ExecutionStatus::TimedOut,
            "ABORTED" => ExecutionStatus::Aborted,
            "PENDING_REDRIVE" => ExecutionStatus::PendingRedrive,
            _ => return None,
        })
    }
}

/// One execution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExecutionRecord {
    /// `arn:aws:states:<region>:<account>:execution:<machine>:<name>`.
    pub arn: String,
    /// The state machine's (unqualified) ARN.
    pub state_machine_arn: String,
    /// The execution's name.
    pub name: String,
    /// Its status.
    pub status: ExecutionStatus,
    /// Start time, epoch milliseconds.
    pub start_date_ms: i64,
    /// Stop time, epoch milliseconds, once it has ended.
    pub stop_date_ms: Option<i64>,
    /// The input, as JSON text.
    pub input: String,
    /// The output, as JSON text, once it has succeeded.
    pub output: Option<String>,
    /// The error, once it has failed.
    pub error: Option<String>,
    /// The cause, once it has failed.
    pub cause: Option<String>,
    /// The definition text it runs (the revision current when it started).
    pub definition: String,
    /// The revision of the state machine it started on.
    pub revision_id: String,
    /// When that revision was made (the machine's creation or update date), epoch milliseconds.
    #[serde(default)]
    pub revision_date_ms: i64,
    /// The role ARN current when it started.
    pub role_arn: String,
    /// `traceHeader`, if the client gave one.
    pub trace_header: Option<String>,
    /// The interpreter's state, while it runs.
    pub state: Option<engine::Execution>,
}

impl ExecutionRecord {
    /// A RUNNING record for a new execution of `machine`, which keeps its own copy of the
    /// machine's current definition, revision and role.
    pub fn new_running(
        machine: &StateMachineRecord,
        arn: String,
        name: String,
        input: String,
        start_date_ms: i64,
    ) -> Self {
        ExecutionRecord {
            arn,
            state_machine_arn: machine.arn.clone(),
            name,
            status: ExecutionStatus::Running,
            start_date_ms,
            stop_date_ms: None,
            input,
            output: None,
            error: None,
            cause: None,
            definition: machine.definition.clone(),
            revision_id: machine.revision_id.clone(),
            revision_date_ms: machine.update_date_ms,
            role_arn: machine.role_arn.clone(),
            trace_header: None,
            state: None,
        }
    }
}

/// The ARN of a STANDARD execution named `name` of the state machine `machine_arn`.
pub fn execution_arn(machine_arn: &str, name: &str) -> String {
    format!(
        "{}:{name}",
        machine_arn.replacen(":stateMachine:", ":execution:", 1)
    )
}

/// The ARN of an EXPRESS execution named `name` of the state machine `machine_arn`; the id
/// keeps reused names apart.
pub fn express_execution_arn(machine_arn: &str, name: &str, id: &str) -> String {
    format!(
        "{}:{name}:{id}",
        machine_arn.replacen(":stateMachine:", ":express:", 1)
    )
}

/// A tag on a resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// Which page of a listing to read.
///
/// Tokens are opaque and bound to the listing that issued them: a token used with other
/// arguments (another state machine, status filter or direction) is an `InvalidToken`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// At most this many items (0 means the API's default of 100).
    pub max_results: usize,
    /// The token a previous page returned.
    pub next_token: Option<String>,
}

impl Page {
    /// The API's default page size, used when `max_results` is 0.
    pub const DEFAULT_SIZE: usize = 100;

    /// The first page, of the default size.
    pub fn first() -> Self {
        Page::default()
    }

    /// How many items this page holds at most.
    pub fn size(&self) -> usize {
        if self.max_results == 0 {
            Page::DEFAULT_SIZE
        } else {
            self.max_results
        }
    }
}
