//! `Execution::pending`: what a restarted runtime must start again, read from the saved
//! execution alone, including executions saved before due times and task inputs were kept.
//!
//! `check` runs a definition through a list of events, one second apart, and returns the
//! execution as the store would hand it back.

use engine::{
    Event, EventKind, Execution, ExecutionContext, Pending, PendingTask, PendingTimer, Status,
    TaskId, TimerId,
};
use serde_json::{Value, json};

const START_MS: i64 = 1_700_000_000_000;

fn check(definition: Value, input: Value, events: Vec<EventKind>) -> Execution {
    let program = asl::program::compile(&definition).expect("a definition that compiles");
    let start = EventKind::Start {
        input,
        context: ExecutionContext {
            start_time_ms: START_MS,
            ..ExecutionContext::default()
        },
    };
    let mut execution = Execution::default();
    for (idx, kind) in std::iter::once(start).chain(events).enumerate() {
        let event = Event {
            now_ms: START_MS + 1_000 * idx as i64,
            seed: idx as u64,
            kind,
        };
        execution = engine::step(&program, execution, event).execution;
    }
    let text = serde_json::to_string(&execution).expect("an execution serializes");
    serde_json::from_str(&text).expect("a saved execution deserializes")
}

/// The execution as a version that kept no due times or task inputs would have saved it.
fn saved_by_an_older_version(execution: &Execution) -> Execution {
    let mut saved = serde_json::to_value(execution).expect("an execution serializes");
    let object = saved.as_object_mut().expect("an execution is an object");
    object.remove("timer_due");
    object.remove("deadline_due");
    if let Some(context) = object.get_mut("context").and_then(Value::as_object_mut) {
        context.remove("wait_time_scale");
    }
    for frame in object
        .get_mut("frames")
        .and_then(Value::as_array_mut)
        .expect("an execution has frames")
    {
        if let Some(wait) = frame
            .pointer_mut("/phase/Task")
            .and_then(Value::as_object_mut)
        {
            wait.remove("full_resource");
            wait.remove("input");
            wait.remove("timeout_seconds");
        }
    }
    serde_json::from_value(saved).expect("an older saved execution deserializes")
}

fn timer(timer: u64, after_ms: i64) -> PendingTimer {
    PendingTimer {
        timer: TimerId(timer),
        fire_at_ms: START_MS + after_ms,
    }
}

fn lambda_task(task: u64, input: Value, started: bool) -> PendingTask {
    PendingTask {
        task: TaskId(task),
        resource: "arn:aws:states:::lambda:invoke".to_owned(),
        input,
        started,
        timeout_seconds: Some(30),
        heartbeat_seconds: None,
        token: None,
    }
}

/// A Wait, then a Task with a timeout, under an execution `TimeoutSeconds`.
fn wait_then_task() -> Value {
    json!({"StartAt": "Pause", "TimeoutSeconds": 60, "States": {
        "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Call"},
        "Call": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"n.$": "$.n"},
            "TimeoutSeconds": 30,
            "End": true
        }
    }})
}

/// A Map running two tasks at a time.
fn map_of_tasks() -> Value {
    json!({"StartAt": "Each", "States": {"Each": {
        "Type": "Map",
        "MaxConcurrency": 2,
        "ItemProcessor": {"StartAt": "Call", "States": {"Call": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "TimeoutSeconds": 30,
            "End": true
        }}},
        "End": true
    }}})
}

#[test]
fn a_wait_and_the_execution_timeout() {
    let execution = check(wait_then_task(), json!({"n": 1}), vec![]);
    let expected = Pending {
        timers: vec![timer(1, 60_000), timer(2, 10_000)],
        tasks: vec![],
    };
    assert_eq!(execution.pending(), expected);
    assert_eq!(engine::pending(&execution), expected);
}

#[test]
fn a_started_task_and_its_timeout() {
    let execution = check(
        wait_then_task(),
        json!({"n": 1}),
        vec![
            EventKind::TimerFired { timer: TimerId(2) },
            EventKind::TaskStarted { task: TaskId(1) },
        ],
    );
    let expected = Pending {
        // The task was scheduled one second after the start.
        timers: vec![timer(1, 60_000), timer(3, 31_000)],
        tasks: vec![lambda_task(1, json!({"n": 1}), true)],
    };
    assert_eq!(execution.pending(), expected);
}

#[test]
fn an_ended_execution_waits_for_nothing() {
    let succeeded = check(
        wait_then_task(),
        json!({"n": 1}),
        vec![
            EventKind::TimerFired { timer: TimerId(2) },
            EventKind::TaskSucceeded {
                task: TaskId(1),
                output: json!(null),
            },
        ],
    );
    assert_eq!(succeeded.status, Status::Succeeded);
    assert!(succeeded.pending().is_empty());
    let stopped = check(
        map_of_tasks(),
        json!([1, 2, 3]),
        vec![EventKind::Stop {
            error: None,
            cause: None,
        }],
    );
    assert_eq!(stopped.status, Status::Aborted);
    assert!(stopped.pending().is_empty());
}

#[test]
fn map_iterations_in_flight() {
    let execution = check(map_of_tasks(), json!([1, 2, 3]), vec![]);
    assert_eq!(
        execution.pending(),
        Pending {
            timers: vec![timer(1, 30_000), timer(2, 30_000)],
            tasks: vec![
                lambda_task(1, json!(1), false),
                lambda_task(2, json!(2), false)
            ],
        }
    );
    let execution = check(
        map_of_tasks(),
        json!([1, 2, 3]),
        vec![EventKind::TaskSucceeded {
            task: TaskId(1),
            output: json!("one"),
        }],
    );
    assert_eq!(
        execution.pending(),
        Pending {
            timers: vec![timer(2, 30_000), timer(3, 31_000)],
            tasks: vec![
                lambda_task(2, json!(2), false),
                lambda_task(3, json!(3), false)
            ],
        }
    );
}

#[test]
fn the_commands_start_the_same_work_again() {
    let program = asl::program::compile(&wait_then_task()).expect("a definition that compiles");
    let start = Event {
        now_ms: START_MS,
        seed: 1,
        kind: EventKind::Start {
            input: json!({"n": 1}),
            context: ExecutionContext::default(),
        },
    };
    let step = engine::step(&program, Execution::default(), start);
    assert_eq!(step.execution.pending().commands(), step.commands);
}

#[test]
fn an_older_saved_wait_is_due_at_once_and_its_deadline_is_dropped() {
    let execution = check(wait_then_task(), json!({"n": 1}), vec![]);
    let older = saved_by_an_older_version(&execution);
    assert_eq!(older.context.wait_time_scale, 1.0);
    assert_eq!(
        older.pending(),
        Pending {
            timers: vec![timer(2, 0)],
            tasks: vec![],
        }
    );
}

#[test]
fn an_older_saved_task_has_no_input_and_still_finishes() {
    let events = vec![EventKind::TimerFired { timer: TimerId(2) }];
    let execution = check(wait_then_task(), json!({"n": 1}), events);
    let older = saved_by_an_older_version(&execution);
    assert_eq!(
        older.pending(),
        Pending {
            timers: vec![],
            tasks: vec![PendingTask {
                task: TaskId(1),
                resource: String::new(),
                input: Value::Null,
                started: false,
                timeout_seconds: None,
                heartbeat_seconds: None,
                token: None,
            }],
        }
    );
    let program = asl::program::compile(&wait_then_task()).expect("a definition that compiles");
    let event = Event {
        now_ms: START_MS + 5_000,
        seed: 9,
        kind: EventKind::TaskSucceeded {
            task: TaskId(1),
            output: json!({"ok": true}),
        },
    };
    let step = engine::step(&program, older, event);
    assert_eq!(step.execution.status, Status::Succeeded);
    assert!(step.execution.pending().is_empty());
}
