//! Storage traits for state machines, activities, executions and their history, and for the
//! rules, deliveries and watched objects of triggers.
//!
//! The runtime and the API only talk to `dyn Store`; backends (in memory today, SQLite and
//! PostgreSQL later) implement it. A transition's new execution state and its history events
//! are written by one call, `commit`, so they can never be seen apart.
//!
//! Every backend runs the same conformance suite, `testing::check_store` (behind the `testing`
//! feature), so they agree on ordering, pagination and errors.

pub mod listing;
mod memory;
mod records;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod token;
mod triggers;

use std::future::Future;
use std::pin::Pin;

pub use memory::MemoryStore;
pub use records::{
    ActivityRecord, ExecutionRecord, ExecutionStatus, Page, StateMachineRecord, StateMachineType,
    Tag, execution_arn, express_execution_arn,
};
pub use triggers::{
    Delivery, DeliveryStatus, Enqueue, InputTransformer, ObjectChange, ObjectRecord, RetryPolicy,
    RuleRecord, TargetRecord,
};

use engine::HistoryEvent;

/// A boxed future, so that `Store` stays usable as a trait object.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One page of a listing, and the token for the next page when there is one.
pub type Paged<T> = (Vec<T>, Option<String>);

/// A storage failure. Definition and execution problems are never reported this way.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A record with that ARN exists already.
    #[error("already exists: {0}")]
    AlreadyExists(String),
    /// No record has that ARN.
    #[error("not found: {0}")]
    NotFound(String),
    /// A pagination token that this store did not issue.
    #[error("invalid pagination token")]
    InvalidToken,
    /// The backend failed.
    #[error("storage backend failed: {0}")]
    Backend(String),
}

/// Where state machines, activities, executions, history events and tags live.
pub trait Store: Send + Sync + 'static {
    /// Adds a state machine.
    ///
    /// # Errors
    /// `AlreadyExists` when its ARN is taken.
    fn create_state_machine(&self, record: StateMachineRecord) -> BoxFuture<'_, Result<(), Error>>;

    /// The state machine with this ARN, if any.
    fn get_state_machine(
        &self,
        arn: &str,
    ) -> BoxFuture<'_, Result<Option<StateMachineRecord>, Error>>;

    /// Replaces a state machine's record.
    ///
    /// # Errors
    /// `NotFound` when it does not exist.
    fn update_state_machine(&self, record: StateMachineRecord) -> BoxFuture<'_, Result<(), Error>>;

    /// Removes a state machine and its tags; its executions stay readable. Removing a state
    /// machine that does not exist is not an error.
    fn delete_state_machine(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>>;

    /// State machines ordered by name (as AWS lists them), one page at a time.
    ///
    /// # Errors
    /// `InvalidToken` for a token this listing did not issue.
    fn list_state_machines(
        &self,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<StateMachineRecord>, Error>>;

    /// Adds an activity.
    ///
    /// # Errors
    /// `AlreadyExists` when its ARN is taken.
    fn create_activity(&self, record: ActivityRecord) -> BoxFuture<'_, Result<(), Error>>;

    /// The activity with this ARN, if any.
    fn get_activity(&self, arn: &str) -> BoxFuture<'_, Result<Option<ActivityRecord>, Error>>;

    /// Removes an activity and its tags. Removing an activity that does not exist is not an
    /// error.
    fn delete_activity(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>>;

    /// Activities ordered by name, then ARN (as AWS lists them), one page at a time.
    ///
    /// # Errors
    /// `InvalidToken` for a token this listing did not issue.
    fn list_activities(&self, page: Page) -> BoxFuture<'_, Result<Paged<ActivityRecord>, Error>>;

    /// Adds an execution together with its first history events.
    ///
    /// # Errors
    /// `AlreadyExists` when its ARN is taken.
    fn create_execution(
        &self,
        record: ExecutionRecord,
        history: Vec<HistoryEvent>,
    ) -> BoxFuture<'_, Result<(), Error>>;

    /// The execution with this ARN, if any.
    fn get_execution(&self, arn: &str) -> BoxFuture<'_, Result<Option<ExecutionRecord>, Error>>;

    /// Replaces an execution's record and appends history events, atomically.
    ///
    /// # Errors
    /// `NotFound` when it does not exist.
    fn commit(
        &self,
        record: ExecutionRecord,
        history: Vec<HistoryEvent>,
    ) -> BoxFuture<'_, Result<(), Error>>;

    /// Executions of one state machine (or all), newest first, optionally of one status.
    ///
    /// Executions that started in the same millisecond are listed most recently created first.
    ///
    /// # Errors
    /// `InvalidToken` for a token this listing (with these arguments) did not issue.
    fn list_executions(
        &self,
        state_machine_arn: Option<&str>,
        status: Option<ExecutionStatus>,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<ExecutionRecord>, Error>>;

    /// One page of an execution's history, oldest first or, with `reverse`, newest first.
    ///
    /// # Errors
    /// `NotFound` for an unknown execution; `InvalidToken` for a token this listing (with this
    /// direction) did not issue.
    fn get_history(
        &self,
        execution_arn: &str,
        reverse: bool,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<HistoryEvent>, Error>>;

    /// Claims the RUNNING executions that no live claim holds (never claimed, claimed by
    /// `owner` already, or whose lease ended before `now_ms`) for `owner` until
    /// `lease_until_ms`, and returns them.
    ///
    /// A node resumes the executions it claims; with several nodes sharing a store, a node
    /// that stops renewing its claims loses them to the others when their leases lapse.
    fn claim_running(
        &self,
        owner: &str,
        now_ms: i64,
        lease_until_ms: i64,
    ) -> BoxFuture<'_, Result<Vec<ExecutionRecord>, Error>>;

    /// Deletes the executions (and their history) that ended before `cutoff_ms`, and returns
    /// how many there were.
    fn delete_closed_before(&self, cutoff_ms: i64) -> BoxFuture<'_, Result<usize, Error>>;

    /// Adds tags to a resource (a state machine or an activity), replacing the values of keys
    /// it already has.
    ///
    /// # Errors
    /// `NotFound` when no state machine or activity has that ARN.
    fn tag_resource(&self, arn: &str, tags: Vec<Tag>) -> BoxFuture<'_, Result<(), Error>>;

    /// Removes tags from a resource (a state machine or an activity); keys it does not have
    /// are ignored.
    ///
    /// # Errors
    /// `NotFound` when no state machine or activity has that ARN.
    fn untag_resource(&self, arn: &str, keys: Vec<String>) -> BoxFuture<'_, Result<(), Error>>;

    /// A resource's (a state machine's or an activity's) tags, in the order their keys were
    /// first added.
    ///
    /// # Errors
    /// `NotFound` when no state machine or activity has that ARN.
    fn list_tags(&self, arn: &str) -> BoxFuture<'_, Result<Vec<Tag>, Error>>;

    /// Adds a rule, or replaces the rule with its ARN.
    fn put_rule(&self, record: RuleRecord) -> BoxFuture<'_, Result<(), Error>>;

    /// The rule with this ARN, if any.
    fn get_rule(&self, arn: &str) -> BoxFuture<'_, Result<Option<RuleRecord>, Error>>;

    /// Every rule of every event bus, ordered by ARN.
    fn list_rules(&self) -> BoxFuture<'_, Result<Vec<RuleRecord>, Error>>;

    /// Removes a rule. Removing a rule that does not exist is not an error.
    fn delete_rule(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>>;

    /// Commits new deliveries together with the rule or objects that say their event was
    /// raised, atomically. A delivery whose id is taken is left as it is (the same event
    /// delivered twice is one delivery).
    fn enqueue(&self, batch: Enqueue) -> BoxFuture<'_, Result<(), Error>>;

    /// The `Pending` deliveries, oldest first.
    fn pending_deliveries(&self) -> BoxFuture<'_, Result<Vec<Delivery>, Error>>;

    /// Replaces a delivery's record (its status, attempts and execution).
    ///
    /// # Errors
    /// `NotFound` when no delivery has its id.
    fn update_delivery(&self, delivery: Delivery) -> BoxFuture<'_, Result<(), Error>>;

    /// The delivery that started an execution, if a trigger started it.
    fn delivery_for_execution(
        &self,
        execution_arn: &str,
    ) -> BoxFuture<'_, Result<Option<Delivery>, Error>>;

    /// The objects known in a watched bucket, ordered by key.
    fn bucket_objects(&self, bucket: &str) -> BoxFuture<'_, Result<Vec<ObjectRecord>, Error>>;
}
