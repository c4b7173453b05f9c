//! Executions: creating, committing and listing them.

use std::sync::Arc;

use engine::{HistoryEvent, HistoryEventType};

use super::{event, execution, machine, ok, page};
use crate::{ExecutionStatus, Page, Store};

pub(super) async fn round_trip(store: Arc<dyn Store>) {
    let machine = machine("m");
    ok(
        store.create_state_machine(machine.clone()).await,
        "create_state_machine",
    );
    let record = execution(&machine, "e1", 10);
    let started = vec![event(1, HistoryEventType::ExecutionStarted)];
    ok(
        store
            .create_execution(record.clone(), started.clone())
            .await,
        "create_execution",
    );
    assert_eq!(
        ok(store.get_execution(&record.arn).await, "get_execution"),
        Some(record.clone()),
        "a created execution reads back unchanged"
    );
    assert!(
        matches!(
            store.create_execution(record.clone(), Vec::new()).await,
            Err(crate::Error::AlreadyExists(_))
        ),
        "creating an execution twice is AlreadyExists"
    );

    let mut done = record.clone();
    done.status = ExecutionStatus::Succeeded;
    done.stop_date_ms = Some(20);
    done.output = Some(r#"{"ok":true}"#.to_owned());
    let finished = vec![
        event(2, HistoryEventType::PassStateEntered),
        event(3, HistoryEventType::PassStateExited),
        event(4, HistoryEventType::ExecutionSucceeded),
    ];
    ok(store.commit(done.clone(), finished.clone()).await, "commit");
    assert_eq!(
        ok(store.get_execution(&record.arn).await, "get_execution"),
        Some(done.clone()),
        "commit replaces the record"
    );
    let (events, next) = ok(
        store.get_history(&record.arn, false, Page::first()).await,
        "get_history",
    );
    let expected: Vec<HistoryEvent> = started.into_iter().chain(finished).collect();
    assert_eq!(events, expected, "commit appends to the history");
    assert_eq!(next, None);

    let mut ghost = execution(&machine, "ghost", 1);
    ghost.status = ExecutionStatus::Failed;
    assert!(
        matches!(
            store.commit(ghost.clone(), Vec::new()).await,
            Err(crate::Error::NotFound(_))
        ),
        "committing an unknown execution is NotFound"
    );
    assert_eq!(
        ok(store.get_execution(&ghost.arn).await, "get_execution"),
        None
    );
    assert!(
        matches!(
            store.get_history(&ghost.arn, false, Page::first()).await,
            Err(crate::Error::NotFound(_))
        ),
        "the history of an unknown execution is NotFound"
    );
}

pub(super) async fn list_newest_first_in_pages(store: Arc<dyn Store>) {
    let first = machine("first");
    let second = machine("second");
    ok(
        store.create_state_machine(first.clone()).await,
        "create_state_machine",
    );
    ok(
        store.create_state_machine(second.clone()).await,
        "create_state_machine",
    );
    // Start dates out of insertion order, and two in the same millisecond.
    let plan = [("a", 30), ("b", 10), ("c", 20), ("d", 20), ("e", 40)];
    for (name, start) in plan {
        let mut record = execution(&first, name, start);
        if name == "c" {
            record.status = ExecutionStatus::Succeeded;
            record.stop_date_ms = Some(25);
        }
        ok(
            store.create_execution(record, Vec::new()).await,
            "create_execution",
        );
    }
    ok(
        store
            .create_execution(execution(&second, "z", 50), Vec::new())
            .await,
        "create_execution",
    );

    let mut names = Vec::new();
    let mut token = None;
    loop {
        let (items, next) = ok(
            store
                .list_executions(Some(&first.arn), None, page(2, token))
                .await,
            "list_executions",
        );
        names.extend(items.into_iter().map(|item| item.name));
        match next {
            Some(next) => token = Some(next),
            None => break,
        }
        assert!(names.len() <= 5, "pagination ends");
    }
    assert_eq!(
        names,
        ["e", "a", "d", "c", "b"],
        "executions are listed newest first, later insertions first within a millisecond"
    );

    let (items, _) = ok(
        store
            .list_executions(
                Some(&first.arn),
                Some(ExecutionStatus::Succeeded),
                Page::first(),
            )
            .await,
        "list_executions",
    );
    let names: Vec<_> = items.into_iter().map(|item| item.name).collect();
    assert_eq!(names, ["c"], "the status filter keeps only that status");

    let (items, _) = ok(
        store.list_executions(None, None, Page::first()).await,
        "list_executions",
    );
    assert_eq!(
        items.len(),
        6,
        "without a state machine, every execution is listed"
    );
    assert_eq!(items[0].name, "z");

    let (items, next) = ok(
        store
            .list_executions(
                Some(&second.arn),
                Some(ExecutionStatus::Failed),
                Page::first(),
            )
            .await,
        "list_executions",
    );
    assert!(
        items.is_empty() && next.is_none(),
        "nothing matches, nothing is listed"
    );
}
