//! `ExecutionContext::wait_time_scale`: Wait durations and retry delays are multiplied by it,
//! task and execution timeouts are not.
//!
//! Each case is a definition, a scale and the delays of the timers the execution starts, in
//! order. `check` runs the execution with a world read from `Execution::pending` alone: a task
//! fails with `Boom` at once, and otherwise the earliest timer fires.

use engine::{Event, EventKind, Execution, ExecutionContext, Status};
use serde_json::{Value, json};

const START_MS: i64 = 1_700_000_000_000;

/// `START_MS` plus ten seconds.
const IN_TEN_SECONDS: &str = "2023-11-14T22:13:30Z";

/// Runs `definition` with this scale and returns every timer's delay, in milliseconds from
/// the step that started it, and how the execution ended.
fn check(definition: Value, wait_time_scale: f64) -> (Vec<i64>, Status) {
    let program = asl::program::compile(&definition).expect("a definition that compiles");
    let context = ExecutionContext {
        start_time_ms: START_MS,
        wait_time_scale,
        ..ExecutionContext::default()
    };
    let mut now = START_MS;
    let mut kind = EventKind::Start {
        input: json!({"seconds": 10, "until": IN_TEN_SECONDS}),
        context,
    };
    let mut execution = Execution::default();
    let mut delays = Vec::new();
    for idx in 0..20 {
        let event = Event {
            now_ms: now,
            seed: idx,
            kind,
        };
        let step = engine::step(&program, execution, event);
        for command in &step.commands {
            if let engine::Command::StartTimer { fire_at_ms, .. } = command {
                delays.push(fire_at_ms - now);
            }
        }
        // A saved execution knows its scale and what it waits for.
        let text = serde_json::to_string(&step.execution).expect("an execution serializes");
        execution = serde_json::from_str(&text).expect("a saved execution deserializes");
        let pending = execution.pending();
        if execution.status.is_final() {
            return (delays, execution.status);
        }
        kind = if let Some(task) = pending.tasks.first() {
            EventKind::TaskFailed {
                task: task.task,
                error: Some("Boom".to_owned()),
                cause: None,
            }
        } else if let Some(timer) = pending.timers.iter().min_by_key(|timer| timer.fire_at_ms) {
            now = now.max(timer.fire_at_ms);
            EventKind::TimerFired { timer: timer.timer }
        } else {
            panic!("a running execution waits for nothing: {execution:?}");
        };
    }
    panic!("the execution did not end in 20 events")
}

fn wait(wait: Value) -> Value {
    let mut state = wait;
    state["Type"] = json!("Wait");
    state["End"] = json!(true);
    json!({"StartAt": "W", "States": {"W": state}})
}

fn jsonata_wait(wait: Value) -> Value {
    let mut definition = self::wait(wait);
    definition["QueryLanguage"] = json!("JSONata");
    definition
}

/// A Task that fails with `Boom`, retried twice: 2 s, then 4 s capped at 3 s.
fn retried_task() -> Value {
    json!({"StartAt": "T", "States": {"T": {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Retry": [{
            "ErrorEquals": ["Boom"],
            "IntervalSeconds": 2,
            "BackoffRate": 2,
            "MaxDelaySeconds": 3,
            "MaxAttempts": 2
        }],
        "End": true
    }}})
}

#[test]
fn waits_are_scaled() {
    let succeeded = |delays: &[i64]| (delays.to_vec(), Status::Succeeded);
    let cases = [
        wait(json!({"Seconds": 10})),
        wait(json!({"SecondsPath": "$.seconds"})),
        wait(json!({"Timestamp": IN_TEN_SECONDS})),
        wait(json!({"TimestampPath": "$.until"})),
        jsonata_wait(json!({"Seconds": 10})),
        jsonata_wait(json!({"Seconds": "{% $states.input.seconds %}"})),
        jsonata_wait(json!({"Timestamp": IN_TEN_SECONDS})),
        jsonata_wait(json!({"Timestamp": "{% $states.input.until %}"})),
    ];
    for definition in cases {
        assert_eq!(
            check(definition.clone(), 0.5),
            succeeded(&[5_000]),
            "{definition}"
        );
        assert_eq!(
            check(definition.clone(), 2.0),
            succeeded(&[20_000]),
            "{definition}"
        );
        assert_eq!(
            check(definition.clone(), 1.0),
            succeeded(&[10_000]),
            "{definition}"
        );
        // A scale of zero makes the wait immediate: no timer at all.
        assert_eq!(
            check(definition.clone(), 0.0),
            succeeded(&[]),
            "{definition}"
        );
    }
}

#[test]
fn a_timestamp_in_the_past_stays_immediate() {
    let definition = wait(json!({"Timestamp": "2020-01-01T00:00:00Z"}));
    assert_eq!(check(definition, 0.5), (vec![], Status::Succeeded));
}

#[test]
fn retry_delays_are_scaled_after_max_delay() {
    assert_eq!(
        check(retried_task(), 1.0),
        (vec![2_000, 3_000], Status::Failed)
    );
    assert_eq!(
        check(retried_task(), 0.5),
        (vec![1_000, 1_500], Status::Failed)
    );
    assert_eq!(check(retried_task(), 0.0), (vec![0, 0], Status::Failed));
}

#[test]
fn task_and_execution_timeouts_are_not_scaled() {
    let definition = json!({"StartAt": "T", "TimeoutSeconds": 60, "States": {"T": {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "TimeoutSeconds": 30,
        "HeartbeatSeconds": 10,
        "End": true
    }}});
    assert_eq!(
        check(definition, 0.5),
        (vec![60_000, 30_000, 10_000], Status::Failed)
    );
}

#[test]
fn a_scale_that_is_not_a_non_negative_number_counts_as_one() {
    for scale in [-1.0, -0.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(
            check(wait(json!({"Seconds": 10})), scale),
            (vec![10_000], Status::Succeeded),
            "scale {scale}"
        );
        assert_eq!(
            check(retried_task(), scale),
            (vec![2_000, 3_000], Status::Failed),
            "scale {scale}"
        );
    }
}

#[test]
fn the_context_object_does_not_show_the_scale() {
    let definition = json!({"StartAt": "P", "States": {"P": {
        "Type": "Pass", "Parameters": {"context.$": "$$"}, "End": true
    }}});
    let program = asl::program::compile(&definition).expect("a definition that compiles");
    let output = |wait_time_scale: f64| {
        let context = ExecutionContext {
            start_time_ms: START_MS,
            wait_time_scale,
            ..ExecutionContext::default()
        };
        let event = Event {
            now_ms: START_MS,
            seed: 1,
            kind: EventKind::Start {
                input: json!({}),
                context,
            },
        };
        let step = engine::step(&program, Execution::default(), event);
        step.execution.output.map(|output| output.value().clone())
    };
    assert_eq!(output(0.5), output(1.0));
}

#[test]
fn a_context_saved_without_a_scale_loads_with_one() {
    let mut saved = serde_json::to_value(ExecutionContext::default()).expect("serializes");
    assert_eq!(saved["wait_time_scale"], json!(1.0));
    saved
        .as_object_mut()
        .expect("a context is an object")
        .remove("wait_time_scale");
    let context: ExecutionContext = serde_json::from_value(saved).expect("deserializes");
    assert_eq!(context.wait_time_scale, 1.0);
    let nan = ExecutionContext {
        wait_time_scale: f64::NAN,
        ..ExecutionContext::default()
    };
    let text = serde_json::to_string(&nan).expect("serializes");
    let context: ExecutionContext = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(context.wait_time_scale, 1.0);
}
