//! Properties of the interpreter that hold for every input: `engine::step` is deterministic,
//! saving and reloading an `Execution` between events changes nothing, an execution knows what
//! it waits for, the JSONPath data flow keeps its algebra, and retry delays stay within
//! `MaxDelaySeconds`.
//!
//! The world around the engine is simulated by `drive`: it answers the commands of each step
//! (starts and finishes tasks, fires timers), in time order, with task durations and outcomes
//! the test chooses. After every step it checks that `Execution::pending` is what the world
//! knows to be outstanding, before and after a save and reload.

use std::collections::BTreeMap;

use asl::program::Program;
use engine::{
    Command, Event, EventKind, Execution, ExecutionContext, Pending, PendingTask, PendingTimer,
    Status, Step, TaskId, TimerId,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const START_MS: i64 = 1_700_000_000_000;

/// A Wait that assigns a variable, a retried Task and a Parallel whose branches hold a flaky
/// Task (retried with full jitter, and timing out after 5 s) and a Wait followed by a Pass that
/// draws a UUID and a random number from the event's seed and a JSONata Pass that draws them
/// too and reads and assigns variables; the Parallel catches every failure.
fn workflow() -> Value {
    json!({
        "StartAt": "Pause",
        "States": {
            "Pause": {"Type": "Wait", "Seconds": 5, "Assign": {"paused.$": "$$.State.Name"}, "Next": "Call"},
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"Payload.$": "$"},
                "TimeoutSeconds": 3600,
                "Retry": [{"ErrorEquals": ["Flaky.Busy"], "IntervalSeconds": 1, "MaxAttempts": 3}],
                "ResultPath": "$.call",
                "Next": "Both"
            },
            "Both": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "Flaky", "States": {"Flaky": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
                        "TimeoutSeconds": 5,
                        "Retry": [{
                            "ErrorEquals": ["Flaky.Busy"],
                            "IntervalSeconds": 2,
                            "MaxAttempts": 2,
                            "JitterStrategy": "FULL"
                        }],
                        "End": true
                    }}},
                    {"StartAt": "Nap", "States": {
                        "Nap": {"Type": "Wait", "Seconds": 1, "Next": "Draw"},
                        "Draw": {
                            "Type": "Pass",
                            "Parameters": {
                                "id.$": "States.UUID()",
                                "n.$": "States.MathRandom(1, 1000)",
                                "input.$": "$"
                            },
                            "Next": "Roll"
                        },
                        "Roll": {
                            "Type": "Pass",
                            "QueryLanguage": "JSONata",
                            "Output": {
                                "roll": "{% $random() %}",
                                "id": "{% $uuid() %}",
                                "paused": "{% $paused %}"
                            },
                            "Assign": {"rolled": "{% $states.input.n %}"},
                            "End": true
                        }
                    }}
                ],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recovered"}],
                "End": true
            },
            "Recovered": {"Type": "Pass", "Parameters": {"paused.$": "$paused", "input.$": "$"}, "End": true}
        }
    })
}

fn compile(definition: &Value) -> Program {
    asl::program::compile(definition).expect("a definition that compiles")
}

fn context() -> ExecutionContext {
    ExecutionContext {
        execution_arn: "arn:aws:states:us-east-1:123456789012:execution:props:run".to_owned(),
        name: "run".to_owned(),
        role_arn: "arn:aws:iam::123456789012:role/test".to_owned(),
        state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:props".to_owned(),
        state_machine_name: "props".to_owned(),
        start_time_ms: START_MS,
        wait_time_scale: 1.0,
    }
}

fn start(input: Value) -> Event {
    start_scaled(input, 1.0)
}

/// The start event, with Wait durations and retry delays multiplied by `wait_time_scale`.
fn start_scaled(input: Value, wait_time_scale: f64) -> Event {
    Event {
        now_ms: START_MS,
        seed: 7,
        kind: EventKind::Start {
            input,
            context: ExecutionContext {
                wait_time_scale,
                ..context()
            },
        },
    }
}

/// How a task ends once the world gets to it.
#[derive(Clone, Debug)]
enum Outcome {
    Succeed(Value),
    Fail(&'static str),
}

/// What the world does, chosen by the test: task `n` runs for `tasks[n % len].1`
/// milliseconds and then ends with `tasks[n % len].0`.
#[derive(Clone, Debug)]
struct Script {
    tasks: Vec<(Outcome, i64)>,
}

impl Script {
    fn task(&self, task: TaskId) -> &(Outcome, i64) {
        &self.tasks[task.0 as usize % self.tasks.len()]
    }
}

/// Everything a run produced.
#[derive(Debug)]
struct Run {
    history: Vec<Value>,
    commands: Vec<String>,
    execution: Execution,
    /// Each step's arguments, to replay them.
    trace: Vec<(Execution, Event)>,
}

/// Something the world will do at a given time.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Due {
    Start(TaskId),
    Finish(TaskId),
    Fire(TimerId),
}

/// The runtime's view of the commands so far: what happens next, and when.
#[derive(Default)]
struct World {
    /// `(when, sequence number, what)`; the sequence number breaks ties first come, first
    /// served.
    due: Vec<(i64, u64, Due)>,
    n_due: u64,
    /// Timers started and neither cancelled nor fired, with their due times.
    timers: BTreeMap<TimerId, i64>,
    /// Tasks scheduled and neither cancelled nor finished, as scheduled.
    tasks: BTreeMap<TaskId, PendingTask>,
}

impl World {
    fn push(&mut self, at: i64, due: Due) {
        self.due.push((at, self.n_due, due));
        self.n_due += 1;
    }

    fn absorb(&mut self, step: &Step, now: i64, script: &Script) {
        for command in &step.commands {
            match command {
                Command::ScheduleTask {
                    task,
                    resource,
                    input,
                    timeout_seconds,
                    heartbeat_seconds,
                    token,
                } => {
                    let task = *task;
                    let duration = script.task(task).1;
                    self.push(now + 1, Due::Start(task));
                    self.push(now + duration, Due::Finish(task));
                    self.tasks.insert(
                        task,
                        PendingTask {
                            task,
                            resource: resource.clone(),
                            input: input.clone(),
                            started: false,
                            timeout_seconds: *timeout_seconds,
                            heartbeat_seconds: *heartbeat_seconds,
                            token: token.clone(),
                        },
                    );
                }
                Command::CancelTask { task } => {
                    self.due.retain(|(_, _, due)| {
                        ![Due::Start(*task), Due::Finish(*task)].contains(due)
                    });
                    self.tasks.remove(task);
                }
                Command::StartTimer { timer, fire_at_ms } => {
                    self.push(*fire_at_ms, Due::Fire(*timer));
                    self.timers.insert(*timer, *fire_at_ms);
                }
                Command::CancelTimer { timer } => {
                    self.due.retain(|(_, _, due)| *due != Due::Fire(*timer));
                    self.timers.remove(timer);
                }
            }
        }
    }

    /// The next thing that happens, and when.
    fn next(&mut self, script: &Script) -> Option<(i64, EventKind)> {
        let idx = (0..self.due.len()).min_by_key(|&idx| (self.due[idx].0, self.due[idx].1))?;
        let (at, _, due) = self.due.remove(idx);
        match due {
            Due::Start(task) => {
                if let Some(pending) = self.tasks.get_mut(&task) {
                    pending.started = true;
                }
            }
            Due::Finish(task) => {
                self.tasks.remove(&task);
            }
            Due::Fire(timer) => {
                self.timers.remove(&timer);
            }
        }
        let kind = match due {
            Due::Start(task) => EventKind::TaskStarted { task },
            Due::Finish(task) => match &script.task(task).0 {
                Outcome::Succeed(output) => EventKind::TaskSucceeded {
                    task,
                    output: output.clone(),
                },
                Outcome::Fail(error) => EventKind::TaskFailed {
                    task,
                    error: Some((*error).to_owned()),
                    cause: Some("scripted".to_owned()),
                },
            },
            Due::Fire(timer) => EventKind::TimerFired { timer },
        };
        Some((at, kind))
    }

    /// What the execution should be waiting for, after the events delivered so far.
    fn pending(&self) -> Pending {
        Pending {
            timers: self
                .timers
                .iter()
                .map(|(&timer, &fire_at_ms)| PendingTimer { timer, fire_at_ms })
                .collect(),
            tasks: self.tasks.values().cloned().collect(),
        }
    }
}

/// Runs `program` from the `start` event to its end, with the world following `script`; before
/// each event after the start, `reload(turn, execution)` stands in for the runtime's save and
/// load.
///
/// After every step, the execution must wait for exactly what the world has outstanding, and
/// so must the execution `reload` hands back (the store's copy, after a crash).
fn drive(
    program: &Program,
    start: Event,
    script: &Script,
    reload: impl Fn(usize, Execution) -> Execution,
) -> Run {
    let mut run = Run {
        history: Vec::new(),
        commands: Vec::new(),
        execution: Execution::default(),
        trace: Vec::new(),
    };
    let mut world = World::default();
    let mut now = START_MS;
    let mut event = start;
    let mut outstanding = Pending::default();
    for turn in 0..200 {
        let execution = reload(turn, std::mem::take(&mut run.execution));
        assert_eq!(execution.pending(), outstanding, "turn {turn}, reloaded");
        run.trace.push((execution.clone(), event.clone()));
        let step = engine::step(program, execution, event);
        run.history
            .extend(step.history.iter().map(|event| event.to_api_json(true)));
        run.commands
            .extend(step.commands.iter().map(|command| format!("{command:?}")));
        world.absorb(&step, now, script);
        run.execution = step.execution;
        outstanding = world.pending();
        assert_eq!(
            run.execution.pending(),
            outstanding,
            "turn {turn}: {run:#?}"
        );
        if run.execution.status.is_final() {
            assert!(
                outstanding.is_empty(),
                "turn {turn}: an ended execution waits"
            );
            let reloaded = reload(turn + 1, run.execution.clone());
            assert_eq!(reloaded.pending(), outstanding, "the end, reloaded");
            return run;
        }
        let Some((at, kind)) = world.next(script) else {
            return run;
        };
        now = now.max(at);
        event = Event {
            now_ms: now,
            seed: 1000 + turn as u64,
            kind,
        };
    }
    panic!("the execution did not end in 200 events: {run:#?}")
}

/// A saved and reloaded execution, as the store would hand it back.
fn round_trip(execution: Execution) -> Execution {
    let text = serde_json::to_string(&execution).expect("an execution serializes");
    serde_json::from_str(&text).expect("a saved execution deserializes")
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-c]{1,2}", inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::vec(("[a-d]{1,3}", json_value()), 0..5)
        .prop_map(|entries| Value::Object(entries.into_iter().collect()))
}

/// An execution input: a small object, a quarter of the time with a field large enough
/// (over 16 KiB) that history keeps the payloads that carry it as text.
fn workflow_input() -> impl Strategy<Value = Value> {
    let big = prop_oneof![3 => Just(None), 1 => (16_000usize..20_000).prop_map(Some)];
    (json_object(), big).prop_map(|(mut input, big)| {
        if let Some(n_bytes) = big {
            input["big"] = Value::String("x".repeat(n_bytes));
        }
        input
    })
}

fn script() -> impl Strategy<Value = Script> {
    let outcome = prop_oneof![
        6 => json_value().prop_map(Outcome::Succeed),
        2 => Just(Outcome::Fail("Flaky.Busy")),
        1 => Just(Outcome::Fail("Fatal.Error")),
    ];
    prop::collection::vec((outcome, 2i64..8_000), 1..6).prop_map(|tasks| Script { tasks })
}

/// Runs a one-state machine whose only state is the Pass state `pass` and returns its output.
fn run_pass(mut pass: Value, input: Value) -> Value {
    pass["Type"] = json!("Pass");
    pass["End"] = json!(true);
    let program = compile(&json!({"StartAt": "P", "States": {"P": pass}}));
    let step = engine::step(&program, Execution::default(), start(input));
    assert_eq!(step.execution.status, Status::Succeeded, "{step:#?}");
    step.execution
        .output
        .expect("a succeeded execution has an output")
        .value()
        .clone()
}

/// A Task state with one retrier for every error.
fn retrying_task(retrier: &Value) -> Value {
    json!({
        "StartAt": "Call",
        "States": {"Call": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Retry": [retrier],
            "End": true
        }}
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn step_is_deterministic(input in workflow_input(), script in script()) {
        let program = compile(&workflow());
        let run = drive(&program, start(input), &script, |_, execution| execution);
        for (execution, event) in run.trace {
            let first = engine::step(&program, execution.clone(), event.clone());
            let second = engine::step(&program, execution, event.clone());
            prop_assert_eq!(&first.execution, &second.execution, "after {:?}", event);
            let history = |step: &Step| -> Vec<Value> {
                step.history.iter().map(|event| event.to_api_json(true)).collect()
            };
            prop_assert_eq!(history(&first), history(&second), "after {:?}", event);
            prop_assert_eq!(
                format!("{:?}", first.commands),
                format!("{:?}", second.commands),
                "after {:?}",
                event
            );
        }
    }

    #[test]
    fn saving_and_reloading_the_execution_changes_nothing(
        input in workflow_input(),
        script in script(),
        reload_at in prop::collection::vec(any::<bool>(), 0..40),
    ) {
        let program = compile(&workflow());
        let kept = drive(&program, start(input.clone()), &script, |_, execution| execution);
        let reloaded = drive(&program, start(input), &script, |turn, execution| {
            if reload_at.get(turn).copied().unwrap_or(true) {
                round_trip(execution)
            } else {
                execution
            }
        });
        prop_assert_eq!(&kept.history, &reloaded.history);
        prop_assert_eq!(&kept.commands, &reloaded.commands);
        prop_assert_eq!(&kept.execution.output, &reloaded.execution.output);
        prop_assert_eq!(&kept.execution, &reloaded.execution);
    }

    #[test]
    fn an_execution_knows_what_it_waits_for(
        input in workflow_input(),
        script in script(),
        timeout_seconds in prop::option::of(5u64..60),
        wait_time_scale in prop_oneof![Just(1.0), Just(0.5), Just(0.0), Just(2.5)],
    ) {
        // `drive` checks `pending` after every step and after every reload; this varies what it
        // drives: an execution `TimeoutSeconds` (sometimes reached, sometimes not) and the
        // wait time scale.
        let mut definition = workflow();
        if let Some(seconds) = timeout_seconds {
            definition["TimeoutSeconds"] = json!(seconds);
        }
        let program = compile(&definition);
        let run = drive(&program, start_scaled(input, wait_time_scale), &script, |_, execution| {
            round_trip(execution)
        });
        prop_assert!(run.execution.status.is_final(), "{:?}", run.execution.status);
    }

    #[test]
    fn result_path_dollar_replaces_the_input(input in json_value(), result in json_value()) {
        let output = run_pass(json!({"Result": result.clone(), "ResultPath": "$"}), input);
        prop_assert_eq!(output, result);
    }

    #[test]
    fn input_path_dollar_is_identity(input in json_value()) {
        let output = run_pass(json!({"InputPath": "$"}), input.clone());
        prop_assert_eq!(output, input);
    }

    #[test]
    fn result_path_null_passes_the_input_through(input in json_value(), result in json_value()) {
        let output = run_pass(json!({"Result": result, "ResultPath": null}), input.clone());
        prop_assert_eq!(output, input);
    }

    #[test]
    fn retry_delays_stay_between_zero_and_max_delay(
        interval_seconds in 1u64..10,
        backoff_rate in 1.0f64..3.0,
        max_attempts in 1u64..5,
        max_delay_seconds in 1u64..20,
        full_jitter in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let retrier = json!({
            "ErrorEquals": ["States.ALL"],
            "IntervalSeconds": interval_seconds,
            "BackoffRate": backoff_rate,
            "MaxAttempts": max_attempts,
            "MaxDelaySeconds": max_delay_seconds,
            "JitterStrategy": if full_jitter { "FULL" } else { "NONE" },
        });
        let program = compile(&retrying_task(&retrier));
        let mut now = START_MS;
        let mut step = engine::step(&program, Execution::default(), start(json!({})));
        let mut n_delays = 0;
        for turn in 0..=max_attempts {
            let task = step.commands.iter().find_map(|command| match command {
                Command::ScheduleTask { task, .. } => Some(*task),
                _ => None,
            });
            let Some(task) = task else {
                prop_assert!(false, "turn {}: no task scheduled: {:?}", turn, step.commands);
                return Ok(());
            };
            now += 10;
            step = engine::step(&program, step.execution, Event {
                now_ms: now,
                seed: seed.wrapping_add(turn),
                kind: EventKind::TaskFailed {
                    task,
                    error: Some("Boom".to_owned()),
                    cause: None,
                },
            });
            let Some((timer, fire_at_ms)) = step.commands.iter().find_map(|command| match command {
                Command::StartTimer { timer, fire_at_ms } => Some((*timer, *fire_at_ms)),
                _ => None,
            }) else {
                break;
            };
            let delay_ms = fire_at_ms - now;
            prop_assert!(
                (0..=max_delay_seconds as i64 * 1000).contains(&delay_ms),
                "retry {} waits {} ms, outside [0, {} s]",
                n_delays + 1,
                delay_ms,
                max_delay_seconds
            );
            n_delays += 1;
            now = fire_at_ms;
            step = engine::step(&program, step.execution, Event {
                now_ms: now,
                seed: seed.wrapping_add(100 + turn),
                kind: EventKind::TimerFired { timer },
            });
        }
        prop_assert_eq!(n_delays, max_attempts, "one delay per retry");
        prop_assert_eq!(step.execution.status, Status::Failed);
    }
}
