//! The interpreter loop: applies one `Event` to an `Execution`, runs every frame that can
//! make progress, and collects the history events and commands that result.

use std::sync::Arc;

use asl::program::{Kind, Program, StateId};
use serde_json::Value;

use crate::dataflow;
use crate::entropy::SplitMix;
use crate::event::{Command, Event, EventKind, Step, TimerId};
use crate::execution::{Failure, Frame, ParentLink, Phase, Status};
use crate::history::{Details, Field, HistoryEvent, HistoryEventType as T, Recorded};
use crate::{Execution, Payload};

/// Payloads larger than this are kept in history as text rather than as shared values.
pub(crate) const COMPACT_ABOVE_BYTES: usize = 16 * 1024;

/// The most history events one execution may record, as AWS enforces it.
pub const MAX_HISTORY_EVENTS: u64 = 25_000;

/// Applies one event to an execution.
///
/// This is the whole interpreter: it performs no I/O and reads no clock; everything it needs
/// is in its arguments, so the same arguments always give the same `Step`.
///
/// # Example
/// ```
/// # use engine::{step, Event, EventKind, ExecutionContext, Execution};
/// let definition = serde_json::json!({
///     "StartAt": "Hello",
///     "States": {"Hello": {"Type": "Pass", "Result": "world", "End": true}}
/// });
/// let program = asl::program::compile(&definition).expect("a valid definition");
/// let start = Event {
///     now_ms: 0,
///     seed: 1,
///     kind: EventKind::Start { input: serde_json::json!({}), context: ExecutionContext::default() },
/// };
/// let res = step(&program, Execution::default(), start);
/// assert_eq!(res.execution.output.map(|o| o.value().clone()), Some(serde_json::json!("world")));
/// assert_eq!(res.history.len(), 4);
/// ```
pub fn step(program: &Program, execution: Execution, event: Event) -> Step {
    let mut machine = Machine {
        program,
        exec: execution,
        history: Vec::new(),
        commands: Vec::new(),
        now: event.now_ms,
        entropy: SplitMix::new(event.seed),
        ready: Vec::new(),
        text_cache: None,
        sized: None,
    };
    machine.handle(event.kind);
    machine.run();
    if machine.exec.status.is_final() && !machine.exec.frames.is_empty() {
        machine.finish(machine.exec.status);
    }
    Step {
        execution: machine.exec,
        history: machine.history,
        commands: machine.commands,
    }
}

/// One `step` in progress.
pub(crate) struct Machine<'p> {
    pub(crate) program: &'p Program,
    pub(crate) exec: Execution,
    pub(crate) history: Vec<HistoryEvent>,
    pub(crate) commands: Vec<Command>,
    pub(crate) now: i64,
    pub(crate) entropy: SplitMix,
    /// Frames that can make progress, run last-in first-out so that a child runs as far as
    /// it can before its siblings start (this gives Map iterations their item order).
    pub(crate) ready: Vec<u32>,
    /// The last payload turned into history text, with its text.
    pub(crate) text_cache: Option<(Payload, Arc<str>)>,
    /// The last state output whose size was checked, and whether it is large.
    pub(crate) sized: Option<(Payload, bool)>,
}

impl Machine<'_> {
    fn handle(&mut self, kind: EventKind) {
        match kind {
            EventKind::Start { input, context } => self.start(input, context),
            _ if self.exec.status != Status::Running => {}
            EventKind::TimerFired { timer } => self.timer_fired(timer),
            EventKind::TaskStarted { task } => self.task_started(task),
            EventKind::ActivityStarted { task, worker_name } => {
                self.activity_started(task, worker_name)
            }
            EventKind::TaskSubmitted { task, output } => self.task_submitted(task, output),
            EventKind::TaskSucceeded { task, output } => self.task_succeeded(task, output),
            EventKind::TaskFailed { task, error, cause } => {
                self.task_failed(task, Failure { error, cause })
            }
            EventKind::TaskHeartbeat { task } => self.task_heartbeat(task),
            EventKind::Stop { error, cause } => self.stop(Failure { error, cause }),
        }
    }

    fn start(&mut self, input: Value, mut context: crate::event::ExecutionContext) {
        if self.exec.status != Status::New {
            return;
        }
        // A NaN or infinite scale would not survive saving (JSON has neither).
        context.wait_time_scale = crate::event::valid_wait_time_scale(context.wait_time_scale);
        let input = Payload::new(input);
        self.exec.status = Status::Running;
        self.exec.next_event_id = 1;
        self.exec.input = Some(input.clone());
        let role_arn: Arc<str> = Arc::from(context.role_arn.as_str());
        self.exec.context = context;
        self.record(
            0,
            T::ExecutionStarted,
            Details::ExecutionStarted {
                input: input.clone().into(),
                role_arn,
            },
        );
        // The execution's own `TimeoutSeconds` is not scaled by `wait_time_scale`.
        if let Some(seconds) = self.program.timeout_seconds {
            let timer = self.new_timer();
            let fire_at_ms = self
                .now
                .saturating_add((seconds as i64).saturating_mul(1000));
            self.exec.deadline_timer = Some(timer);
            self.exec.deadline_due = Some(fire_at_ms);
            self.commands
                .push(Command::StartTimer { timer, fire_at_ms });
        }
        let start_at = self.program.scope(self.program.root()).start_at;
        let root = self.new_frame(Frame {
            parent: None,
            state: start_at.0,
            input,
            prev: 0,
            entered_id: 0,
            entered_ms: self.now,
            retry_counts: Vec::new(),
            phase: Phase::Enter,
            silent: false,
            entered_prev: 0,
            vars: crate::variables::Vars::default(),
        });
        self.ready.push(root);
    }

    fn run(&mut self) {
        while let Some(fid) = self.ready.pop() {
            if self.exec.status != Status::Running {
                self.ready.clear();
                return;
            }
            self.advance(fid);
        }
    }

    /// Runs one frame until it waits for something, ends, or hands over to its children.
    fn advance(&mut self, fid: u32) {
        loop {
            if self.exec.status != Status::Running {
                return;
            }
            let Some(frame) = self.exec.frames.get(fid as usize).and_then(Option::as_ref) else {
                return;
            };
            match frame.phase {
                Phase::Enter => self.enter(fid),
                Phase::Act => self.act(fid),
                Phase::IterationStart { .. } => self.start_iteration(fid),
                _ => return,
            }
        }
    }

    /// Records a history event and returns its id.
    ///
    /// AWS keeps at most 25,000 events: the last one must end the execution, so an event that
    /// would take that place becomes `ExecutionFailed` instead, and nothing is recorded after it.
    pub(crate) fn record(&mut self, prev: u64, kind: T, details: Details) -> u64 {
        if self.exec.status != Status::Running {
            return prev;
        }
        if self.exec.next_event_id == MAX_HISTORY_EVENTS && !ends_execution(kind) {
            return self.history_limit_reached(prev);
        }
        let id = self.exec.next_event_id;
        self.exec.next_event_id += 1;
        let details = self.compact(details);
        self.history.push(HistoryEvent {
            id,
            previous_event_id: prev,
            timestamp_ms: self.now,
            kind,
            details,
        });
        id
    }

    /// Turns large payloads of an event into text (see `Recorded`).
    fn compact(&mut self, details: Details) -> Details {
        match details {
            Details::StateEntered { name, input } => Details::StateEntered {
                name,
                input: self.compact_payload(input),
            },
            Details::StateExited {
                name,
                output,
                assigned,
            } => Details::StateExited {
                name,
                output: self.compact_payload(output),
                assigned,
            },
            Details::ExecutionStarted { input, role_arn } => Details::ExecutionStarted {
                input: self.compact_payload(input),
                role_arn,
            },
            Details::ExecutionSucceeded { output } => Details::ExecutionSucceeded {
                output: self.compact_payload(output),
            },
            Details::Fields(fields) => Details::Fields(
                fields
                    .into_iter()
                    .map(|(name, field)| match field {
                        Field::Payload(payload) => {
                            (name, Field::Payload(self.compact_payload(payload)))
                        }
                        other => (name, other),
                    })
                    .collect(),
            ),
            other => other,
        }
    }

    fn compact_payload(&mut self, recorded: Recorded) -> Recorded {
        let Recorded::Shared(payload) = recorded else {
            return recorded;
        };
        // A state's output is the next state's input: serialize the document once.
        if let Some((cached, text)) = &self.text_cache
            && Arc::ptr_eq(&cached.0, &payload.0)
        {
            return Recorded::Text(text.clone());
        }
        let large = match &self.sized {
            Some((sized, large)) if Arc::ptr_eq(&sized.0, &payload.0) => *large,
            _ => dataflow::exceeds_bound(payload.value(), COMPACT_ABOVE_BYTES),
        };
        if !large {
            return Recorded::Shared(payload);
        }
        let text: Arc<str> = Arc::from(payload.to_json_text());
        self.text_cache = Some((payload, text.clone()));
        Recorded::Text(text)
    }

    /// Records an event that belongs to a frame; frames inside a distributed Map run as
    /// separate child executions, so their events stay out of this history.
    pub(crate) fn record_in(&mut self, fid: u32, prev: u64, kind: T, details: Details) -> u64 {
        let silent = self
            .exec
            .frames
            .get(fid as usize)
            .and_then(Option::as_ref)
            .is_some_and(|frame| frame.silent);
        if silent {
            return prev;
        }
        self.record(prev, kind, details)
    }

    pub(crate) fn frame(&mut self, fid: u32) -> &mut Frame {
        self.exec.frames[fid as usize]
            .as_mut()
            .expect("a frame that is run or notified exists until it is freed")
    }

    pub(crate) fn frame_ref(&self, fid: u32) -> &Frame {
        self.exec.frames[fid as usize]
            .as_ref()
            .expect("a frame that is run or notified exists until it is freed")
    }

    pub(crate) fn new_frame(&mut self, frame: Frame) -> u32 {
        if let Some(fid) = self.exec.free_frames.pop() {
            self.exec.frames[fid as usize] = Some(frame);
            fid
        } else {
            self.exec.frames.push(Some(frame));
            (self.exec.frames.len() - 1) as u32
        }
    }

    pub(crate) fn free_frame(&mut self, fid: u32) -> Option<Frame> {
        let frame = self.exec.frames.get_mut(fid as usize)?.take();
        if frame.is_some() {
            self.exec.free_frames.push(fid);
            self.ready.retain(|&other| other != fid);
        }
        frame
    }

    pub(crate) fn new_timer(&mut self) -> TimerId {
        self.exec.next_timer += 1;
        TimerId(self.exec.next_timer)
    }

    pub(crate) fn start_timer(&mut self, fid: u32, fire_at_ms: i64) -> TimerId {
        let timer = self.new_timer();
        self.exec.timers.insert(timer, fid);
        self.exec.timer_due.insert(timer, fire_at_ms);
        self.commands
            .push(Command::StartTimer { timer, fire_at_ms });
        timer
    }

    pub(crate) fn cancel_timer(&mut self, timer: TimerId) {
        self.exec.timer_due.remove(&timer);
        if self.exec.timers.remove(&timer).is_some() {
            self.commands.push(Command::CancelTimer { timer });
        }
    }

    /// Records the current state's `...StateEntered` event and moves on to its work.
    fn enter(&mut self, fid: u32) {
        let now = self.now;
        let frame = self.frame_ref(fid);
        let state = self.program.state(StateId(frame.state));
        let (prev, input) = (frame.prev, frame.input.clone());
        let id = self.record_in(
            fid,
            prev,
            entered_type(&state.kind),
            Details::StateEntered {
                name: state.name.clone(),
                input: input.into(),
            },
        );
        let n_retriers = state.retry.len();
        let frame = self.frame(fid);
        frame.entered_prev = prev;
        frame.prev = id;
        frame.entered_id = id;
        frame.entered_ms = now;
        frame.retry_counts.clear();
        frame.retry_counts.resize(n_retriers, 0);
        frame.phase = Phase::Act;
    }

    /// Runs the current state's work.
    fn act(&mut self, fid: u32) {
        let state = self.program.state(StateId(self.frame_ref(fid).state));
        let res = match &state.kind {
            Kind::Pass { result } => self.pass(fid, state, result.as_ref()),
            Kind::Choice { rules, default } => self.choice(fid, state, rules, *default),
            Kind::Wait(wait) => self.wait(fid, state, wait),
            Kind::Succeed => self.succeed(fid, state),
            Kind::Fail { error, cause } => self.fail(fid, state, error, cause),
            Kind::Task { .. } => self.task(fid, state),
            Kind::Parallel { branches } => self.parallel(fid, state, branches),
            Kind::Map(map) => self.map(fid, state, map),
        };
        if let Err(failure) = res {
            self.state_failed(fid, failure);
        }
    }

    /// Records the state's `...StateExited` event and follows its transition.
    pub(crate) fn exit(&mut self, fid: u32, output: Payload) {
        self.exit_assigning(fid, output, None);
    }

    /// Moves a frame to another state with this input.
    pub(crate) fn goto(&mut self, fid: u32, next: StateId, input: Payload) {
        let frame = self.frame(fid);
        frame.state = next.0;
        frame.input = input;
        frame.phase = Phase::Enter;
    }

    /// The frame has reached the end of its scope with this output.
    pub(crate) fn frame_succeeded(&mut self, fid: u32, output: Payload) {
        let frame = self.frame_ref(fid);
        match frame.parent {
            Some(link) => {
                let prev = frame.prev;
                self.free_frame(fid);
                self.child_succeeded(link, fid, prev, output);
            }
            None => {
                let prev = frame.prev;
                self.free_frame(fid);
                self.record(
                    prev,
                    T::ExecutionSucceeded,
                    Details::ExecutionSucceeded {
                        output: output.clone().into(),
                    },
                );
                self.exec.output = Some(output);
                self.finish(Status::Succeeded);
            }
        }
    }

    /// The frame has failed and nothing inside it caught the failure.
    pub(crate) fn frame_failed(&mut self, fid: u32, failure: Failure) {
        let frame = self.frame_ref(fid);
        let prev = frame.prev;
        let parent = frame.parent;
        self.free_frame(fid);
        match parent {
            Some(link) => self.child_failed(link, fid, prev, failure),
            None => {
                self.record(
                    prev,
                    T::ExecutionFailed,
                    Details::Failure {
                        error: failure.error.clone(),
                        cause: failure.cause.clone(),
                    },
                );
                self.exec.failure = Some(failure);
                self.finish(Status::Failed);
            }
        }
    }

    /// Ends the execution: cancels every timer and task still outstanding.
    pub(crate) fn finish(&mut self, status: Status) {
        self.exec.status = status;
        let timers: Vec<TimerId> = self.exec.timers.keys().copied().collect();
        for timer in timers {
            self.cancel_timer(timer);
        }
        self.exec.timer_due.clear();
        self.exec.deadline_due = None;
        if let Some(timer) = self.exec.deadline_timer.take() {
            self.commands.push(Command::CancelTimer { timer });
        }
        let tasks: Vec<_> = self.exec.tasks.keys().copied().collect();
        for task in tasks {
            self.commands.push(Command::CancelTask { task });
        }
        self.exec.tasks.clear();
        self.exec.frames.clear();
        self.exec.free_frames.clear();
        self.ready.clear();
    }

    fn timer_fired(&mut self, timer: TimerId) {
        if self.exec.deadline_timer == Some(timer) {
            self.exec.deadline_timer = None;
            self.exec.deadline_due = None;
            let failure = Failure {
                error: Some("States.Timeout".to_owned()),
                cause: None,
            };
            self.end_abnormally(T::ExecutionTimedOut, Status::TimedOut, failure);
            return;
        }
        self.exec.timer_due.remove(&timer);
        let Some(fid) = self.exec.timers.remove(&timer) else {
            return;
        };
        let phase = self.frame_ref(fid).phase.clone();
        match phase {
            Phase::Waiting {
                timer: waiting,
                effective,
            } if waiting == timer => {
                self.wait_done(fid, effective);
                self.ready.push(fid);
            }
            Phase::RetryDelay { timer: waiting } if waiting == timer => {
                self.frame(fid).phase = Phase::Act;
                self.ready.push(fid);
            }
            Phase::Task(_) => self.task_timer_fired(fid, timer),
            _ => {}
        }
    }

    fn stop(&mut self, failure: Failure) {
        self.end_abnormally(T::ExecutionAborted, Status::Aborted, failure);
    }

    /// Aborts everything still running and records the execution's end.
    fn end_abnormally(&mut self, kind: T, status: Status, failure: Failure) {
        let roots: Vec<u32> = (0..self.exec.frames.len() as u32)
            .filter(|&fid| {
                self.exec.frames[fid as usize]
                    .as_ref()
                    .is_some_and(|frame| frame.parent.is_none())
            })
            .collect();
        for fid in roots {
            self.abort_frame(fid);
        }
        let prev = self.exec.next_event_id.saturating_sub(1);
        self.record(
            prev,
            kind,
            Details::Failure {
                error: failure.error.clone(),
                cause: failure.cause.clone(),
            },
        );
        self.exec.failure = Some(failure);
        self.finish(status);
    }

    /// Fails the execution for reaching the history limit. Frames are cleaned up when the step
    /// ends, because the caller may still be holding on to one.
    fn history_limit_reached(&mut self, prev: u64) -> u64 {
        let failure = Failure::new(
            "States.Runtime",
            format!(
                "The execution reached the maximum number of history events ({MAX_HISTORY_EVENTS})."
            ),
        );
        let id = self.exec.next_event_id;
        self.exec.next_event_id += 1;
        self.history.push(HistoryEvent {
            id,
            previous_event_id: prev,
            timestamp_ms: self.now,
            kind: T::ExecutionFailed,
            details: Details::Failure {
                error: failure.error.clone(),
                cause: failure.cause.clone(),
            },
        });
        self.exec.failure = Some(failure);
        self.exec.status = Status::Failed;
        id
    }
    /// A failure raised by the engine while running a state, with AWS's prefix on the cause.
    pub(crate) fn runtime_failure(&self, fid: u32, error: &str, cause: &str) -> Failure {
        let frame = self.frame_ref(fid);
        let state = self.program.state(StateId(frame.state));
        Failure::new(
            error,
            format!(
                "An error occurred while executing the state '{}' (entered at the event id #{}). {}",
                state.name, frame.entered_id, cause
            ),
        )
    }
}

/// Whether an event type ends an execution.
fn ends_execution(kind: T) -> bool {
    matches!(
        kind,
        T::ExecutionSucceeded | T::ExecutionFailed | T::ExecutionAborted | T::ExecutionTimedOut
    )
}

fn entered_type(kind: &Kind) -> T {
    match kind {
        Kind::Pass { .. } => T::PassStateEntered,
        Kind::Task { .. } => T::TaskStateEntered,
        Kind::Choice { .. } => T::ChoiceStateEntered,
        Kind::Wait(_) => T::WaitStateEntered,
        Kind::Succeed => T::SucceedStateEntered,
        Kind::Fail { .. } => T::FailStateEntered,
        Kind::Parallel { .. } => T::ParallelStateEntered,
        Kind::Map(_) => T::MapStateEntered,
    }
}

pub(crate) fn exited_type(kind: &Kind) -> T {
    match kind {
        Kind::Pass { .. } => T::PassStateExited,
        Kind::Task { .. } => T::TaskStateExited,
        Kind::Choice { .. } => T::ChoiceStateExited,
        Kind::Wait(_) => T::WaitStateExited,
        Kind::Succeed => T::SucceedStateExited,
        Kind::Fail { .. } => T::PassStateExited,
        Kind::Parallel { .. } => T::ParallelStateExited,
        Kind::Map(_) => T::MapStateExited,
    }
}

pub(crate) fn new_child(
    parent: ParentLink,
    state: StateId,
    input: Payload,
    prev: u64,
    phase: Phase,
    silent: bool,
    vars: Option<&Payload>,
) -> Frame {
    Frame {
        silent,
        entered_prev: 0,
        vars: vars
            .map(|outer| crate::variables::Vars::child(outer.clone()))
            .unwrap_or_default(),
        parent: Some(parent),
        state: state.0,
        input,
        prev,
        entered_id: 0,
        entered_ms: 0,
        retry_counts: Vec::new(),
        phase,
    }
}
