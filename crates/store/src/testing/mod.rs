//! The storage conformance suite: what every `Store` backend must do, checked the same way.
//!
//! A backend's tests call `check_store` with a function that makes a fresh, empty store; each
//! check gets its own. A failed check panics with a message naming the broken promise, so this
//! module is for tests only (it is compiled for this crate's tests and behind the `testing`
//! feature for other crates').

use std::future::Future;
use std::sync::Arc;

use engine::{Details, HistoryEvent, HistoryEventType};

use crate::{ActivityRecord, ExecutionRecord, Page, StateMachineRecord, StateMachineType, Store};

mod activities;
mod claims;
mod executions;
mod history;
mod state_machines;
mod tags;
mod tokens;
mod triggers;

pub use triggers::{delivery, rule};

const ACCOUNT_PREFIX: &str = "arn:aws:states:us-east-1:123456789012";

/// Runs every conformance check, each against a fresh store from `new_store`.
///
/// # Panics
/// When the store breaks one of the `Store` trait's promises.
///
/// # Example
/// ```
/// # #[cfg(feature = "testing")]
/// # async fn example() {
/// use std::sync::Arc;
/// use store::{MemoryStore, Store};
///
/// store::testing::check_store(|| async { Arc::new(MemoryStore::new()) as Arc<dyn Store> }).await;
/// # }
/// ```
pub async fn check_store<F, Fut>(mut new_store: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Arc<dyn Store>>,
{
    state_machines::round_trip(new_store().await).await;
    state_machines::list_by_name_in_pages(new_store().await).await;
    activities::round_trip(new_store().await).await;
    activities::list_by_name_in_pages(new_store().await).await;
    activities::carry_tags(new_store().await).await;
    executions::round_trip(new_store().await).await;
    executions::list_newest_first_in_pages(new_store().await).await;
    history::pages_both_ways(new_store().await).await;
    tags::follow_their_resource(new_store().await).await;
    tokens::are_bound_to_their_listing(new_store().await).await;
    claims::follow_leases(new_store().await).await;
    claims::drop_closed_executions(new_store().await).await;
    triggers::rules_round_trip(new_store().await).await;
    triggers::deliveries_queue_until_done(new_store().await).await;
}

/// A state machine record for the checks.
pub fn machine(name: &str) -> StateMachineRecord {
    StateMachineRecord {
        arn: format!("{ACCOUNT_PREFIX}:stateMachine:{name}"),
        name: name.to_owned(),
        kind: StateMachineType::Standard,
        definition: r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#.to_owned(),
        role_arn: "arn:aws:iam::123456789012:role/sfn".to_owned(),
        logging_configuration: serde_json::json!({"level": "OFF", "includeExecutionData": false}),
        tracing_configuration: serde_json::json!({"enabled": false}),
        creation_date_ms: 1_700_000_000_000,
        update_date_ms: 1_700_000_000_000,
        revision_id: String::new(),
        description: None,
    }
}

/// An activity record for the checks.
pub fn activity(name: &str) -> ActivityRecord {
    ActivityRecord {
        arn: format!("{ACCOUNT_PREFIX}:activity:{name}"),
        name: name.to_owned(),
        creation_date_ms: 1_700_000_000_000,
    }
}

/// An execution record of `machine` for the checks, RUNNING since `start_date_ms`.
pub fn execution(machine: &StateMachineRecord, name: &str, start_date_ms: i64) -> ExecutionRecord {
    ExecutionRecord::new_running(
        machine,
        format!("{ACCOUNT_PREFIX}:execution:{}:{name}", machine.name),
        name.to_owned(),
        "{}".to_owned(),
        start_date_ms,
    )
}

/// A history event without details, for the checks.
pub fn event(id: u64, kind: HistoryEventType) -> HistoryEvent {
    HistoryEvent {
        id,
        previous_event_id: id.saturating_sub(1),
        timestamp_ms: 1_700_000_000_000 + i64::try_from(id).unwrap_or(0),
        kind,
        details: Details::None,
    }
}

fn ok<T, E: std::fmt::Display>(res: Result<T, E>, what: &str) -> T {
    match res {
        Ok(value) => value,
        Err(err) => panic!("{what} failed: {err}"),
    }
}

fn page(max_results: usize, next_token: Option<String>) -> Page {
    Page {
        max_results,
        next_token,
    }
}
