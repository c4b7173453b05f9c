//! Who waits for which execution to end (a parent's `.sync` task waits for its child).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::Notify;

/// One `Notify` per execution someone waits for, dropped when it ends.
#[derive(Default)]
pub(crate) struct Endings {
    waiting: Mutex<HashMap<String, Arc<Notify>>>,
}

impl Endings {
    /// What wakes a waiter when `execution_arn` ends.
    pub(crate) fn watch(&self, execution_arn: &str) -> Arc<Notify> {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        waiting
            .entry(execution_arn.to_owned())
            .or_insert_with(|| Arc::new(Notify::new()))
            .clone()
    }

    /// `execution_arn` has ended: wakes its waiters.
    pub(crate) fn ended(&self, execution_arn: &str) {
        let notify = self
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(execution_arn);
        if let Some(notify) = notify {
            notify.notify_waiters();
        }
    }
}
