//! Schedules: rules with a `rate()` or `cron()` expression raise a `Scheduled Event` at each
//! fire time.
//!
//! A fire commits the rule's new `last_fired_ms` together with the event's deliveries, so a
//! fire is never lost and never repeated. When the server was down over one or more fire
//! times, the first tick after it starts fires once, for the latest of them
//! (`schedules::missed`); the event's `time` says which.

use std::time::Duration;

use serde_json::json;

use crate::event::{Event, stable_uuid};
use crate::{Error, Triggers};

/// The longest the scheduler sleeps without looking at the rules again.
const MAX_SLEEP: Duration = Duration::from_secs(60);

impl Triggers {
    /// Fires every schedule that is due by the runtime's clock, once each, and returns how
    /// many fired. A server calls it from `spawn_scheduler`; tests with a `ManualClock` call
    /// it after moving the clock.
    ///
    /// # Errors
    /// Store failures (what fired before the failure stays fired).
    pub async fn tick(&self) -> Result<usize, Error> {
        let now = self.inner.runtime.now_ms();
        let due: Vec<(String, i64)> = self
            .rules()
            .scheduled()
            .filter_map(|rule| {
                let schedule = rule.schedule.as_ref()?;
                schedules::missed(schedule, rule.record.last_fired_ms, now)
                    .map(|fire_ms| (rule.record.arn.clone(), fire_ms))
            })
            .collect();
        let mut n_fired = 0;
        for (arn, fire_ms) in due {
            if self.fire(&arn, fire_ms).await? {
                n_fired += 1;
            }
        }
        Ok(n_fired)
    }

    /// The next time a schedule fires, epoch milliseconds.
    pub fn next_fire_ms(&self) -> Option<i64> {
        self.rules()
            .scheduled()
            .filter_map(|rule| {
                rule.schedule
                    .as_ref()?
                    .next_after(rule.record.last_fired_ms)
            })
            .min()
    }

    /// Fires one rule's schedule for `fire_ms`, unless it fired for it (or later) already.
    async fn fire(&self, arn: &str, fire_ms: i64) -> Result<bool, Error> {
        let _guard = self.inner.changes.lock().await;
        let Some(mut rule) = self.store().get_rule(arn).await? else {
            return Ok(false);
        };
        if !rule.is_enabled() || rule.last_fired_ms >= fire_ms {
            return Ok(false);
        }
        rule.last_fired_ms = fire_ms;
        let event = Event::new(
            self.origin(),
            // The same fire always has the same id, so its deliveries keep their names.
            stable_uuid(&format!("{arn}|{fire_ms}")),
            "aws.events",
            "Scheduled Event",
            fire_ms,
            vec![arn.to_owned()],
            json!({}),
        );
        let now = self.inner.runtime.now_ms();
        let deliveries: Vec<store::Delivery> = rule
            .targets
            .iter()
            .map(|target| crate::deliveries::make(&event, &rule, target, now))
            .collect();
        let batch = store::Enqueue {
            deliveries: deliveries.clone(),
            rule: Some(rule),
            objects: Vec::new(),
        };
        self.store().enqueue(batch).await?;
        self.reload().await?;
        tracing::debug!(rule = %arn, "a schedule fired");
        for delivery in deliveries {
            self.spawn_dispatch(delivery);
        }
        Ok(true)
    }

    /// Runs the schedules in the background: fires what is due (at once for what was missed
    /// while the server was down), then sleeps until the next fire time or a rule change.
    pub fn spawn_scheduler(&self) {
        let triggers = self.clone();
        tokio::spawn(async move {
            loop {
                let changed = triggers.inner.rules_changed.notified();
                tokio::pin!(changed);
                changed.as_mut().enable();
                if let Err(err) = triggers.tick().await {
                    tracing::warn!(%err, "schedules could not fire");
                }
                let now = triggers.inner.runtime.now_ms();
                let sleep = triggers
                    .next_fire_ms()
                    .map(|next| Duration::from_millis((next - now).max(0) as u64))
                    .unwrap_or(MAX_SLEEP)
                    .min(MAX_SLEEP);
                let _ = tokio::time::timeout(sleep, changed).await;
            }
        });
    }
}
