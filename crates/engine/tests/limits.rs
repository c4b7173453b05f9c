//! AWS's quotas as the interpreter enforces them: 25,000 history events per execution and
//! 256 KiB per payload.

use engine::{Event, EventKind, Execution, ExecutionContext, HistoryEventType, Status};
use serde_json::{Value, json};

fn check(definition: Value, input: Value) -> engine::Step {
    let program = asl::program::compile(&definition).expect("a definition that compiles");
    engine::step(
        &program,
        Execution::default(),
        Event {
            now_ms: 0,
            seed: 1,
            kind: EventKind::Start {
                input,
                context: ExecutionContext::default(),
            },
        },
    )
}

#[test]
fn an_endless_loop_fails_at_the_25000th_event() {
    let step = check(
        json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "Next": "A"}}}),
        json!({}),
    );
    assert_eq!(step.execution.status, Status::Failed);
    assert_eq!(step.history.len(), 25_000);
    let last = step.history.last().expect("events");
    assert_eq!(last.id, 25_000);
    assert_eq!(last.kind, HistoryEventType::ExecutionFailed);
    assert_eq!(last.previous_event_id, 24_999);
    let failure = step.execution.failure.expect("a failure");
    assert_eq!(failure.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        failure.cause.as_deref(),
        Some("The execution reached the maximum number of history events (25000).")
    );
}

#[test]
fn an_execution_may_succeed_with_its_25000th_event() {
    // ExecutionStarted, then 12,499 Pass states (two events each), then ExecutionSucceeded.
    let n_states = 12_499;
    let mut states = serde_json::Map::new();
    for idx in 0..n_states {
        let mut state = json!({"Type": "Pass"});
        if idx + 1 == n_states {
            state["End"] = json!(true);
        } else {
            state["Next"] = json!(format!("S{}", idx + 1));
        }
        states.insert(format!("S{idx}"), state);
    }
    let step = check(json!({"StartAt": "S0", "States": states}), json!({}));
    assert_eq!(step.execution.status, Status::Succeeded);
    assert_eq!(step.history.len(), 25_000);
    assert_eq!(
        step.history.last().map(|event| event.kind),
        Some(HistoryEventType::ExecutionSucceeded)
    );
}

#[test]
fn a_result_over_256_kib_fails_with_data_limit_exceeded() {
    let big = "a".repeat(262_144);
    let step = check(
        json!({"StartAt": "Big", "States": {"Big": {"Type": "Pass", "Result": {"a": big}, "End": true}}}),
        json!({}),
    );
    assert_eq!(step.execution.status, Status::Failed);
    let failure = step.execution.failure.expect("a failure");
    assert_eq!(failure.error.as_deref(), Some("States.DataLimitExceeded"));
    let kinds: Vec<_> = step.history.iter().map(|event| event.kind).collect();
    assert_eq!(
        kinds,
        [
            HistoryEventType::ExecutionStarted,
            HistoryEventType::PassStateEntered,
            HistoryEventType::ExecutionFailed
        ]
    );
}
