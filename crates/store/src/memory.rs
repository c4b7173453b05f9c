//! In-memory storage: every record in maps behind one lock, for tests and throwaway servers.
//!
//! Nothing here awaits, so every method does its work under the lock and returns a ready
//! future. Listings sort on each call, which is fine for the few thousand records a process
//! holds in memory.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::future::ready;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use engine::HistoryEvent;

use crate::listing::{
    ACTIVITIES_QUERY, STATE_MACHINES_QUERY, decode_position, executions_query, history_window,
};
use crate::{
    ActivityRecord, BoxFuture, Delivery, DeliveryStatus, Enqueue, Error, ExecutionRecord,
    ExecutionStatus, ObjectChange, ObjectRecord, Page, Paged, RuleRecord, StateMachineRecord,
    Store, Tag, token,
};

fn encode_position<T: serde::Serialize>(position: &T) -> String {
    // Tuples of strings and integers always serialize.
    serde_json::to_string(position).unwrap_or_default()
}

/// Keeps everything in memory; what it holds is lost when it is dropped.
///
/// # Example
/// ```
/// use store::{MemoryStore, Page, Store};
///
/// # futures_lite_block_on(async {
/// let store = MemoryStore::new();
/// let (machines, next) = store.list_state_machines(Page::first()).await?;
/// assert!(machines.is_empty() && next.is_none());
/// # Ok::<(), store::Error>(())
/// # });
/// # fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let waker = std::task::Waker::noop();
/// #     let mut context = std::task::Context::from_waker(&waker);
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut context) {
/// #             return out;
/// #         }
/// #     }
/// # }
/// ```
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: RwLock<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    machines: HashMap<String, StateMachineRecord>,
    activities: HashMap<String, ActivityRecord>,
    executions: HashMap<String, StoredExecution>,
    tags: HashMap<String, Vec<Tag>>,
    rules: std::collections::BTreeMap<String, RuleRecord>,
    /// Deliveries by id, with the order they were made in.
    deliveries: HashMap<String, (u64, Delivery)>,
    /// Watched objects by bucket, then key.
    objects: std::collections::BTreeMap<(String, String), ObjectRecord>,
    /// Orders executions that started in the same millisecond: later insertions are newer.
    next_seq: u64,
}

#[derive(Debug)]
struct StoredExecution {
    record: ExecutionRecord,
    seq: u64,
    history: Vec<HistoryEvent>,
    /// Who claimed it, until when.
    claim: Option<(String, i64)>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    // A panic while the lock is held cannot leave the maps half-written (every write is a
    // single insert or remove), so a poisoned lock is still safe to use.
    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Cuts one page out of `items`, which are sorted and already start after the client's cursor.
fn paginate<T>(
    items: Vec<T>,
    page: &Page,
    query: &str,
    position_of: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let size = page.size();
    let more = items.len() > size;
    let mut items = items;
    items.truncate(size);
    let next = if more {
        items
            .last()
            .map(|last| token::encode(query, &position_of(last)))
    } else {
        None
    };
    (items, next)
}

/// One page of records listed by `(name, arn)`, the order of state machines and activities.
fn page_by_name<'a, T: Clone + 'a>(
    records: impl Iterator<Item = &'a T>,
    page: &Page,
    query: &str,
    key: impl Fn(&T) -> (&str, &str),
) -> Result<Paged<T>, Error> {
    let after: Option<(String, String)> = decode_position(page, query)?;
    let mut records: Vec<&T> = records
        .filter(|record| match &after {
            Some((name, arn)) => key(record) > (name.as_str(), arn.as_str()),
            None => true,
        })
        .collect();
    records.sort_by(|a, b| key(a).cmp(&key(b)));
    let (items, next) = paginate(records, page, query, |record| encode_position(&key(record)));
    Ok((items.into_iter().cloned().collect(), next))
}

impl Inner {
    fn list_state_machines(&self, page: &Page) -> Result<Paged<StateMachineRecord>, Error> {
        page_by_name(
            self.machines.values(),
            page,
            STATE_MACHINES_QUERY,
            |machine| (&machine.name, &machine.arn),
        )
    }

    fn list_activities(&self, page: &Page) -> Result<Paged<ActivityRecord>, Error> {
        page_by_name(
            self.activities.values(),
            page,
            ACTIVITIES_QUERY,
            |activity| (&activity.name, &activity.arn),
        )
    }

    fn list_executions(
        &self,
        state_machine_arn: Option<&str>,
        status: Option<ExecutionStatus>,
        page: &Page,
    ) -> Result<Paged<ExecutionRecord>, Error> {
        let query = executions_query(state_machine_arn, status);
        let after: Option<(i64, u64)> = decode_position(page, &query)?;
        let mut executions: Vec<&StoredExecution> = self
            .executions
            .values()
            .filter(|stored| {
                state_machine_arn.is_none_or(|arn| stored.record.state_machine_arn == arn)
                    && status.is_none_or(|status| stored.record.status == status)
            })
            .collect();
        // Newest first.
        executions.sort_by_key(|stored| Reverse((stored.record.start_date_ms, stored.seq)));
        let rest: Vec<&StoredExecution> = executions
            .into_iter()
            .filter(|stored| match after {
                Some(cursor) => (stored.record.start_date_ms, stored.seq) < cursor,
                None => true,
            })
            .collect();
        let (items, next) = paginate(rest, page, &query, |stored| {
            encode_position(&(stored.record.start_date_ms, stored.seq))
        });
        Ok((
            items
                .into_iter()
                .map(|stored| stored.record.clone())
                .collect(),
            next,
        ))
    }

    fn get_history(
        &self,
        execution_arn: &str,
        reverse: bool,
        page: &Page,
    ) -> Result<Paged<HistoryEvent>, Error> {
        let stored = self
            .executions
            .get(execution_arn)
            .ok_or_else(|| Error::NotFound(execution_arn.to_owned()))?;
        let history = &stored.history;
        let window = history_window(execution_arn, history.len(), reverse, page)?;
        let slice = &history[window.start..window.end];
        let events = if reverse {
            slice.iter().rev().cloned().collect()
        } else {
            slice.to_vec()
        };
        Ok((events, window.next))
    }

    /// Whether a resource that can carry tags (a state machine or an activity) has this ARN.
    fn is_taggable(&self, arn: &str) -> bool {
        self.machines.contains_key(arn) || self.activities.contains_key(arn)
    }

    fn tags_of(&mut self, arn: &str) -> Result<&mut Vec<Tag>, Error> {
        if !self.is_taggable(arn) {
            return Err(Error::NotFound(arn.to_owned()));
        }
        Ok(self.tags.entry(arn.to_owned()).or_default())
    }
}

impl Store for MemoryStore {
    fn create_state_machine(&self, record: StateMachineRecord) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = if inner.machines.contains_key(&record.arn) {
            Err(Error::AlreadyExists(record.arn))
        } else {
            inner.machines.insert(record.arn.clone(), record);
            Ok(())
        };
        Box::pin(ready(res))
    }

    fn get_state_machine(
        &self,
        arn: &str,
    ) -> BoxFuture<'_, Result<Option<StateMachineRecord>, Error>> {
        let res = self.read().machines.get(arn).cloned();
        Box::pin(ready(Ok(res)))
    }

    fn update_state_machine(&self, record: StateMachineRecord) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = match inner.machines.get_mut(&record.arn) {
            Some(slot) => {
                *slot = record;
                Ok(())
            }
            None => Err(Error::NotFound(record.arn)),
        };
        Box::pin(ready(res))
    }

    fn delete_state_machine(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        inner.machines.remove(arn);
        inner.tags.remove(arn);
        Box::pin(ready(Ok(())))
    }

    fn list_state_machines(
        &self,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<StateMachineRecord>, Error>> {
        let res = self.read().list_state_machines(&page);
        Box::pin(ready(res))
    }

    fn create_activity(&self, record: ActivityRecord) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = if inner.activities.contains_key(&record.arn) {
            Err(Error::AlreadyExists(record.arn))
        } else {
            inner.activities.insert(record.arn.clone(), record);
            Ok(())
        };
        Box::pin(ready(res))
    }

    fn get_activity(&self, arn: &str) -> BoxFuture<'_, Result<Option<ActivityRecord>, Error>> {
        let res = self.read().activities.get(arn).cloned();
        Box::pin(ready(Ok(res)))
    }

    fn delete_activity(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        inner.activities.remove(arn);
        inner.tags.remove(arn);
        Box::pin(ready(Ok(())))
    }

    fn list_activities(&self, page: Page) -> BoxFuture<'_, Result<Paged<ActivityRecord>, Error>> {
        let res = self.read().list_activities(&page);
        Box::pin(ready(res))
    }

    fn create_execution(
        &self,
        record: ExecutionRecord,
        history: Vec<HistoryEvent>,
    ) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = if inner.executions.contains_key(&record.arn) {
            Err(Error::AlreadyExists(record.arn))
        } else {
            let seq = inner.next_seq;
            inner.next_seq += 1;
            let arn = record.arn.clone();
            inner.executions.insert(
                arn,
                StoredExecution {
                    record,
                    seq,
                    history,
                    claim: None,
                },
            );
            Ok(())
        };
        Box::pin(ready(res))
    }

    fn get_execution(&self, arn: &str) -> BoxFuture<'_, Result<Option<ExecutionRecord>, Error>> {
        let res = self
            .read()
            .executions
            .get(arn)
            .map(|stored| stored.record.clone());
        Box::pin(ready(Ok(res)))
    }

    fn commit(
        &self,
        record: ExecutionRecord,
        history: Vec<HistoryEvent>,
    ) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = match inner.executions.get_mut(&record.arn) {
            Some(stored) => {
                stored.record = record;
                stored.history.extend(history);
                Ok(())
            }
            None => Err(Error::NotFound(record.arn)),
        };
        Box::pin(ready(res))
    }

    fn list_executions(
        &self,
        state_machine_arn: Option<&str>,
        status: Option<ExecutionStatus>,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<ExecutionRecord>, Error>> {
        let res = self
            .read()
            .list_executions(state_machine_arn, status, &page);
        Box::pin(ready(res))
    }

    fn get_history(
        &self,
        execution_arn: &str,
        reverse: bool,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<HistoryEvent>, Error>> {
        let res = self.read().get_history(execution_arn, reverse, &page);
        Box::pin(ready(res))
    }

    fn claim_running(
        &self,
        owner: &str,
        now_ms: i64,
        lease_until_ms: i64,
    ) -> BoxFuture<'_, Result<Vec<ExecutionRecord>, Error>> {
        let mut inner = self.write();
        let mut claimed: Vec<(u64, ExecutionRecord)> = Vec::new();
        for stored in inner.executions.values_mut() {
            let free = match &stored.claim {
                None => true,
                Some((holder, until)) => holder == owner || *until < now_ms,
            };
            if stored.record.status == ExecutionStatus::Running && free {
                stored.claim = Some((owner.to_owned(), lease_until_ms));
                claimed.push((stored.seq, stored.record.clone()));
            }
        }
        claimed.sort_by_key(|(seq, _)| *seq);
        Box::pin(ready(Ok(claimed
            .into_iter()
            .map(|(_, record)| record)
            .collect())))
    }

    fn delete_closed_before(&self, cutoff_ms: i64) -> BoxFuture<'_, Result<usize, Error>> {
        let mut inner = self.write();
        let before = inner.executions.len();
        inner.executions.retain(|_, stored| {
            stored
                .record
                .stop_date_ms
                .is_none_or(|stop| stop >= cutoff_ms)
        });
        let n_deleted = before - inner.executions.len();
        inner.deliveries.retain(|_, (_, delivery)| {
            delivery.status == DeliveryStatus::Pending || delivery.created_ms >= cutoff_ms
        });
        Box::pin(ready(Ok(n_deleted)))
    }

    fn tag_resource(&self, arn: &str, tags: Vec<Tag>) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = inner.tags_of(arn).map(|existing| {
            for tag in tags {
                match existing.iter_mut().find(|old| old.key == tag.key) {
                    Some(old) => old.value = tag.value,
                    None => existing.push(tag),
                }
            }
        });
        Box::pin(ready(res))
    }

    fn untag_resource(&self, arn: &str, keys: Vec<String>) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = inner
            .tags_of(arn)
            .map(|existing| existing.retain(|tag| !keys.contains(&tag.key)));
        Box::pin(ready(res))
    }

    fn list_tags(&self, arn: &str) -> BoxFuture<'_, Result<Vec<Tag>, Error>> {
        let inner = self.read();
        let res = if inner.is_taggable(arn) {
            Ok(inner.tags.get(arn).cloned().unwrap_or_default())
        } else {
            Err(Error::NotFound(arn.to_owned()))
        };
        Box::pin(ready(res))
    }

    fn put_rule(&self, record: RuleRecord) -> BoxFuture<'_, Result<(), Error>> {
        self.write().rules.insert(record.arn.clone(), record);
        Box::pin(ready(Ok(())))
    }

    fn get_rule(&self, arn: &str) -> BoxFuture<'_, Result<Option<RuleRecord>, Error>> {
        let res = self.read().rules.get(arn).cloned();
        Box::pin(ready(Ok(res)))
    }

    fn list_rules(&self) -> BoxFuture<'_, Result<Vec<RuleRecord>, Error>> {
        let res = self.read().rules.values().cloned().collect();
        Box::pin(ready(Ok(res)))
    }

    fn delete_rule(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>> {
        self.write().rules.remove(arn);
        Box::pin(ready(Ok(())))
    }

    fn enqueue(&self, batch: Enqueue) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        for delivery in batch.deliveries {
            let seq = inner.next_seq;
            inner.next_seq += 1;
            inner
                .deliveries
                .entry(delivery.id.clone())
                .or_insert((seq, delivery));
        }
        if let Some(rule) = batch.rule {
            inner.rules.insert(rule.arn.clone(), rule);
        }
        for change in batch.objects {
            match change {
                ObjectChange::Put(object) => {
                    inner
                        .objects
                        .insert((object.bucket.clone(), object.key.clone()), object);
                }
                ObjectChange::Delete { bucket, key } => {
                    inner.objects.remove(&(bucket, key));
                }
            }
        }
        Box::pin(ready(Ok(())))
    }

    fn pending_deliveries(&self) -> BoxFuture<'_, Result<Vec<Delivery>, Error>> {
        let inner = self.read();
        let mut pending: Vec<&(u64, Delivery)> = inner
            .deliveries
            .values()
            .filter(|(_, delivery)| delivery.status == DeliveryStatus::Pending)
            .collect();
        pending.sort_by_key(|(seq, delivery)| (delivery.created_ms, *seq));
        let res = pending
            .into_iter()
            .map(|(_, delivery)| delivery.clone())
            .collect();
        Box::pin(ready(Ok(res)))
    }

    fn update_delivery(&self, delivery: Delivery) -> BoxFuture<'_, Result<(), Error>> {
        let mut inner = self.write();
        let res = match inner.deliveries.get_mut(&delivery.id) {
            Some((_, slot)) => {
                *slot = delivery;
                Ok(())
            }
            None => Err(Error::NotFound(delivery.id)),
        };
        Box::pin(ready(res))
    }

    fn delivery_for_execution(
        &self,
        execution_arn: &str,
    ) -> BoxFuture<'_, Result<Option<Delivery>, Error>> {
        let res = self
            .read()
            .deliveries
            .values()
            .find(|(_, delivery)| delivery.execution_arn.as_deref() == Some(execution_arn))
            .map(|(_, delivery)| delivery.clone());
        Box::pin(ready(Ok(res)))
    }

    fn bucket_objects(&self, bucket: &str) -> BoxFuture<'_, Result<Vec<ObjectRecord>, Error>> {
        let res = self
            .read()
            .objects
            .values()
            .filter(|object| object.bucket == bucket)
            .cloned()
            .collect();
        Box::pin(ready(Ok(res)))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn passes_the_conformance_suite() {
        crate::testing::check_store(|| async { Arc::new(MemoryStore::new()) as Arc<dyn Store> })
            .await;
    }
}
