//! State machines: creating, reading, updating, deleting and listing them.

use std::sync::Arc;

use super::{execution, machine, ok, page};
use crate::{Page, Store};

pub(super) async fn round_trip(store: Arc<dyn Store>) {
    let record = machine("alpha");
    ok(
        store.create_state_machine(record.clone()).await,
        "create_state_machine",
    );
    let got = ok(
        store.get_state_machine(&record.arn).await,
        "get_state_machine",
    );
    assert_eq!(
        got.as_ref(),
        Some(&record),
        "a created state machine reads back unchanged"
    );
    assert!(
        matches!(
            store.create_state_machine(record.clone()).await,
            Err(crate::Error::AlreadyExists(_))
        ),
        "creating a state machine twice is AlreadyExists"
    );

    let mut updated = record.clone();
    updated.definition = r#"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#.to_owned();
    updated.revision_id = "r1".to_owned();
    updated.update_date_ms += 1;
    ok(
        store.update_state_machine(updated.clone()).await,
        "update_state_machine",
    );
    let got = ok(
        store.get_state_machine(&record.arn).await,
        "get_state_machine",
    );
    assert_eq!(got, Some(updated), "an update replaces the whole record");
    assert!(
        matches!(
            store.update_state_machine(machine("missing")).await,
            Err(crate::Error::NotFound(_))
        ),
        "updating an unknown state machine is NotFound"
    );

    let running = execution(&record, "run", 1);
    ok(
        store.create_execution(running.clone(), Vec::new()).await,
        "create_execution",
    );
    ok(
        store.delete_state_machine(&record.arn).await,
        "delete_state_machine",
    );
    let got = ok(
        store.get_state_machine(&record.arn).await,
        "get_state_machine",
    );
    assert_eq!(got, None, "a deleted state machine is gone");
    let got = ok(store.get_execution(&running.arn).await, "get_execution");
    assert_eq!(
        got,
        Some(running),
        "a deleted state machine's executions stay readable"
    );
    ok(
        store.delete_state_machine(&record.arn).await,
        "deleting a missing state machine",
    );
    assert_eq!(
        ok(
            store
                .get_state_machine("arn:aws:states:us-east-1:123456789012:stateMachine:none")
                .await,
            "get_state_machine"
        ),
        None,
        "an unknown state machine reads as None"
    );
}

pub(super) async fn list_by_name_in_pages(store: Arc<dyn Store>) {
    let (items, next) = ok(
        store.list_state_machines(Page::first()).await,
        "list_state_machines",
    );
    assert!(
        items.is_empty() && next.is_none(),
        "an empty store lists nothing"
    );

    // Created out of order; listed by name.
    for name in ["m3", "m1", "m10", "m2", "m0"] {
        ok(
            store.create_state_machine(machine(name)).await,
            "create_state_machine",
        );
    }
    let mut names = Vec::new();
    let mut token = None;
    let mut n_pages = 0;
    loop {
        let (items, next) = ok(
            store.list_state_machines(page(2, token)).await,
            "list_state_machines",
        );
        assert!(items.len() <= 2, "a page holds at most max_results items");
        names.extend(items.into_iter().map(|item| item.name));
        n_pages += 1;
        match next {
            Some(next) => token = Some(next),
            None => break,
        }
        assert!(n_pages < 10, "pagination ends");
    }
    assert_eq!(
        names,
        ["m0", "m1", "m10", "m2", "m3"],
        "state machines are listed by name"
    );
    assert_eq!(n_pages, 3, "five items in pages of two take three pages");

    let (items, next) = ok(
        store.list_state_machines(page(5, None)).await,
        "list_state_machines",
    );
    assert_eq!(items.len(), 5);
    assert_eq!(next, None, "no token when the page holds the rest exactly");

    // 0 means the default page size of 100.
    for n in 0..100 {
        ok(
            store
                .create_state_machine(machine(&format!("x{n:03}")))
                .await,
            "create_state_machine",
        );
    }
    let (items, next) = ok(
        store.list_state_machines(page(0, None)).await,
        "list_state_machines",
    );
    assert_eq!(items.len(), 100, "max_results 0 means pages of 100");
    let (rest, last) = ok(
        store.list_state_machines(page(0, next)).await,
        "list_state_machines",
    );
    assert_eq!(rest.len(), 5);
    assert_eq!(last, None);

    assert!(
        matches!(
            store
                .list_state_machines(page(1, Some("garbage".to_owned())))
                .await,
            Err(crate::Error::InvalidToken)
        ),
        "a token the store did not issue is InvalidToken"
    );
}
