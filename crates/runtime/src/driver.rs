//! Runs one execution to its end in memory, without a store: `StartSyncExecution` and
//! `statewright run` use it.

use std::collections::BTreeMap;
use std::sync::Arc;

use asl::program::Program;
use engine::{Command, Event, EventKind, Execution, HistoryEvent, TaskId, TimerId};
use tokio::task::JoinSet;

use crate::clock::Clock;
use crate::seeds::Seeds;
use crate::tasks::{TaskCall, TaskHandler};

/// An execution that ran to its end, with its whole history.
#[derive(Debug)]
pub struct Outcome {
    /// The final execution state (status, output, failure).
    pub execution: Execution,
    /// Every history event, in order.
    pub history: Vec<HistoryEvent>,
}

/// Runs an execution from its start event to its end.
///
/// Timers wait on the real clock (tokio's); tasks run on `tasks`, several at once.
pub async fn run_to_end(
    program: &Program,
    start: Event,
    clock: Arc<dyn Clock>,
    tasks: Arc<dyn TaskHandler>,
    seed: u64,
) -> Outcome {
    let seeds = Seeds::new(seed);
    let execution_arn = match &start.kind {
        EventKind::Start { context, .. } => context.execution_arn.clone(),
        _ => String::new(),
    };
    let mut history = Vec::new();
    let mut timers: BTreeMap<TimerId, i64> = BTreeMap::new();
    let mut running: JoinSet<(TaskId, EventKind)> = JoinSet::new();
    let mut step = engine::step(program, Execution::default(), start);
    loop {
        history.append(&mut step.history);
        let mut commands: std::collections::VecDeque<Command> =
            std::mem::take(&mut step.commands).into();
        while let Some(command) = commands.pop_front() {
            match command {
                Command::StartTimer { timer, fire_at_ms } => {
                    timers.insert(timer, fire_at_ms);
                }
                Command::CancelTimer { timer } => {
                    timers.remove(&timer);
                }
                Command::ScheduleTask {
                    task,
                    resource,
                    input,
                    ..
                } => {
                    let call = TaskCall {
                        execution_arn: &execution_arn,
                        task,
                        resource: &resource,
                    };
                    let future = tasks.run_task(call, input);
                    running.spawn(async move {
                        let kind = match future.await {
                            Ok(output) => EventKind::TaskSucceeded { task, output },
                            Err(err) => EventKind::TaskFailed {
                                task,
                                error: Some(err.error),
                                cause: Some(err.cause),
                            },
                        };
                        (task, kind)
                    });
                    // The worker picks the task up at once.
                    step = engine::step(
                        program,
                        step.execution,
                        Event {
                            now_ms: clock.now_ms(),
                            seed: seeds.next(),
                            kind: EventKind::TaskStarted { task },
                        },
                    );
                    history.append(&mut step.history);
                    commands.extend(std::mem::take(&mut step.commands));
                }
                Command::CancelTask { .. } => {}
            }
        }
        if step.execution.status.is_final() {
            running.abort_all();
            return Outcome {
                execution: step.execution,
                history,
            };
        }
        let next_timer = timers
            .iter()
            .min_by_key(|(_, at)| **at)
            .map(|(t, at)| (*t, *at));
        let kind = match (next_timer, running.is_empty()) {
            (None, true) => {
                // Nothing can ever happen again; this is a stuck execution.
                return Outcome {
                    execution: step.execution,
                    history,
                };
            }
            (Some((timer, at)), true) => {
                sleep_until(&*clock, at).await;
                timers.remove(&timer);
                EventKind::TimerFired { timer }
            }
            (None, false) => match running.join_next().await {
                Some(Ok((_, kind))) => kind,
                _ => continue,
            },
            (Some((timer, at)), false) => {
                tokio::select! {
                    joined = running.join_next() => match joined {
                        Some(Ok((_, kind))) => kind,
                        _ => continue,
                    },
                    () = sleep_until(&*clock, at) => {
                        timers.remove(&timer);
                        EventKind::TimerFired { timer }
                    }
                }
            }
        };
        step = engine::step(
            program,
            step.execution,
            Event {
                now_ms: clock.now_ms(),
                seed: seeds.next(),
                kind,
            },
        );
    }
}

async fn sleep_until(clock: &dyn Clock, at_ms: i64) {
    let delay = (at_ms - clock.now_ms()).max(0) as u64;
    tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
}
