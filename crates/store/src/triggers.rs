//! The records of triggers: EventBridge rules with their targets, the durable queue of
//! deliveries (one event for one target), and the objects of watched directories.
//!
//! A delivery is written before the event that caused it is acknowledged, and stays
//! `Pending` until its execution has started; after a crash the pending ones are delivered
//! again, and the execution's name, fixed in the delivery, keeps a second start from making a
//! second execution.

use serde::{Deserialize, Serialize};

/// An EventBridge rule and its targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRecord {
    /// `arn:aws:events:<region>:<account>:rule/<name>` (or `rule/<bus>/<name>` on another bus).
    pub arn: String,
    /// Its name.
    pub name: String,
    /// The event bus it belongs to.
    pub event_bus_name: String,
    /// The event pattern, as the client gave it.
    pub event_pattern: Option<String>,
    /// The schedule expression (`rate(...)`, `cron(...)`), as the client gave it.
    pub schedule_expression: Option<String>,
    /// `ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
    pub state: String,
    /// Its description.
    pub description: Option<String>,
    /// The IAM role the client gave.
    pub role_arn: Option<String>,
    /// When its schedule was set, epoch milliseconds: a rate counts from here.
    pub schedule_since_ms: i64,
    /// The latest time its schedule fired for, epoch milliseconds (`schedule_since_ms` until it
    /// first fires).
    pub last_fired_ms: i64,
    /// Its targets, in the order they were first put.
    pub targets: Vec<TargetRecord>,
    /// Its tags, in the order their keys were first added.
    #[serde(default)]
    pub tags: Vec<crate::Tag>,
}

impl RuleRecord {
    /// Whether the rule takes events (any state but `DISABLED`).
    pub fn is_enabled(&self) -> bool {
        self.state != "DISABLED"
    }
}

/// Where a rule sends the events it matches, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRecord {
    /// The target's id within its rule.
    pub id: String,
    /// The target's ARN: a state machine.
    pub arn: String,
    /// The IAM role the client gave.
    pub role_arn: Option<String>,
    /// A constant JSON input instead of the event.
    pub input: Option<String>,
    /// A JSONPath selecting the part of the event that is the input.
    pub input_path: Option<String>,
    /// An input built from parts of the event.
    pub input_transformer: Option<InputTransformer>,
    /// How long and how often a failed delivery is tried again.
    pub retry_policy: Option<RetryPolicy>,
    /// Where events go that could not be delivered (`DeadLetterConfig.Arn`).
    pub dead_letter_arn: Option<String>,
}

impl TargetRecord {
    /// A target that gets the event as it is, with no retry policy or dead-letter queue of its
    /// own.
    pub fn new(id: impl Into<String>, arn: impl Into<String>) -> Self {
        TargetRecord {
            id: id.into(),
            arn: arn.into(),
            role_arn: None,
            input: None,
            input_path: None,
            input_transformer: None,
            retry_policy: None,
            dead_letter_arn: None,
        }
    }
}

/// `InputTransformer`: named JSONPaths into the event, and a template that uses them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputTransformer {
    /// `InputPathsMap`, in the client's order.
    pub input_paths_map: Vec<(String, String)>,
    /// `InputTemplate`, with `<name>` placeholders.
    pub input_template: String,
}

/// `RetryPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryPolicy {
    /// `MaximumRetryAttempts` (0 to 185).
    pub maximum_retry_attempts: Option<u32>,
    /// `MaximumEventAgeInSeconds` (60 to 86,400).
    pub maximum_event_age_in_seconds: Option<u32>,
}

/// Where a delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryStatus {
    /// Not yet delivered: the dispatcher starts its execution.
    Pending,
    /// Its execution started (`Delivery::execution_arn`).
    Delivered,
    /// It could not be delivered and was given up (sent to its dead-letter queue, if any).
    Failed,
}

impl DeliveryStatus {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "PENDING",
            DeliveryStatus::Delivered => "DELIVERED",
            DeliveryStatus::Failed => "FAILED",
        }
    }
}

/// One event on its way to one target of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// Unique: derived from the event's id, the rule's ARN and the target's id.
    pub id: String,
    /// The event's id.
    pub event_id: String,
    /// The event, as JSON text.
    pub event: String,
    /// The rule that matched it.
    pub rule_arn: String,
    /// The target's id.
    pub target_id: String,
    /// The target's ARN (a state machine).
    pub target_arn: String,
    /// The execution's input, as JSON text (the event, or what the target made of it).
    pub input: String,
    /// The execution's name, fixed when the delivery is made, so that a delivery tried twice
    /// starts one execution.
    pub execution_name: String,
    /// When the event was taken, epoch milliseconds.
    pub created_ms: i64,
    /// Attempts made so far.
    pub attempts: u32,
    /// When the next attempt is due, epoch milliseconds.
    pub next_attempt_ms: i64,
    /// Attempts after the first before giving up.
    pub max_retries: u32,
    /// Age past which it is given up, in milliseconds.
    pub max_age_ms: i64,
    /// The target's dead-letter queue.
    pub dead_letter_arn: Option<String>,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// The execution it started.
    pub execution_arn: Option<String>,
    /// Why it failed, when it did (`ErrorCode: message`).
    pub error: Option<String>,
}

/// What a watched directory's scan saw of one file, to tell a new or changed file from one
/// already announced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectRecord {
    /// The bucket's name.
    pub bucket: String,
    /// The key: the file's path within the directory, `/`-separated.
    pub key: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, nanoseconds since the epoch.
    pub modified_ns: i64,
    /// Its ETag: the MD5 of its content, in hex.
    pub etag: String,
}

/// A change to the objects a store knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectChange {
    /// A file appeared or changed.
    Put(ObjectRecord),
    /// A file went away.
    Delete {
        /// The bucket's name.
        bucket: String,
        /// The key.
        key: String,
    },
}

/// What one event (or one batch of events) changes, committed together: the deliveries it
/// made, and the rule or objects that record that it was raised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Enqueue {
    /// New deliveries.
    pub deliveries: Vec<Delivery>,
    /// A rule whose schedule fired, with its new `last_fired_ms`.
    pub rule: Option<RuleRecord>,
    /// Objects of watched directories that changed.
    pub objects: Vec<ObjectChange>,
}
