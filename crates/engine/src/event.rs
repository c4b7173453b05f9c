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

/// Who and what an execution is: the parts of the context object fixed at its start, and how
/// it waits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// What Wait durations and retry delays are multiplied by, like Step Functions Local's
    /// `WAIT_TIME_SCALE`: `0.5` halves them and `0` makes them immediate.
    ///
    /// Task `TimeoutSeconds` and `HeartbeatSeconds` and the execution's own `TimeoutSeconds`
    /// are not scaled, and the context object does not show the scale. A negative, infinite
    /// or NaN scale counts as `1`, and the execution keeps `1` in its place. Executions saved
    /// before the field existed load with `1`.
    #[serde(
        default = "default_wait_time_scale",
        deserialize_with = "deserialize_wait_time_scale"
    )]
    pub wait_time_scale: f64,
}

impl Default for ExecutionContext {
    fn default() -> Self {
        ExecutionContext {
            execution_arn: String::new(),
            name: String::new(),
            role_arn: String::new(),
            state_machine_arn: String::new(),
            state_machine_name: String::new(),
            start_time_ms: 0,
            wait_time_scale: default_wait_time_scale(),
        }
    }
}

impl ExecutionContext {
    /// Scales a Wait duration or retry delay of `ms` milliseconds by `wait_time_scale`.
    ///
    /// # Example
    /// ```
    /// # use engine::ExecutionContext;
    /// let context = ExecutionContext { wait_time_scale: 0.5, ..ExecutionContext::default() };
    /// assert_eq!(context.scale_wait_ms(10_000), 5_000);
    /// let broken = ExecutionContext { wait_time_scale: f64::NAN, ..ExecutionContext::default() };
    /// assert_eq!(broken.scale_wait_ms(10_000), 10_000);
    /// ```
    pub fn scale_wait_ms(&self, ms: i64) -> i64 {
        let scale = valid_wait_time_scale(self.wait_time_scale);
        // Scaling by 1 must not round long waits through `f64`.
        if scale == 1.0 {
            return ms;
        }
        // `as` saturates, so no scale or duration can overflow here.
        (ms as f64 * scale).round() as i64
    }
}

fn default_wait_time_scale() -> f64 {
    1.0
}

/// The scale to use for `scale`: itself when it is a finite non-negative number, else `1`.
pub(crate) fn valid_wait_time_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale >= 0.0 {
        scale
    } else {
        1.0
    }
}

/// Reads a scale; JSON has no NaN or infinity, and serde_json writes them as `null`.
fn deserialize_wait_time_scale<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<f64, D::Error> {
    let scale = Option::<f64>::deserialize(deserializer)?;
    Ok(valid_wait_time_scale(scale.unwrap_or(1.0)))
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
    /// An activity worker has picked the task up (`GetActivityTask`).
    ActivityStarted {
        /// Which task.
        task: TaskId,
        /// The `workerName` the worker gave.
        worker_name: Option<String>,
    },
    /// A `.waitForTaskToken` task was handed over: the service call returned this, and the
    /// task now waits for `SendTaskSuccess` or `SendTaskFailure` with its token.
    TaskSubmitted {
        /// Which task.
        task: TaskId,
        /// What the service call returned.
        output: Value,
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
        /// The token a worker or a callback quotes to report on it (activities).
        token: Option<String>,
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
