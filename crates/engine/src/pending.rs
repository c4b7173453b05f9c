//! What an execution waits for from the outside world: its pending timers and outstanding
//! tasks, read from the saved `Execution` alone so that a restarted runtime can re-create them.

use serde_json::Value;

use crate::event::{Command, TaskId, TimerId};
use crate::execution::{Execution, Frame, Phase};

/// Everything outside the engine that an execution is waiting for.
///
/// The runtime starts this work from the commands of each `Step`; after a restart it has only
/// the saved `Execution`, and `Execution::pending` tells it what to start again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pending {
    /// Timers that have been started and have neither fired nor been cancelled, by id.
    /// The execution's `TimeoutSeconds` timer is among them.
    pub timers: Vec<PendingTimer>,
    /// Tasks that have been scheduled and have neither finished nor been cancelled, by id.
    pub tasks: Vec<PendingTask>,
}

/// A timer the execution waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingTimer {
    /// The timer, as `Command::StartTimer` named it.
    pub timer: TimerId,
    /// When it fires, epoch milliseconds (`Command::StartTimer`'s `fire_at_ms`).
    pub fire_at_ms: i64,
}

/// A task the execution waits for, with everything `Command::ScheduleTask` carried.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingTask {
    /// The task.
    pub task: TaskId,
    /// The Task state's `Resource`.
    pub resource: String,
    /// The task's input (the state's effective parameters).
    pub input: Value,
    /// Whether a `TaskStarted` event has been applied: a worker had picked the task up.
    pub started: bool,
    /// `TimeoutSeconds`, if any.
    pub timeout_seconds: Option<u64>,
    /// `HeartbeatSeconds`, if any.
    pub heartbeat_seconds: Option<u64>,
    /// The token a worker or a callback quotes to report on it (activities).
    pub token: Option<String>,
}

impl Pending {
    /// Whether the execution waits for nothing outside the engine.
    pub fn is_empty(&self) -> bool {
        self.timers.is_empty() && self.tasks.is_empty()
    }

    /// The commands that start this work again: a `StartTimer` per timer, then a
    /// `ScheduleTask` per task, with the ids, times and inputs of the commands that first
    /// started it.
    pub fn commands(&self) -> Vec<Command> {
        let timers = self.timers.iter().map(|pending| Command::StartTimer {
            timer: pending.timer,
            fire_at_ms: pending.fire_at_ms,
        });
        let tasks = self.tasks.iter().map(|pending| Command::ScheduleTask {
            task: pending.task,
            resource: pending.resource.clone(),
            input: pending.input.clone(),
            timeout_seconds: pending.timeout_seconds,
            heartbeat_seconds: pending.heartbeat_seconds,
            token: pending.token.clone(),
        });
        timers.chain(tasks).collect()
    }
}

impl Execution {
    /// What the execution waits for: every timer started and neither fired nor cancelled, and
    /// every task scheduled and neither finished nor cancelled.
    ///
    /// A runtime that restarts loads each running execution and starts this work again (see
    /// `Pending::commands`); an ended execution waits for nothing.
    ///
    /// An execution saved before due times and task inputs were kept lacks them.
    /// Its Wait and retry timers are then reported as already due, so that it moves on rather
    /// than waits forever; its task timeout, heartbeat and `TimeoutSeconds` timers are left out,
    /// because firing them would fail work that may still succeed; and its tasks are reported
    /// with an empty resource and a `null` input.
    ///
    /// # Example
    /// ```
    /// # use engine::{step, Event, EventKind, ExecutionContext, Execution};
    /// let definition = serde_json::json!({
    ///     "StartAt": "Call",
    ///     "TimeoutSeconds": 60,
    ///     "States": {"Call": {
    ///         "Type": "Task",
    ///         "Resource": "arn:aws:states:::lambda:invoke",
    ///         "Parameters": {"n.$": "$.n"},
    ///         "End": true
    ///     }}
    /// });
    /// let program = asl::program::compile(&definition).expect("a valid definition");
    /// let start = Event {
    ///     now_ms: 1_000,
    ///     seed: 1,
    ///     kind: EventKind::Start { input: serde_json::json!({"n": 1}), context: ExecutionContext::default() },
    /// };
    /// let res = step(&program, Execution::default(), start);
    /// let pending = res.execution.pending();
    /// assert_eq!(pending.timers[0].fire_at_ms, 61_000);
    /// assert_eq!(pending.tasks[0].resource, "arn:aws:states:::lambda:invoke");
    /// assert_eq!(pending.tasks[0].input, serde_json::json!({"n": 1}));
    /// assert_eq!(pending.commands(), res.commands);
    /// ```
    pub fn pending(&self) -> Pending {
        let mut timers = Vec::new();
        if let (Some(timer), Some(fire_at_ms)) = (self.deadline_timer, self.deadline_due) {
            timers.push(PendingTimer { timer, fire_at_ms });
        }
        for (&timer, &fid) in &self.timers {
            let fire_at_ms = match self.timer_due.get(&timer) {
                Some(&fire_at_ms) => fire_at_ms,
                None => match self
                    .frame(fid)
                    .and_then(|frame| unrecorded_due(frame, timer))
                {
                    Some(fire_at_ms) => fire_at_ms,
                    None => continue,
                },
            };
            timers.push(PendingTimer { timer, fire_at_ms });
        }
        timers.sort_by_key(|pending| pending.timer);
        let tasks = self
            .tasks
            .iter()
            .filter_map(|(&task, &fid)| match &self.frame(fid)?.phase {
                Phase::Task(wait) if wait.task == task => Some(PendingTask {
                    task,
                    resource: wait.full_resource.clone(),
                    input: wait.input.value().clone(),
                    started: wait.started,
                    timeout_seconds: wait.timeout_seconds,
                    heartbeat_seconds: wait.heartbeat_seconds,
                    token: wait.token.clone(),
                }),
                _ => None,
            })
            .collect();
        Pending { timers, tasks }
    }

    fn frame(&self, fid: u32) -> Option<&Frame> {
        self.frames.get(fid as usize).and_then(Option::as_ref)
    }
}

/// What a restarted runtime needs to know about an execution: `execution.pending()`.
///
/// # Example
/// ```
/// # use engine::Execution;
/// assert!(engine::pending(&Execution::default()).is_empty());
/// ```
pub fn pending(execution: &Execution) -> Pending {
    execution.pending()
}

/// When a timer saved without its due time fires: a Wait or a retry delay at once (the state
/// was entered in the past), a task's timers never.
fn unrecorded_due(frame: &Frame, timer: TimerId) -> Option<i64> {
    match &frame.phase {
        Phase::Waiting { timer: waiting, .. } | Phase::RetryDelay { timer: waiting }
            if *waiting == timer =>
        {
            Some(frame.entered_ms)
        }
        _ => None,
    }
}
