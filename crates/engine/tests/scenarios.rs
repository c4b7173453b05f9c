//! Golden scenarios: each `scenarios/NAME.asl.json` runs through `engine::step` alone, driven
//! by `NAME.script.json` (what the world does), and its history is snapshotted one event per
//! line, followed by the final status and output.

use std::collections::BTreeMap;
use std::path::Path;

use engine::{Command, Event, EventKind, Execution, ExecutionContext, Step, TaskId, TimerId};
use serde_json::{Value, json};

const START_MS: i64 = 1_700_000_000_000;

/// Runs one scenario and renders its history.
fn check(name: &str, dir: &Path) -> String {
    let read =
        |suffix: &str| std::fs::read_to_string(dir.join(format!("{name}.{suffix}.json"))).ok();
    let definition: Value =
        serde_json::from_str(&read("asl").expect("definition")).expect("definition JSON");
    let input: Value = read("input").map_or(json!({}), |text| {
        serde_json::from_str(&text).expect("input JSON")
    });
    let script: Vec<Value> = read("script").map_or(Vec::new(), |text| {
        serde_json::from_str(&text).expect("script JSON")
    });
    // `NAME.context.json` may set the context's `wait_time_scale`.
    let wait_time_scale = read("context").map_or(1.0, |text| {
        let context: Value = serde_json::from_str(&text).expect("context JSON");
        context["wait_time_scale"]
            .as_f64()
            .expect("a context file sets wait_time_scale")
    });
    let program = asl::program::compile(&definition).expect("a definition that compiles");
    let context = ExecutionContext {
        execution_arn: format!("arn:aws:states:us-east-1:123456789012:execution:{name}:run"),
        name: "run".to_owned(),
        role_arn: "arn:aws:iam::123456789012:role/test".to_owned(),
        state_machine_arn: format!("arn:aws:states:us-east-1:123456789012:stateMachine:{name}"),
        state_machine_name: name.to_owned(),
        start_time_ms: START_MS,
        wait_time_scale,
    };
    let mut world = World::default();
    let mut now = START_MS;
    let mut step = engine::step(
        &program,
        Execution::default(),
        Event {
            now_ms: now,
            seed: 7,
            kind: EventKind::Start { input, context },
        },
    );
    let mut lines = Vec::new();
    world.absorb(&mut step, &mut lines, now);
    for (idx, action) in script.iter().enumerate() {
        let kind = if action.get("fire") == Some(&json!("timer")) {
            let (timer, at) = world.earliest_timer().expect("a pending timer to fire");
            now = now.max(at);
            world.timers.remove(&timer);
            EventKind::TimerFired { timer }
        } else if let Some(task) = action.get("task").and_then(Value::as_u64) {
            let task = TaskId(task);
            if let Some(output) = action.get("succeed") {
                EventKind::TaskSucceeded {
                    task,
                    output: output.clone(),
                }
            } else if let Some(failure) = action.get("fail") {
                EventKind::TaskFailed {
                    task,
                    error: failure
                        .get("error")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    cause: failure
                        .get("cause")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                }
            } else if action.get("heartbeat").is_some() {
                EventKind::TaskHeartbeat { task }
            } else {
                EventKind::TaskStarted { task }
            }
        } else if let Some(stop) = action.get("stop") {
            EventKind::Stop {
                error: stop.get("error").and_then(Value::as_str).map(str::to_owned),
                cause: stop.get("cause").and_then(Value::as_str).map(str::to_owned),
            }
        } else if let Some(ms) = action.get("advance_ms").and_then(Value::as_i64) {
            now += ms;
            continue;
        } else {
            panic!("script step {idx} of {name} is not understood: {action}");
        };
        step = engine::step(
            &program,
            step.execution,
            Event {
                now_ms: now,
                seed: 100 + idx as u64,
                kind,
            },
        );
        world.absorb(&mut step, &mut lines, now);
    }
    let execution = &step.execution;
    lines.push(format!("status: {:?}", execution.status));
    if let Some(output) = &execution.output {
        lines.push(format!("output: {}", output.to_json_text()));
    }
    if let Some(failure) = &execution.failure {
        lines.push(format!("error: {:?}", failure.error));
        lines.push(format!("cause: {:?}", failure.cause));
    }
    lines.join("\n")
}

#[derive(Default)]
struct World {
    timers: BTreeMap<TimerId, i64>,
}

impl World {
    fn absorb(&mut self, step: &mut Step, lines: &mut Vec<String>, now: i64) {
        for event in &step.history {
            let mut api = event.to_api_json(true);
            let object = api.as_object_mut().expect("an event is an object");
            object.remove("timestamp");
            object.remove("type");
            object.remove("id");
            object.remove("previousEventId");
            let details = object
                .values()
                .next()
                .map(Value::to_string)
                .unwrap_or_default();
            lines.push(format!(
                "{:>3} {:<3} {:<24} {}",
                event.id,
                event.previous_event_id,
                event.kind.as_str(),
                details
            ));
        }
        for command in &step.commands {
            match command {
                Command::StartTimer { timer, fire_at_ms } => {
                    self.timers.insert(*timer, *fire_at_ms);
                    lines.push(format!(
                        "    > timer {} in {} ms",
                        timer.0,
                        fire_at_ms - now
                    ));
                }
                Command::CancelTimer { timer } => {
                    self.timers.remove(timer);
                    lines.push(format!("    > cancel timer {}", timer.0));
                }
                Command::ScheduleTask {
                    task,
                    resource,
                    input,
                    ..
                } => {
                    lines.push(format!("    > task {} {resource} {input}", task.0));
                }
                Command::CancelTask { task } => lines.push(format!("    > cancel task {}", task.0)),
            }
        }
    }

    fn earliest_timer(&self) -> Option<(TimerId, i64)> {
        self.timers
            .iter()
            .min_by_key(|(_, at)| **at)
            .map(|(timer, at)| (*timer, *at))
    }
}

#[test]
fn scenarios() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the scenarios folder")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".asl.json").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no scenarios found");
    for name in names {
        let rendered = check(&name, &dir);
        insta::assert_snapshot!(name.clone(), rendered);
    }
}
