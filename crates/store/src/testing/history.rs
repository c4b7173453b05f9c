//! History: paging through it forwards and backwards while it grows.

use std::sync::Arc;

use engine::{HistoryEvent, HistoryEventType};

use super::{event, execution, machine, ok, page};
use crate::Store;

pub(super) async fn pages_both_ways(store: Arc<dyn Store>) {
    let machine = machine("m");
    ok(
        store.create_state_machine(machine.clone()).await,
        "create_state_machine",
    );
    let record = execution(&machine, "e", 1);
    let history: Vec<HistoryEvent> = (1..=5)
        .map(|id| event(id, HistoryEventType::PassStateEntered))
        .collect();
    ok(
        store.create_execution(record.clone(), history).await,
        "create_execution",
    );

    for (reverse, expected) in [(false, [1, 2, 3, 4, 5]), (true, [5, 4, 3, 2, 1])] {
        let mut ids = Vec::new();
        let mut token = None;
        loop {
            let (events, next) = ok(
                store
                    .get_history(&record.arn, reverse, page(2, token))
                    .await,
                "get_history",
            );
            assert!(events.len() <= 2, "a page holds at most max_results events");
            ids.extend(events.into_iter().map(|event| event.id));
            match next {
                Some(next) => token = Some(next),
                None => break,
            }
            assert!(ids.len() <= 5, "pagination ends");
        }
        assert_eq!(ids, expected, "history in order (reverse: {reverse})");
    }

    // Events appended between pages show up on later forward pages.
    let (events, next) = ok(
        store.get_history(&record.arn, false, page(4, None)).await,
        "get_history",
    );
    assert_eq!(events.len(), 4);
    ok(
        store
            .commit(
                record.clone(),
                vec![event(6, HistoryEventType::ExecutionSucceeded)],
            )
            .await,
        "commit",
    );
    let (events, next) = ok(
        store.get_history(&record.arn, false, page(4, next)).await,
        "get_history",
    );
    let ids: Vec<u64> = events.iter().map(|event| event.id).collect();
    assert_eq!(ids, [5, 6]);
    assert_eq!(next, None);
}
