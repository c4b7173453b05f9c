//! Triggers: what starts executions besides a client's `StartExecution`.
//!
//! EventBridge's model, run locally: events arrive (`PutEvents`, a watched directory that
//! behaves as an S3 bucket, an HTTP endpoint), rules on an event bus match them with
//! EventBridge event patterns, and each target of a matching rule (a state machine) gets a
//! delivery; rules with a schedule expression raise `Scheduled Event`s on their own.
//!
//! Every delivery is stored before the event that caused it is acknowledged, in the same
//! commit as what records that the event was raised (a schedule's last fire, a watched file's
//! new state), and stays pending until its execution has started. After a crash the pending
//! deliveries are tried again; the execution's name is fixed in the delivery, so a second try
//! finds the execution the first one started instead of starting another. Events are
//! therefore never lost and never start two executions.
//!
//! # Example
//! ```
//! # tokio::runtime::Runtime::new().expect("a runtime").block_on(async {
//! use std::sync::Arc;
//!
//! use triggers::{Entry, Triggers};
//!
//! let store = Arc::new(store::MemoryStore::new());
//! let runtime = runtime::Runtime::new(store, runtime::Config::default());
//! let triggers = Triggers::start(runtime, triggers::Config::default()).await?;
//! let entry = Entry {
//!     source: Some("app.orders".to_owned()),
//!     detail_type: Some("Order Placed".to_owned()),
//!     detail: Some(r#"{"id": 7}"#.to_owned()),
//!     ..Entry::default()
//! };
//! let results = triggers.put_events(vec![entry]).await?;
//! assert!(results[0].is_ok(), "no rule matched, but the event was taken");
//! # Ok::<(), triggers::Error>(())
//! # }).expect("the example runs");
//! ```

mod bucket;
mod dead_letter;
mod deliveries;
mod event;
mod input;
mod manage;
mod rules;
mod scheduler;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use runtime::Runtime;
use store::{Delivery, Enqueue, ObjectChange, RuleRecord, Store};

pub use bucket::{Bucket, Watcher};
pub use event::{Entry, EntryError, Event};
pub use manage::{RuleSpec, TargetFailure};
pub use rules::{DEFAULT_BUS, bus_name};

use event::Origin;
use rules::RuleSet;

/// How triggers run.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Where the dead-letter queues' files go (`<queue name>.jsonl`); without it, events that
    /// could not be delivered are only logged.
    pub dead_letter_dir: Option<PathBuf>,
}

/// A failure of a trigger operation, in the terms of the EventBridge API.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule or an event bus that does not exist.
    #[error("{0}")]
    ResourceNotFound(String),
    /// A request that breaks a rule of the API.
    #[error("{0}")]
    Validation(String),
    /// An event pattern that is not valid.
    #[error("{0}")]
    InvalidEventPattern(String),
    /// A quota was reached.
    #[error("{0}")]
    LimitExceeded(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
}

/// Rules, deliveries, schedules and watched directories over a runtime.
#[derive(Clone)]
pub struct Triggers {
    inner: Arc<Inner>,
}

struct Inner {
    runtime: Runtime,
    config: Config,
    rules: RwLock<Arc<RuleSet>>,
    /// Held while rules change and while a schedule fires, so that neither undoes the other.
    changes: tokio::sync::Mutex<()>,
    /// Wakes the scheduler when rules change.
    rules_changed: tokio::sync::Notify,
    /// Deliveries being tried now, so that a delivery is never tried twice at once.
    in_flight: Mutex<HashSet<String>>,
    /// Bounds the deliveries tried at once.
    dispatch_slots: tokio::sync::Semaphore,
    /// Wakes `idle` when the last delivery in flight ends.
    drained: tokio::sync::Notify,
}

/// How many deliveries are tried at once.
const DISPATCH_SLOTS: usize = 256;

impl Triggers {
    /// Loads the rules and tries again every delivery that was pending when the server last
    /// stopped. Schedules and watched directories start with `spawn_scheduler` and `watch`.
    ///
    /// # Errors
    /// Store failures.
    pub async fn start(runtime: Runtime, config: Config) -> Result<Triggers, Error> {
        let triggers = Triggers {
            inner: Arc::new(Inner {
                runtime,
                config,
                rules: RwLock::new(Arc::new(RuleSet::default())),
                changes: tokio::sync::Mutex::new(()),
                rules_changed: tokio::sync::Notify::new(),
                in_flight: Mutex::new(HashSet::new()),
                dispatch_slots: tokio::sync::Semaphore::new(DISPATCH_SLOTS),
                drained: tokio::sync::Notify::new(),
            }),
        };
        triggers.reload().await?;
        let pending = triggers.store().pending_deliveries().await?;
        if !pending.is_empty() {
            tracing::info!("delivering {} events again", pending.len());
        }
        for delivery in pending {
            triggers.spawn_dispatch(delivery);
        }
        Ok(triggers)
    }

    /// The runtime executions start on.
    pub fn runtime(&self) -> &Runtime {
        &self.inner.runtime
    }

    fn store(&self) -> &Arc<dyn Store> {
        self.inner.runtime.store()
    }

    fn origin(&self) -> Origin<'_> {
        let config = self.inner.runtime.config();
        Origin {
            account: &config.account,
            region: &config.region,
        }
    }

    fn rules(&self) -> Arc<RuleSet> {
        self.inner
            .rules
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Reads the rules again after a change.
    async fn reload(&self) -> Result<(), Error> {
        let records = self.store().list_rules().await?;
        let set = Arc::new(RuleSet::compile(records));
        *self
            .inner
            .rules
            .write()
            .unwrap_or_else(PoisonError::into_inner) = set;
        self.inner.rules_changed.notify_one();
        Ok(())
    }

    /// `PutEvents`: checks each entry, matches the valid ones against the rules of their bus,
    /// stores their deliveries and only then answers, with each entry's event id or the reason
    /// it was refused.
    ///
    /// # Errors
    /// Store failures (nothing was taken).
    pub async fn put_events(
        &self,
        entries: Vec<Entry>,
    ) -> Result<Vec<Result<String, EntryError>>, Error> {
        let now = self.inner.runtime.now_ms();
        let mut results = Vec::with_capacity(entries.len());
        let mut events = Vec::with_capacity(entries.len());
        for entry in &entries {
            let bus = bus_name(entry.event_bus_name.as_deref());
            if bus != DEFAULT_BUS {
                results.push(Err(EntryError {
                    code: "ResourceNotFoundException",
                    message: format!("Event bus {bus} does not exist."),
                }));
                continue;
            }
            match event::from_entry(self.origin(), entry, now) {
                Ok(event) => {
                    results.push(Ok(event.id.clone()));
                    events.push(event);
                }
                Err(err) => results.push(Err(err)),
            }
        }
        self.raise(&events, None, Vec::new()).await?;
        Ok(results)
    }

    /// Raises a whole event that arrived over HTTP (`POST /events`), on the default bus.
    ///
    /// # Errors
    /// Store failures.
    pub async fn put_forwarded(
        &self,
        event: serde_json::Map<String, serde_json::Value>,
    ) -> Result<String, Error> {
        let event = Event::forwarded(self.origin(), event, self.inner.runtime.now_ms());
        self.raise(std::slice::from_ref(&event), None, Vec::new())
            .await?;
        Ok(event.id)
    }

    /// Raises an event built from a producer's detail (`POST /events` with a body that is not a
    /// whole event), on the default bus.
    ///
    /// # Errors
    /// Store failures.
    pub async fn put_detail(
        &self,
        source: &str,
        detail_type: &str,
        detail: serde_json::Value,
    ) -> Result<String, Error> {
        let now = self.inner.runtime.now_ms();
        let event = Event::new(
            self.origin(),
            uuid::Uuid::new_v4().to_string(),
            source,
            detail_type,
            now,
            Vec::new(),
            detail,
        );
        self.raise(std::slice::from_ref(&event), None, Vec::new())
            .await?;
        Ok(event.id)
    }

    /// Matches events on the default bus, commits their deliveries together with `rule` and
    /// `objects`, then tries the deliveries.
    async fn raise(
        &self,
        events: &[Event],
        rule: Option<RuleRecord>,
        objects: Vec<ObjectChange>,
    ) -> Result<(), Error> {
        let now = self.inner.runtime.now_ms();
        let set = self.rules();
        let mut new = Vec::new();
        for event in events {
            for matched in set.matching(DEFAULT_BUS, &event.value) {
                for target in &matched.record.targets {
                    new.push(deliveries::make(event, &matched.record, target, now));
                }
            }
        }
        if new.is_empty() && rule.is_none() && objects.is_empty() {
            return Ok(());
        }
        let batch = Enqueue {
            deliveries: new.clone(),
            rule,
            objects,
        };
        self.store().enqueue(batch).await?;
        for delivery in new {
            self.spawn_dispatch(delivery);
        }
        Ok(())
    }

    /// The delivery that started an execution, if a trigger started it.
    ///
    /// # Errors
    /// Store failures.
    pub async fn delivery_for_execution(
        &self,
        execution_arn: &str,
    ) -> Result<Option<Delivery>, Error> {
        Ok(self.store().delivery_for_execution(execution_arn).await?)
    }

    /// Waits until no delivery is being tried (each has started its execution, been given up,
    /// or is waiting to be retried after a restart).
    pub async fn idle(&self) {
        loop {
            let drained = self.inner.drained.notified();
            tokio::pin!(drained);
            drained.as_mut().enable();
            if self.in_flight().is_empty() {
                return;
            }
            drained.await;
        }
    }

    fn in_flight(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.inner
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
