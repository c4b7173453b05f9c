//! What goes into `step` (an `Event`) and what comes out (a `Step` with its `Command`s).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Execution, HistoryEvent};

/// Identifies a task handed to the runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TaskId(pub u64);

/// Identifies a timer the runtime keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TimerId(pub u64);

/// Who and what an execution is: the parts of the context object fixed at its start.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExecutionContext {
    /// The execution's ARN (`$$.Execution.Id`).
    pub execution_arn: String,
    /// The execution's name.
    pub name: String,
    /// The role ARN the state machine runs with.
    pub role_arn: String,
    /// The state machine's ARN.
    pub state_machine_arn: String,
    /// The state machine's name.
    pub state_machine_name: String,
    /// The start time, epoch milliseconds.
    pub start_time_ms: i64,
}

/// Something that happened to an execution, fed into `step`.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// When it happened, epoch milliseconds. Every history event the step records gets it.
    pub now_ms: i64,
    /// Fresh randomness for anything the step draws (UUIDs, jitter, `States.MathRandom`).
    pub seed: u64,
    /// What happened.
    pub kind: EventKind,
}

/// The kinds of `Event`.
#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// The execution starts with this input.
    Start {
        /// The execution input.
        input: Value,
        /// Who and what the execution is.
        context: ExecutionContext,
    },
    /// A timer the engine asked for has fired.
    TimerFired {
        /// Which one.
        timer: TimerId,
    },
    /// A worker has picked the task up.
    TaskStarted {
        /// Which task.
        task: TaskId,
    },
    /// The task finished with a result.
    TaskSucceeded {
        /// Which task.
        task: TaskId,
        /// Its result.
        output: Value,
    },
    /// The task failed.
    TaskFailed {
        /// Which task.
        task: TaskId,
        /// The error name.
        error: Option<String>,
        /// The cause.
        cause: Option<String>,
    },
    /// The worker is still alive.
    TaskHeartbeat {
        /// Which task.
        task: TaskId,
    },
    /// A client stopped the execution (`StopExecution`).
    Stop {
        /// The error given.
        error: Option<String>,
        /// The cause given.
        cause: Option<String>,
    },
}

/// An effect the runtime performs after committing a step.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Hand a task to whatever runs this resource.
    ScheduleTask {
        /// The task's id, to quote in the events that report on it.
        task: TaskId,
        /// The Task state's `Resource`.
        resource: String,
        /// The task's input (the state's effective parameters).
        input: Value,
        /// `TimeoutSeconds`, if any.
        timeout_seconds: Option<u64>,
        /// `HeartbeatSeconds`, if any.
        heartbeat_seconds: Option<u64>,
    },
    /// The task is no longer wanted (its state was aborted or timed out).
    CancelTask {
        /// Which task.
        task: TaskId,
    },
    /// Fire `TimerFired` at this time.
    StartTimer {
        /// The timer's id.
        timer: TimerId,
        /// When, epoch milliseconds.
        fire_at_ms: i64,
    },
    /// The timer is no longer wanted.
    CancelTimer {
        /// Which timer.
        timer: TimerId,
    },
}

/// What `step` returns: the new execution, the history it recorded and the commands to run.
#[derive(Clone, Debug)]
pub struct Step {
    /// The execution after the event.
    pub execution: Execution,
    /// History events recorded by this step, in order.
    pub history: Vec<HistoryEvent>,
    /// Effects to carry out after committing.
    pub commands: Vec<Command>,
}
