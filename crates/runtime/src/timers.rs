//! Pending timers of stored executions, ordered by when they fire.

use std::collections::BTreeSet;
use std::sync::Mutex;

use engine::TimerId;

/// The pending timers.
#[derive(Default)]
pub(crate) struct Timers(Mutex<BTreeSet<(i64, String, TimerId)>>);

impl Timers {
    pub(crate) fn add(&self, execution_arn: &str, timer: TimerId, fire_at_ms: i64) {
        self.lock()
            .insert((fire_at_ms, execution_arn.to_owned(), timer));
    }

    pub(crate) fn cancel(&self, execution_arn: &str, timer: TimerId) {
        self.lock()
            .retain(|(_, arn, other)| !(arn == execution_arn && *other == timer));
    }

    /// Removes and returns every timer due at `now_ms`.
    pub(crate) fn take_due(&self, now_ms: i64) -> Vec<(String, TimerId)> {
        let mut timers = self.lock();
        let mut due = Vec::new();
        while let Some(first) = timers.first() {
            if first.0 > now_ms {
                break;
            }
            if let Some((_, arn, timer)) = timers.pop_first() {
                due.push((arn, timer));
            }
        }
        due
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeSet<(i64, String, TimerId)>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
