//! Activity queues: tasks scheduled on an activity wait here until a worker asks for one with
//! `GetActivityTask` (a long poll).
//!
//! The queues live in memory; what survives a restart is each execution's own record of its
//! outstanding tasks, from which `Runtime::resume` fills the queues again.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use engine::TaskId;
use serde_json::Value;

/// A task waiting for a worker.
#[derive(Clone, Debug)]
pub(crate) struct Queued {
    pub(crate) execution_arn: String,
    pub(crate) task: TaskId,
    pub(crate) token: String,
    pub(crate) input: Value,
}

/// Every activity's queue.
#[derive(Default)]
pub(crate) struct Activities {
    queues: Mutex<HashMap<String, VecDeque<Queued>>>,
    arrived: tokio::sync::Notify,
}

impl Activities {
    pub(crate) fn push(&self, activity_arn: &str, queued: Queued) {
        self.lock()
            .entry(activity_arn.to_owned())
            .or_default()
            .push_back(queued);
        self.arrived.notify_waiters();
    }

    fn pop(&self, activity_arn: &str) -> Option<Queued> {
        self.lock().get_mut(activity_arn)?.pop_front()
    }

    /// The next task of the activity, waiting up to `wait` for one to arrive.
    pub(crate) async fn next(&self, activity_arn: &str, wait: Duration) -> Option<Queued> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            // Registered before looking, so that a push in between still wakes us.
            let arrived = self.arrived.notified();
            if let Some(queued) = self.pop(activity_arn) {
                return Some(queued);
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return self.pop(activity_arn);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Queued>>> {
        self.queues
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
