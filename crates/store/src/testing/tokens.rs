//! Pagination tokens: each is good only for the listing, and the arguments, that issued it.

use std::sync::Arc;

use engine::HistoryEventType;

use super::{event, execution, machine, ok, page};
use crate::{ExecutionStatus, Store};

pub(super) async fn are_bound_to_their_listing(store: Arc<dyn Store>) {
    let machine = machine("m");
    ok(
        store.create_state_machine(machine.clone()).await,
        "create_state_machine",
    );
    ok(
        store.create_state_machine(self::machine("n")).await,
        "create_state_machine",
    );
    for n in 0..3 {
        let record = execution(&machine, &format!("e{n}"), n);
        let history = vec![
            event(1, HistoryEventType::ExecutionStarted),
            event(2, HistoryEventType::PassStateEntered),
        ];
        ok(
            store.create_execution(record, history).await,
            "create_execution",
        );
    }
    let (_, executions_token) = ok(
        store
            .list_executions(Some(&machine.arn), None, page(1, None))
            .await,
        "list_executions",
    );
    let (_, machines_token) = ok(
        store.list_state_machines(page(1, None)).await,
        "list_state_machines",
    );
    let arn = execution(&machine, "e0", 0).arn;
    let (_, history_token) = ok(
        store.get_history(&arn, false, page(1, None)).await,
        "get_history",
    );
    assert!(executions_token.is_some() && machines_token.is_some() && history_token.is_some());

    let invalid = |res: Result<(), crate::Error>, what: &str| {
        assert!(
            matches!(res, Err(crate::Error::InvalidToken)),
            "{what}: a token from another listing is InvalidToken"
        );
    };
    invalid(
        store
            .list_executions(
                Some(&machine.arn),
                Some(ExecutionStatus::Running),
                page(1, executions_token.clone()),
            )
            .await
            .map(drop),
        "executions token with another status filter",
    );
    invalid(
        store
            .list_state_machines(page(1, executions_token.clone()))
            .await
            .map(drop),
        "executions token for state machines",
    );
    invalid(
        store
            .list_executions(None, None, page(1, machines_token))
            .await
            .map(drop),
        "state machines token for executions",
    );
    invalid(
        store
            .get_history(&arn, true, page(1, history_token.clone()))
            .await
            .map(drop),
        "forward history token read in reverse",
    );
    let other = execution(&machine, "e1", 1).arn;
    invalid(
        store
            .get_history(&other, false, page(1, history_token))
            .await
            .map(drop),
        "history token for another execution",
    );
}
