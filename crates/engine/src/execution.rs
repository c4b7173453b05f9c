//! The state of one execution, as the runtime persists it between events.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Payload;
use crate::event::{ExecutionContext, TaskId, TimerId};
use crate::variables::Vars;

/// Where an execution is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Not started yet.
    #[default]
    New,
    /// Running.
    Running,
    /// Ended with an output.
    Succeeded,
    /// Ended with an error.
    Failed,
    /// Ran past its `TimeoutSeconds`.
    TimedOut,
    /// Stopped by a client.
    Aborted,
}

impl Status {
    /// Whether the execution has ended.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Succeeded | Status::Failed | Status::TimedOut | Status::Aborted
        )
    }
}

/// An ASL failure: an error name and a cause, flowing through Retry and Catch as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The error name (`States.Timeout`, a custom name, ...).
    pub error: Option<String>,
    /// The cause.
    pub cause: Option<String>,
}

impl Failure {
    /// A failure with both parts.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Failure {
            error: Some(error.into()),
            cause: Some(cause.into()),
        }
    }

    /// The error name, or the empty string.
    pub fn error_name(&self) -> &str {
        self.error.as_deref().unwrap_or_default()
    }
}

/// Everything the interpreter needs to continue an execution after the next event.
///
/// The runtime stores it with the history in one commit and hands it back unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Execution {
    /// Where the execution is in its life.
    pub status: Status,
    /// The output, once it succeeded.
    pub output: Option<Payload>,
    /// The failure, once it failed, timed out or was aborted.
    pub failure: Option<Failure>,
    /// Who and what the execution is.
    pub context: ExecutionContext,
    /// The execution input.
    pub input: Option<Payload>,
    pub(crate) next_event_id: u64,
    pub(crate) frames: Vec<Option<Frame>>,
    pub(crate) free_frames: Vec<u32>,
    pub(crate) next_timer: u64,
    pub(crate) next_task: u64,
    /// The frame each pending timer belongs to; see `timer_due` for when it fires.
    pub(crate) timers: BTreeMap<TimerId, u32>,
    /// The frame waiting for each outstanding task; its `TaskWait` holds the rest.
    pub(crate) tasks: BTreeMap<TaskId, u32>,
    /// The timer for the execution's `TimeoutSeconds`.
    pub(crate) deadline_timer: Option<TimerId>,
    /// When each timer in `timers` fires, epoch milliseconds, so that a restarted runtime can
    /// start it again (see `Execution::pending`).
    #[serde(default)]
    pub(crate) timer_due: BTreeMap<TimerId, i64>,
    /// When `deadline_timer` fires, epoch milliseconds.
    #[serde(default)]
    pub(crate) deadline_due: Option<i64>,
}

impl Execution {
    /// How many history events the execution has recorded.
    pub fn event_count(&self) -> u64 {
        self.next_event_id.saturating_sub(1)
    }
}

/// Links a child frame (a Parallel branch or a Map iteration) to its parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ParentLink {
    pub(crate) frame: u32,
    pub(crate) index: u32,
}

/// A thread of control: the top level, a Parallel branch or a Map iteration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Frame {
    pub(crate) parent: Option<ParentLink>,
    /// The current state (an index into the program's states).
    pub(crate) state: u32,
    /// The current state's raw input.
    pub(crate) input: Payload,
    /// The `previousEventId` of the next event this frame records.
    pub(crate) prev: u64,
    /// The id of the current state's `...StateEntered` event.
    pub(crate) entered_id: u64,
    /// When the current state was entered, epoch milliseconds.
    pub(crate) entered_ms: i64,
    /// Attempts used per retrier of the current state.
    pub(crate) retry_counts: Vec<u32>,
    /// What the frame is doing.
    pub(crate) phase: Phase,
    /// Whether its events stay out of the history (a distributed Map's child execution).
    #[serde(default)]
    pub(crate) silent: bool,
    /// The `previousEventId` of the current state's `...StateEntered` event.
    #[serde(default)]
    pub(crate) entered_prev: u64,
    /// The workflow variables it can read.
    #[serde(default)]
    pub(crate) vars: Vars,
}

/// What a frame is doing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum Phase {
    /// About to enter its current state.
    Enter,
    /// A Map iteration about to record `MapIterationStarted` and enter its first state.
    IterationStart { index: u32 },
    /// Entered; about to run (or re-run, after a retry delay) the state's work.
    Act,
    /// Waiting for a Wait state's timer.
    Waiting { timer: TimerId, effective: Payload },
    /// Waiting out a retry delay.
    RetryDelay { timer: TimerId },
    /// Waiting for a task.
    Task(Box<TaskWait>),
    /// Waiting for Parallel branches or Map iterations.
    Children(Box<Fanout>),
}

/// A Task state's outstanding task: what its events report, its timers, and everything the
/// `ScheduleTask` command carried, so that a restarted runtime can hand the task out again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct TaskWait {
    pub(crate) task: TaskId,
    /// The `resourceType` task events report (`lambda`).
    pub(crate) resource_type: String,
    /// The `resource` task events report (`invoke`).
    pub(crate) resource: String,
    pub(crate) timeout_timer: Option<TimerId>,
    pub(crate) heartbeat_timer: Option<TimerId>,
    pub(crate) heartbeat_seconds: Option<u64>,
    pub(crate) started: bool,
    /// The Task state's whole `Resource` (`arn:aws:states:::lambda:invoke`).
    #[serde(default)]
    pub(crate) full_resource: String,
    /// The task's input: the effective parameters sent in `ScheduleTask`.
    #[serde(default = "null_payload")]
    pub(crate) input: Payload,
    /// The task's `TimeoutSeconds`, as evaluated when it was scheduled.
    #[serde(default)]
    pub(crate) timeout_seconds: Option<u64>,
    /// The token a worker or a callback quotes to report on the task.
    #[serde(default)]
    pub(crate) token: Option<String>,
    /// The resource is an activity: its events are `Activity*`, not `Task*`.
    #[serde(default)]
    pub(crate) activity: bool,
    /// The resource is a Lambda function's ARN: its events are `LambdaFunction*`.
    #[serde(default)]
    pub(crate) lambda: bool,
    /// `.waitForTaskToken`: the result comes with the token, after the hand-over.
    #[serde(default)]
    pub(crate) callback: bool,
    /// A callback task's hand-over has been recorded (`TaskSubmitted`).
    #[serde(default)]
    pub(crate) submitted: bool,
}

/// What a task saved before its input was recorded reports as its input.
fn null_payload() -> Payload {
    Payload::new(Value::Null)
}

/// A Parallel or Map state's children in flight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Fanout {
    pub(crate) is_map: bool,
    /// A distributed Map: its iterations are child executions with their own history.
    #[serde(default)]
    pub(crate) distributed: bool,
    /// A distributed Map's `MapRunStarted` event.
    #[serde(default)]
    pub(crate) map_run_started: u64,
    /// Parallel: the input every branch gets. Map: unused.
    pub(crate) branch_input: Payload,
    /// Map: the items, before `ItemSelector`.
    pub(crate) items: Vec<Value>,
    /// Map: the effective input, for `ItemSelector`'s `$`.
    pub(crate) effective: Payload,
    pub(crate) results: Vec<Value>,
    pub(crate) next_child: usize,
    pub(crate) running: Vec<u32>,
    pub(crate) max_concurrency: usize,
    pub(crate) n_failed: usize,
    pub(crate) tolerated_count: Option<u64>,
    pub(crate) tolerated_percentage: Option<f64>,
    /// The `previousEventId` for the next child's first event.
    pub(crate) pointer: u64,
    /// The id of the event that completed the last child.
    pub(crate) last_completion: u64,
    /// The variables every child starts with: the parent's, as they were at the start.
    #[serde(default)]
    pub(crate) vars: Option<Payload>,
}
