//! Properties of the interpreter that hold for every input: `engine::step` is deterministic,
//! saving and reloading an `Execution` between events changes nothing, the JSONPath data flow
//! keeps its algebra, and retry delays stay within `MaxDelaySeconds`.
//!
//! The world around the engine is simulated by `drive`: it answers the commands of each step
//! (starts and finishes tasks, fires timers in time order) in an order the test chooses.

use std::collections::BTreeMap;

use asl::program::Program;
use engine::{
    Command, Event, EventKind, Execution, ExecutionContext, Status, Step, TaskId, TimerId,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const START_MS: i64 = 1_700_000_000_000;

/// A Wait, a Task and a Parallel whose branches hold a flaky Task (retried with full jitter)
/// and a Wait followed by a Pass that draws a UUID and a random number from the event's seed.
fn workflow() -> Value {
    json!({
        "StartAt": "Pause",
        "States": {
            "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Call"},
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"Payload.$": "$"},
                "TimeoutSeconds": 3600,
                "ResultPath": "$.call",
                "Next": "Both"
            },
            "Both": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "Flaky", "States": {"Flaky": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
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
                            "End": true
                        }
                    }}
                ],
                "End": true
            }
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
    }
}

fn start(input: Value) -> Event {
    Event {
        now_ms: START_MS,
        seed: 7,
        kind: EventKind::Start {
            input,
            context: context(),
        },
    }
}

/// How a task ends once the world gets to it.
#[derive(Clone, Debug)]
enum Outcome {
    Succeed(Value),
    Fail(&'static str),
}

/// What the world does, chosen by the test: how each task ends (task `n` takes
/// `outcomes[n % len]`) and, at each turn, which of the possible next events happens.
#[derive(Clone, Debug)]
struct Script {
    outcomes: Vec<Outcome>,
    choices: Vec<usize>,
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

/// The runtime's view of the commands so far.
#[derive(Default)]
struct World {
    /// Tasks scheduled and not yet finished, with whether they have started.
    tasks: BTreeMap<TaskId, bool>,
    timers: BTreeMap<TimerId, i64>,
}

impl World {
    fn absorb(&mut self, step: &Step) {
        for command in &step.commands {
            match command {
                Command::ScheduleTask { task, .. } => {
                    self.tasks.insert(*task, false);
                }
                Command::CancelTask { task } => {
                    self.tasks.remove(task);
                }
                Command::StartTimer { timer, fire_at_ms } => {
                    self.timers.insert(*timer, *fire_at_ms);
                }
                Command::CancelTimer { timer } => {
                    self.timers.remove(timer);
                }
            }
        }
    }

    /// The events that could happen next: any task moves on, or the earliest timer fires.
    fn candidates(&self, script: &Script) -> Vec<(EventKind, Option<i64>)> {
        let mut res: Vec<(EventKind, Option<i64>)> = self
            .tasks
            .iter()
            .map(|(&task, &started)| {
                let kind = if !started {
                    EventKind::TaskStarted { task }
                } else {
                    match &script.outcomes[task.0 as usize % script.outcomes.len()] {
                        Outcome::Succeed(output) => EventKind::TaskSucceeded {
                            task,
                            output: output.clone(),
                        },
                        Outcome::Fail(error) => EventKind::TaskFailed {
                            task,
                            error: Some((*error).to_owned()),
                            cause: Some("scripted".to_owned()),
                        },
                    }
                };
                (kind, None)
            })
            .collect();
        if let Some((&timer, &at)) = self.timers.iter().min_by_key(|(timer, at)| (**at, **timer)) {
            res.push((EventKind::TimerFired { timer }, Some(at)));
        }
        res
    }

    fn happened(&mut self, kind: &EventKind) {
        match kind {
            EventKind::TaskStarted { task } => {
                self.tasks.insert(*task, true);
            }
            EventKind::TaskSucceeded { task, .. } | EventKind::TaskFailed { task, .. } => {
                self.tasks.remove(task);
            }
            EventKind::TimerFired { timer } => {
                self.timers.remove(timer);
            }
            _ => {}
        }
    }
}

/// Runs `program` on `input` to its end, with the world following `script`; before each event
/// after the start, `reload(turn, execution)` stands in for the runtime's save and load.
fn drive(
    program: &Program,
    input: Value,
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
    let mut event = start(input);
    for turn in 0..200 {
        let execution = reload(turn, std::mem::take(&mut run.execution));
        run.trace.push((execution.clone(), event.clone()));
        let step = engine::step(program, execution, event);
        run.history
            .extend(step.history.iter().map(|event| event.to_api_json(true)));
        run.commands
            .extend(step.commands.iter().map(|command| format!("{command:?}")));
        world.absorb(&step);
        run.execution = step.execution;
        if run.execution.status.is_final() {
            return run;
        }
        let mut candidates = world.candidates(script);
        if candidates.is_empty() {
            return run;
        }
        let choice = script.choices.get(turn).copied().unwrap_or_default();
        let (kind, fire_at) = candidates.swap_remove(choice % candidates.len());
        world.happened(&kind);
        now = fire_at.map_or(now + 10, |at| now.max(at));
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

fn script() -> impl Strategy<Value = Script> {
    let outcome = prop_oneof![
        3 => json_value().prop_map(Outcome::Succeed),
        1 => Just(Outcome::Fail("Flaky.Busy")),
        1 => Just(Outcome::Fail("Fatal.Error")),
    ];
    (
        prop::collection::vec(outcome, 1..6),
        prop::collection::vec(0usize..8, 0..40),
    )
        .prop_map(|(outcomes, choices)| Script { outcomes, choices })
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
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn step_is_deterministic(input in json_object(), script in script()) {
        let program = compile(&workflow());
        let run = drive(&program, input, &script, |_, execution| execution);
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
        input in json_object(),
        script in script(),
        reload_at in prop::collection::vec(any::<bool>(), 0..40),
    ) {
        let program = compile(&workflow());
        let kept = drive(&program, input.clone(), &script, |_, execution| execution);
        let reloaded = drive(&program, input, &script, |turn, execution| {
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

#[test]
fn zz_stats() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let program = compile(&workflow());
    let mut runner = TestRunner::deterministic();
    let mut stats = BTreeMap::new();
    for _ in 0..200 {
        let input = json_object().new_tree(&mut runner).unwrap().current();
        let script = script().new_tree(&mut runner).unwrap().current();
        let run = drive(&program, input, &script, |_, e| e);
        let last = run.history.last().unwrap()["type"]
            .as_str()
            .unwrap()
            .to_owned();
        let par = run
            .history
            .iter()
            .any(|h| h["type"] == "ParallelStateSucceeded");
        let retried = run
            .history
            .iter()
            .filter(|h| h["type"] == "TaskScheduled")
            .count();
        *stats
            .entry((last, par, retried, run.trace.len()))
            .or_insert(0) += 1;
    }
    for (k, v) in stats {
        println!("{k:?} {v}");
    }
    let script = Script {
        outcomes: vec![Outcome::Succeed(json!(1))],
        choices: vec![],
    };
    let run = drive(&program, json!({"a": 1}), &script, |_, e| round_trip(e));
    for h in &run.history {
        println!("{h}");
    }
    println!("{}", serde_json::to_string(&run.trace[3].0).unwrap());
}
