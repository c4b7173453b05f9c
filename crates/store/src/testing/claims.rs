//! Claims on running executions, and retention of closed ones.

use std::sync::Arc;

use engine::HistoryEventType;

use super::{event, execution, machine, ok};
use crate::{ExecutionStatus, Page, Store};

pub(super) async fn follow_leases(store: Arc<dyn Store>) {
    let machine = machine("m");
    ok(
        store.create_state_machine(machine.clone()).await,
        "create_state_machine",
    );
    let running = execution(&machine, "running", 10);
    let mut done = execution(&machine, "done", 11);
    done.status = ExecutionStatus::Succeeded;
    done.stop_date_ms = Some(12);
    for record in [&running, &done] {
        ok(
            store
                .create_execution(
                    record.clone(),
                    vec![event(1, HistoryEventType::ExecutionStarted)],
                )
                .await,
            "create_execution",
        );
    }
    let claimed = ok(store.claim_running("a", 100, 200).await, "claim_running");
    assert_eq!(
        claimed,
        vec![running.clone()],
        "a claim takes the running executions only"
    );
    assert!(
        ok(store.claim_running("b", 150, 250).await, "claim_running").is_empty(),
        "a live lease keeps another owner out"
    );
    assert_eq!(
        ok(store.claim_running("a", 150, 300).await, "claim_running"),
        vec![running.clone()],
        "the owner renews its own claims"
    );
    assert_eq!(
        ok(store.claim_running("b", 301, 400).await, "claim_running"),
        vec![running.clone()],
        "a lapsed lease goes to the next owner"
    );
}

pub(super) async fn drop_closed_executions(store: Arc<dyn Store>) {
    let machine = machine("m");
    ok(
        store.create_state_machine(machine.clone()).await,
        "create_state_machine",
    );
    let running = execution(&machine, "running", 10);
    let mut old = execution(&machine, "old", 11);
    old.status = ExecutionStatus::Failed;
    old.stop_date_ms = Some(20);
    let mut recent = execution(&machine, "recent", 12);
    recent.status = ExecutionStatus::Succeeded;
    recent.stop_date_ms = Some(40);
    for record in [&running, &old, &recent] {
        ok(
            store
                .create_execution(
                    record.clone(),
                    vec![event(1, HistoryEventType::ExecutionStarted)],
                )
                .await,
            "create_execution",
        );
    }
    assert_eq!(
        ok(store.delete_closed_before(30).await, "delete_closed_before"),
        1,
        "only executions that ended before the cutoff go"
    );
    assert_eq!(
        ok(store.get_execution(&old.arn).await, "get_execution"),
        None
    );
    assert!(
        matches!(
            store.get_history(&old.arn, false, Page::first()).await,
            Err(crate::Error::NotFound(_))
        ),
        "its history goes with it"
    );
    let (left, _) = ok(
        store.list_executions(None, None, Page::first()).await,
        "list_executions",
    );
    let names: Vec<&str> = left.iter().map(|record| record.name.as_str()).collect();
    assert_eq!(names, ["recent", "running"]);
}
