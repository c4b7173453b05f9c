//! The runtime: loads executions, feeds events to the engine, commits what it returns and
//! carries out the commands (timers, tasks) afterwards.
//!
//! Every change to an execution goes through `deliver`: lock the execution, load it, call
//! `engine::step`, commit the new state and its history in one store call, then perform the
//! commands. Effects therefore happen at least once and transitions exactly once.

mod activities;
mod clock;
mod driver;
mod endings;
mod programs;
mod seeds;
mod tasks;
mod timers;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use engine::{Command, Event, EventKind, Execution, ExecutionContext, Status};
use store::{ExecutionRecord, ExecutionStatus, StateMachineRecord, Store};

pub use clock::{Clock, ManualClock, SystemClock};
pub use driver::{Outcome, run_to_end};
pub use engine::TaskId;
pub use tasks::{NoHandler, TaskCall, TaskError, TaskFuture, TaskHandler};

use activities::{Activities, Queued};
use endings::Endings;
use programs::Programs;
use seeds::Seeds;
use timers::Timers;

/// Where the server says it runs (the account and region that appear in ARNs), and how it
/// runs executions.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The AWS account id used in ARNs.
    pub account: String,
    /// The AWS region used in ARNs.
    pub region: String,
    /// Wait states and retry delays last this many times as long (task timeouts do not
    /// change); 1 is real time.
    pub wait_time_scale: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            account: "000000000000".to_owned(),
            region: "us-east-1".to_owned(),
            wait_time_scale: 1.0,
        }
    }
}

/// How long a task runs before its start is committed on its own rather than with its result.
const STARTED_ALONE_AFTER: std::time::Duration = std::time::Duration::from_millis(20);

/// How long a claim on an execution lasts.
const LEASE_MS: i64 = 5 * 60 * 1000;

/// Why a task token was not accepted (`SendTaskSuccess`, `SendTaskFailure`,
/// `SendTaskHeartbeat`).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The text is not a token this server issued.
    #[error("invalid token")]
    InvalidToken,
    /// The token's execution does not exist.
    #[error("the task does not exist")]
    TaskDoesNotExist,
    /// The task has ended (it succeeded, failed, timed out, or its execution ended).
    #[error("the task has timed out or ended")]
    TaskTimedOut,
    /// The runtime failed.
    #[error(transparent)]
    Runtime(#[from] Error),
}

/// A runtime failure (never an execution failure, which is data).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The execution does not exist.
    #[error("execution does not exist: {0}")]
    ExecutionDoesNotExist(String),
    /// The execution input is not a JSON document the engine can hold (a number beyond
    /// the range of a double, say).
    #[error("invalid execution input: {0}")]
    InvalidInput(String),
    /// The definition could not be compiled (it should have been validated before).
    #[error("invalid definition: {0}")]
    InvalidDefinition(String),
    /// Something that should hold did not.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Drives executions.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    config: Config,
    clock: Arc<dyn Clock>,
    tasks: Arc<dyn TaskHandler>,
    seeds: Seeds,
    programs: Programs,
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    timers: Timers,
    activities: Activities,
    endings: Endings,
    /// This runtime's name in claims on executions.
    node: String,
}

impl Runtime {
    /// A runtime over a store, with the system clock and no task handler.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Self {
        Runtime::with_parts(store, config, Arc::new(SystemClock), Arc::new(NoHandler))
    }

    /// A runtime with its clock and task handler chosen.
    pub fn with_parts(
        store: Arc<dyn Store>,
        config: Config,
        clock: Arc<dyn Clock>,
        tasks: Arc<dyn TaskHandler>,
    ) -> Self {
        let seed = clock.now_ms() as u64 ^ (Arc::as_ptr(&store) as *const u8 as u64);
        Runtime {
            inner: Arc::new(Inner {
                store,
                config,
                clock,
                tasks,
                seeds: Seeds::new(seed),
                programs: Programs::default(),
                locks: Mutex::new(HashMap::new()),
                timers: Timers::default(),
                activities: Activities::default(),
                endings: Endings::default(),
                node: format!("node-{seed:016x}"),
            }),
        }
    }

    /// A handle that does not keep the runtime alive (for a task handler the runtime owns).
    pub fn downgrade(&self) -> WeakRuntime {
        WeakRuntime {
            inner: Arc::downgrade(&self.inner),
        }
    }

    /// Waits until an execution has ended and returns its final record.
    ///
    /// An end on this runtime wakes the waiter at once; the store is also read again every
    /// `poll`, so an end committed by another node is seen too.
    ///
    /// # Errors
    /// `ExecutionDoesNotExist` for an unknown ARN; store failures.
    pub async fn wait_for_end(
        &self,
        execution_arn: &str,
        poll: std::time::Duration,
    ) -> Result<ExecutionRecord, Error> {
        loop {
            let ended = self.inner.endings.watch(execution_arn);
            let notified = ended.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let record = self
                .inner
                .store
                .get_execution(execution_arn)
                .await?
                .ok_or_else(|| Error::ExecutionDoesNotExist(execution_arn.to_owned()))?;
            if record.status != ExecutionStatus::Running {
                return Ok(record);
            }
            let _ = tokio::time::timeout(poll, notified).await;
        }
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    /// The account and region.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The current time in epoch milliseconds, from the runtime's clock.
    pub fn now_ms(&self) -> i64 {
        self.inner.clock.now_ms()
    }

    fn context(
        &self,
        machine: &StateMachineRecord,
        execution: &ExecutionRecord,
    ) -> ExecutionContext {
        ExecutionContext {
            execution_arn: execution.arn.clone(),
            name: execution.name.clone(),
            role_arn: execution.role_arn.clone(),
            state_machine_arn: machine.arn.clone(),
            state_machine_name: machine.name.clone(),
            start_time_ms: execution.start_date_ms,
            wait_time_scale: self.inner.config.wait_time_scale,
        }
    }

    fn start_event(
        &self,
        machine: &StateMachineRecord,
        execution: &ExecutionRecord,
    ) -> Result<Event, Error> {
        let input = serde_json::from_str(&execution.input)
            .map_err(|err| Error::InvalidInput(err.to_string()))?;
        Ok(Event {
            now_ms: execution.start_date_ms,
            seed: self.inner.seeds.next(),
            kind: EventKind::Start {
                input,
                context: self.context(machine, execution),
            },
        })
    }

    /// Stores a new RUNNING execution and runs it until it waits for something or ends.
    ///
    /// The record comes from the API with its ARN, name, input, dates and the machine's
    /// definition filled in; the returned record is the stored one after that first run.
    ///
    /// # Errors
    /// `Store(AlreadyExists)` when the ARN is taken.
    pub async fn start(
        &self,
        machine: &StateMachineRecord,
        mut execution: ExecutionRecord,
    ) -> Result<ExecutionRecord, Error> {
        let program = self.inner.programs.get(&execution.definition)?;
        let event = self.start_event(machine, &execution)?;
        let lock = self.lock(&execution.arn);
        let _guard = lock.lock().await;
        let step = engine::step(&program, Execution::default(), event);
        apply(&mut execution, step.execution, self.now_ms());
        self.inner
            .store
            .create_execution(execution.clone(), step.history)
            .await?;
        self.perform(&execution.arn, step.commands);
        Ok(execution)
    }

    /// Runs an EXPRESS execution to its end and returns its final record, without storing it.
    ///
    /// # Errors
    /// Only system failures; a failed execution is a record with status FAILED.
    pub async fn run_sync(
        &self,
        machine: &StateMachineRecord,
        mut execution: ExecutionRecord,
    ) -> Result<ExecutionRecord, Error> {
        let program = self.inner.programs.get(&execution.definition)?;
        let event = self.start_event(machine, &execution)?;
        let outcome = run_to_end(
            &program,
            event,
            self.inner.clock.clone(),
            self.inner.tasks.clone(),
            self.inner.seeds.next(),
        )
        .await;
        apply(&mut execution, outcome.execution, self.now_ms());
        Ok(execution)
    }

    /// Starts an EXPRESS execution in the background, in memory: it is not stored, so it has
    /// no history to read and does not survive a restart (Express is at least once in AWS
    /// too). Its end is logged.
    ///
    /// # Errors
    /// An input that is not a JSON document the engine can hold.
    pub fn start_express(
        &self,
        machine: &StateMachineRecord,
        execution: ExecutionRecord,
    ) -> Result<(), Error> {
        let program = self.inner.programs.get(&execution.definition)?;
        let event = self.start_event(machine, &execution)?;
        let (clock, tasks, seed) = (
            self.inner.clock.clone(),
            self.inner.tasks.clone(),
            self.inner.seeds.next(),
        );
        tokio::spawn(async move {
            let outcome = run_to_end(&program, event, clock, tasks, seed).await;
            tracing::debug!(
                execution_arn = %execution.arn,
                status = ?outcome.execution.status,
                "an express execution ended"
            );
        });
        Ok(())
    }

    /// Aborts a RUNNING execution with an optional error and cause.
    ///
    /// Returns the record after the stop (an execution that already ended is returned as it is).
    ///
    /// # Errors
    /// `ExecutionDoesNotExist` for an unknown ARN.
    pub async fn stop(
        &self,
        execution_arn: &str,
        error: Option<String>,
        cause: Option<String>,
    ) -> Result<ExecutionRecord, Error> {
        self.deliver(execution_arn, EventKind::Stop { error, cause })
            .await
    }

    /// Delivers every timer that is due by the runtime's clock (tests with a `ManualClock`
    /// call this after moving the clock).
    pub async fn tick(&self) {
        let now = self.now_ms();
        for (execution_arn, timer) in self.inner.timers.take_due(now) {
            // A failure here is logged: the timer's execution may have been deleted.
            if let Err(err) = self
                .deliver(&execution_arn, EventKind::TimerFired { timer })
                .await
            {
                tracing::warn!(%execution_arn, %err, "a timer could not be delivered");
            }
        }
    }

    /// Continues the RUNNING executions of the store that no other node holds: claims them,
    /// sets their pending timers (due ones fire at once) and dispatches their outstanding
    /// tasks again (task dispatch is at least once). Returns how many it resumed.
    ///
    /// A server calls it once at start-up, before it takes requests.
    ///
    /// # Errors
    /// Store failures.
    pub async fn resume(&self) -> Result<usize, Error> {
        let now = self.now_ms();
        let records = self
            .inner
            .store
            .claim_running(&self.inner.node, now, now.saturating_add(LEASE_MS))
            .await?;
        let n_resumed = records.len();
        for record in records {
            let Some(state) = &record.state else {
                continue;
            };
            let mut pending = state.pending();
            // A worker holds a started activity task; its token stays valid.
            pending
                .tasks
                .retain(|task| !(task.started && engine::token::is_activity(&task.resource)));
            let commands = pending.commands();
            self.perform(&record.arn, commands);
        }
        Ok(n_resumed)
    }

    /// Deletes the executions that ended more than `retention_ms` ago, with their history,
    /// and returns how many.
    ///
    /// # Errors
    /// Store failures.
    pub async fn expire(&self, retention_ms: i64) -> Result<usize, Error> {
        let cutoff = self.now_ms().saturating_sub(retention_ms);
        Ok(self.inner.store.delete_closed_before(cutoff).await?)
    }

    /// Hands the next task of an activity to a worker, waiting up to `wait` for one: its token
    /// and input, or `None` when none came.
    ///
    /// # Errors
    /// Store failures.
    pub async fn get_activity_task(
        &self,
        activity_arn: &str,
        worker_name: Option<String>,
        wait: std::time::Duration,
    ) -> Result<Option<(String, serde_json::Value)>, Error> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let Some(queued) = self.inner.activities.next(activity_arn, left).await else {
                return Ok(None);
            };
            let kind = EventKind::ActivityStarted {
                task: queued.task,
                worker_name: worker_name.clone(),
            };
            match self
                .deliver_to_task(&queued.execution_arn, &queued.token, kind)
                .await
            {
                Ok(()) => return Ok(Some((queued.token, queued.input))),
                // It timed out or its execution ended while it waited: hand out the next.
                Err(TokenError::TaskTimedOut | TokenError::TaskDoesNotExist) => continue,
                Err(TokenError::Runtime(err)) => return Err(err),
                Err(TokenError::InvalidToken) => continue,
            }
        }
    }

    /// A worker or a callback reports that a task succeeded.
    ///
    /// # Errors
    /// A `TokenError` when the token names no task that waits.
    pub async fn send_task_success(
        &self,
        token: &str,
        output: serde_json::Value,
    ) -> Result<(), TokenError> {
        let (arn, task) = engine::token::parse(token).ok_or(TokenError::InvalidToken)?;
        self.deliver_to_task(&arn, token, EventKind::TaskSucceeded { task, output })
            .await
    }

    /// A worker or a callback reports that a task failed.
    ///
    /// # Errors
    /// A `TokenError` when the token names no task that waits.
    pub async fn send_task_failure(
        &self,
        token: &str,
        error: Option<String>,
        cause: Option<String>,
    ) -> Result<(), TokenError> {
        let (arn, task) = engine::token::parse(token).ok_or(TokenError::InvalidToken)?;
        self.deliver_to_task(&arn, token, EventKind::TaskFailed { task, error, cause })
            .await
    }

    /// A worker says it is still working on a task.
    ///
    /// # Errors
    /// A `TokenError` when the token names no task that waits.
    pub async fn send_task_heartbeat(&self, token: &str) -> Result<(), TokenError> {
        let (arn, task) = engine::token::parse(token).ok_or(TokenError::InvalidToken)?;
        self.deliver_to_task(&arn, token, EventKind::TaskHeartbeat { task })
            .await
    }

    /// Delivers an event about the task that `token` names, if the execution still waits for
    /// that task with that token.
    async fn deliver_to_task(
        &self,
        execution_arn: &str,
        token: &str,
        kind: EventKind,
    ) -> Result<(), TokenError> {
        let waits_for_token = |state: &Execution| {
            state
                .pending()
                .tasks
                .iter()
                .any(|task| task.token.as_deref() == Some(token))
        };
        match self.deliver_if(execution_arn, kind, waits_for_token).await {
            Ok((_, true)) => Ok(()),
            Ok((_, false)) => Err(TokenError::TaskTimedOut),
            Err(Error::ExecutionDoesNotExist(_)) => Err(TokenError::TaskDoesNotExist),
            Err(err) => Err(err.into()),
        }
    }

    /// Feeds one event to a stored execution.
    ///
    /// # Errors
    /// `ExecutionDoesNotExist` for an unknown ARN; store failures.
    pub async fn deliver(
        &self,
        execution_arn: &str,
        kind: EventKind,
    ) -> Result<ExecutionRecord, Error> {
        let (record, _) = self.deliver_if(execution_arn, kind, |_| true).await?;
        Ok(record)
    }

    /// Feeds one event to a stored execution if it is running and `accept` agrees, under the
    /// execution's lock and from one read of it; returns the record after, and whether the
    /// event was applied.
    async fn deliver_if(
        &self,
        execution_arn: &str,
        kind: EventKind,
        accept: impl FnOnce(&Execution) -> bool,
    ) -> Result<(ExecutionRecord, bool), Error> {
        self.deliver_events(execution_arn, vec![(None, kind)], accept)
            .await
    }

    /// Feeds events to a stored execution, in order, in one commit: each at its time, or at
    /// the time of the commit when it has none.
    async fn deliver_events(
        &self,
        execution_arn: &str,
        events: Vec<(Option<i64>, EventKind)>,
        accept: impl FnOnce(&Execution) -> bool,
    ) -> Result<(ExecutionRecord, bool), Error> {
        let lock = self.lock(execution_arn);
        let _guard = lock.lock().await;
        let mut record = self
            .inner
            .store
            .get_execution(execution_arn)
            .await?
            .ok_or_else(|| Error::ExecutionDoesNotExist(execution_arn.to_owned()))?;
        let Some(mut state) = record.state.take() else {
            return Ok((record, false));
        };
        if !accept(&state) {
            record.state = Some(state);
            return Ok((record, false));
        }
        let program = self.inner.programs.get(&record.definition)?;
        let now = self.now_ms();
        let (mut history, mut commands) = (Vec::new(), Vec::new());
        for (at, kind) in events {
            if state.status.is_final() {
                break;
            }
            let event = Event {
                now_ms: at.unwrap_or(now).min(now),
                seed: self.inner.seeds.next(),
                kind,
            };
            let mut step = engine::step(&program, state, event);
            history.append(&mut step.history);
            commands.append(&mut step.commands);
            state = step.execution;
        }
        apply(&mut record, state, now);
        self.inner.store.commit(record.clone(), history).await?;
        if record.status != ExecutionStatus::Running {
            self.forget(execution_arn);
            self.inner.endings.ended(execution_arn);
        }
        self.perform(execution_arn, commands);
        Ok((record, true))
    }

    fn lock(&self, execution_arn: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self
            .inner
            .locks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        locks
            .entry(execution_arn.to_owned())
            .or_insert_with(|| Arc::new(tokio::sync::Mutex::new(())))
            .clone()
    }

    fn forget(&self, execution_arn: &str) {
        let mut locks = self
            .inner
            .locks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        locks.remove(execution_arn);
    }

    /// Carries out the commands of a committed step.
    fn perform(&self, execution_arn: &str, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::StartTimer { timer, fire_at_ms } => {
                    self.inner.timers.add(execution_arn, timer, fire_at_ms);
                    self.spawn_timer(fire_at_ms);
                }
                Command::CancelTimer { timer } => self.inner.timers.cancel(execution_arn, timer),
                Command::ScheduleTask {
                    task,
                    resource,
                    input,
                    token: Some(token),
                    ..
                } if engine::token::is_activity(&resource) => self.inner.activities.push(
                    &resource,
                    Queued {
                        execution_arn: execution_arn.to_owned(),
                        task,
                        token,
                        input,
                    },
                ),
                Command::ScheduleTask {
                    task,
                    resource,
                    input,
                    ..
                } => self.spawn_task(execution_arn, task, resource, input),
                Command::CancelTask { task } => self.inner.tasks.cancel(execution_arn, task),
            }
        }
    }

    fn spawn_timer(&self, fire_at_ms: i64) {
        let runtime = self.clone();
        let delay = (fire_at_ms - self.now_ms()).max(0) as u64;
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
            runtime.tick().await;
        });
    }

    fn spawn_task(
        &self,
        execution_arn: &str,
        task: TaskId,
        resource: String,
        input: serde_json::Value,
    ) {
        let runtime = self.clone();
        let execution_arn = execution_arn.to_owned();
        tokio::spawn(async move {
            let callback = engine::token::is_callback(&resource);
            let call = TaskCall {
                execution_arn: &execution_arn,
                task,
                resource: &resource,
            };
            let started_at = runtime.now_ms();
            let mut running = runtime.inner.tasks.run_task(call, input);
            // A task that ends quickly is recorded as started with its result, in one commit;
            // one that takes longer is recorded as started on its own first.
            let quick = tokio::select! {
                result = &mut running => Some(result),
                () = tokio::time::sleep(STARTED_ALONE_AFTER) => None,
            };
            let mut events = vec![(Some(started_at), EventKind::TaskStarted { task })];
            let result = match quick {
                Some(result) => result,
                None => {
                    let started = runtime
                        .deliver_events(&execution_arn, std::mem::take(&mut events), |_| true)
                        .await;
                    if started.is_err() {
                        return;
                    }
                    running.await
                }
            };
            let kind = match result {
                // The hand-over of a callback task: its result comes with its token.
                Ok(output) if callback => EventKind::TaskSubmitted { task, output },
                Ok(output) => EventKind::TaskSucceeded { task, output },
                Err(err) => EventKind::TaskFailed {
                    task,
                    error: Some(err.error),
                    cause: Some(err.cause),
                },
            };
            events.push((None, kind));
            if let Err(err) = runtime
                .deliver_events(&execution_arn, events, |_| true)
                .await
            {
                tracing::warn!(%execution_arn, %err, "a task result could not be delivered");
            }
        });
    }
}

/// A `Runtime` that does not keep it alive: what a task handler owned by the runtime holds.
#[derive(Clone, Default)]
pub struct WeakRuntime {
    inner: std::sync::Weak<Inner>,
}

impl WeakRuntime {
    /// The runtime, while it exists.
    pub fn upgrade(&self) -> Option<Runtime> {
        self.inner.upgrade().map(|inner| Runtime { inner })
    }
}

/// Copies what the engine decided into the execution's record.
fn apply(record: &mut ExecutionRecord, execution: Execution, now_ms: i64) {
    record.status = match execution.status {
        Status::New | Status::Running => ExecutionStatus::Running,
        Status::Succeeded => ExecutionStatus::Succeeded,
        Status::Failed => ExecutionStatus::Failed,
        Status::TimedOut => ExecutionStatus::TimedOut,
        Status::Aborted => ExecutionStatus::Aborted,
    };
    if execution.status.is_final() {
        record.stop_date_ms = Some(now_ms.max(record.start_date_ms));
        record.output = execution.output.as_ref().map(engine::Payload::to_json_text);
        if let Some(failure) = &execution.failure {
            record.error = failure.error.clone();
            record.cause = failure.cause.clone();
        }
        record.state = None;
    } else {
        record.state = Some(execution);
    }
}
