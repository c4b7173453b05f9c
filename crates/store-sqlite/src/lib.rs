//! The embedded store: everything a server keeps, in one SQLite file under its data directory.
//!
//! Reads go through a small pool of connections (WAL mode lets them run beside the writer);
//! every change goes through one writer task that commits all the changes waiting at once in
//! one transaction (group commit), synced to disk before any caller hears back. History is
//! kept in chunks, one JSON array per transition, so a transition that records two hundred
//! events writes two rows, not two hundred.
//!
//! # Example
//! ```
//! # tokio::runtime::Runtime::new().expect("a runtime").block_on(async {
//! use store::{Page, Store};
//!
//! let dir = std::env::temp_dir().join(format!("statewright-doc-{}", std::process::id()));
//! let store = store_sqlite::SqliteStore::open(&dir).await?;
//! let (machines, _) = store.list_state_machines(Page::first()).await?;
//! assert!(machines.is_empty());
//! # drop(store);
//! # let _ = std::fs::remove_dir_all(&dir);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # }).expect("the example runs");
//! ```

mod batch;
mod open;
mod read;
mod triggers;
mod writer;

use std::fs::File;
use std::path::{Path, PathBuf};

use engine::HistoryEvent;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnection, SqlitePool};
use store::{
    ActivityRecord, BoxFuture, Delivery, Enqueue, Error, ExecutionRecord, ExecutionStatus,
    ObjectRecord, Page, Paged, RuleRecord, StateMachineRecord, Store, Tag,
};
use tokio::sync::{mpsc, oneshot};

pub use open::{DATABASE_FILE, LOCK_FILE, OpenError};
use writer::{Change, Done, ExecutionRow, Request};

/// How many changes may wait for the writer before callers wait to queue theirs.
const QUEUE: usize = 8_192;

/// How many running executions the store keeps in memory.
const RUNNING_CACHE: usize = 10_000;

/// A store in a data directory.
pub struct SqliteStore {
    pool: SqlitePool,
    /// State machines read or written so far: every change goes through this store (the
    /// directory is locked), so the cache is never stale, and a start needs no read.
    machines: std::sync::RwLock<std::collections::HashMap<String, StateMachineRecord>>,
    /// Running executions as last committed, for the same reason: a step reads its execution
    /// from here, not from the database. At most `RUNNING_CACHE` of them; others are read.
    running: std::sync::Mutex<std::collections::HashMap<String, ExecutionRecord>>,
    writer: mpsc::Sender<Request>,
    path: PathBuf,
    /// Held for the life of the store: no second server can open the directory.
    _lock: File,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating them when missing) the data directory and its database, applies the
    /// schema migrations, and starts the writer. Must be called within a tokio runtime.
    ///
    /// A store is the only user of its directory, so the claims left by an earlier process
    /// that stopped (or crashed) are released here.
    ///
    /// # Errors
    /// An `OpenError` that says what is wrong with the directory or the file.
    pub async fn open(dir: &Path) -> Result<SqliteStore, OpenError> {
        let opened = open::open(dir).await?;
        let database = |err: sqlx::Error| OpenError::Database {
            path: opened.path.clone(),
            reason: err.to_string(),
        };
        sqlx::query(
            "UPDATE executions SET owner = NULL, lease_until_ms = NULL WHERE owner IS NOT NULL",
        )
        .execute(&opened.pool)
        .await
        .map_err(database)?;
        let conn = SqliteConnection::connect_with(&opened.options)
            .await
            .map_err(database)?;
        let (sender, receiver) = mpsc::channel(QUEUE);
        tokio::spawn(writer::run(conn, receiver));
        Ok(SqliteStore {
            pool: opened.pool,
            machines: Default::default(),
            running: Default::default(),
            writer: sender,
            path: opened.path,
            _lock: opened.lock,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn forget_running(&self, arn: &str) {
        self.running
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(arn);
    }

    /// Keeps a committed execution while it runs, forgets it when it ends.
    fn keep_running(&self, record: ExecutionRecord) {
        let mut running = self
            .running
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if record.status != ExecutionStatus::Running {
            running.remove(&record.arn);
        } else if running.len() < RUNNING_CACHE || running.contains_key(&record.arn) {
            running.insert(record.arn.clone(), record);
        }
    }

    fn cached(&self, arn: &str) -> Option<StateMachineRecord> {
        self.machines
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(arn)
            .cloned()
    }

    fn cache(&self, record: Option<&StateMachineRecord>, arn: &str) {
        let mut machines = self
            .machines
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match record {
            Some(record) => {
                machines.insert(arn.to_owned(), record.clone());
            }
            None => {
                machines.remove(arn);
            }
        }
    }

    async fn write(&self, change: Change) -> Result<Done, Error> {
        let (reply, answer) = oneshot::channel();
        self.writer
            .send(Request { change, reply })
            .await
            .map_err(|_| Error::Backend("the database writer has stopped".to_owned()))?;
        answer
            .await
            .map_err(|_| Error::Backend("the database writer has stopped".to_owned()))?
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|err| Error::Backend(err.to_string()))
}

/// The row for an execution: its record without the interpreter's state, which has its own
/// column. The record is lent, not consumed, so the store can keep it afterwards.
fn execution_row(
    record: &mut ExecutionRecord,
    history: &[HistoryEvent],
    exists: bool,
) -> Result<ExecutionRow, Error> {
    let taken = record.state.take();
    let texts = taken
        .as_ref()
        .map(to_json)
        .transpose()
        .and_then(|state| Ok((state, to_json(&*record)?)));
    record.state = taken;
    let (state, record_text) = texts?;
    let chunk = match (history.first(), history.last()) {
        (Some(first), Some(last)) => Some((first.id as i64, last.id as i64, to_json(&history)?)),
        _ => None,
    };
    Ok(ExecutionRow {
        arn: record.arn.clone(),
        state_machine_arn: record.state_machine_arn.clone(),
        status: record.status.as_str(),
        start_date_ms: record.start_date_ms,
        stop_date_ms: record.stop_date_ms,
        record: record_text,
        state,
        chunk,
        exists,
    })
}

impl Store for SqliteStore {
    fn create_state_machine(&self, record: StateMachineRecord) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let change = Change::PutMachine {
                arn: record.arn.clone(),
                name: record.name.clone(),
                record: to_json(&record)?,
                exists: false,
            };
            self.write(change).await?;
            self.cache(Some(&record), &record.arn);
            Ok(())
        })
    }

    fn get_state_machine(
        &self,
        arn: &str,
    ) -> BoxFuture<'_, Result<Option<StateMachineRecord>, Error>> {
        let arn = arn.to_owned();
        Box::pin(async move {
            if let Some(record) = self.cached(&arn) {
                return Ok(Some(record));
            }
            let record = read::state_machine(&self.pool, &arn).await?;
            if let Some(record) = &record {
                self.cache(Some(record), &arn);
            }
            Ok(record)
        })
    }

    fn update_state_machine(&self, record: StateMachineRecord) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let change = Change::PutMachine {
                arn: record.arn.clone(),
                name: record.name.clone(),
                record: to_json(&record)?,
                exists: true,
            };
            let res = self.write(change).await;
            // Whatever happened, the next read goes to the database.
            self.cache(None, &record.arn);
            res.map(|_| ())
        })
    }

    fn delete_state_machine(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>> {
        let arn = arn.to_owned();
        Box::pin(async move {
            let res = self.write(Change::DeleteMachine { arn: arn.clone() }).await;
            self.cache(None, &arn);
            res.map(|_| ())
        })
    }

    fn list_state_machines(
        &self,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<StateMachineRecord>, Error>> {
        Box::pin(async move { read::state_machines(&self.pool, &page).await })
    }

    fn create_activity(&self, record: ActivityRecord) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let change = Change::PutActivity {
                arn: record.arn.clone(),
                name: record.name.clone(),
                record: to_json(&record)?,
            };
            self.write(change).await.map(|_| ())
        })
    }

    fn get_activity(&self, arn: &str) -> BoxFuture<'_, Result<Option<ActivityRecord>, Error>> {
        let arn = arn.to_owned();
        Box::pin(async move { read::activity(&self.pool, &arn).await })
    }

    fn delete_activity(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>> {
        let arn = arn.to_owned();
        Box::pin(async move { self.write(Change::DeleteActivity { arn }).await.map(|_| ()) })
    }

    fn list_activities(&self, page: Page) -> BoxFuture<'_, Result<Paged<ActivityRecord>, Error>> {
        Box::pin(async move { read::activities(&self.pool, &page).await })
    }

    fn create_execution(
        &self,
        record: ExecutionRecord,
        history: Vec<HistoryEvent>,
    ) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let mut record = record;
            let row = execution_row(&mut record, &history, false)?;
            self.write(Change::PutExecution(Box::new(row))).await?;
            self.keep_running(record);
            Ok(())
        })
    }

    fn get_execution(&self, arn: &str) -> BoxFuture<'_, Result<Option<ExecutionRecord>, Error>> {
        let kept = self
            .running
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(arn)
            .cloned();
        let arn = arn.to_owned();
        Box::pin(async move {
            match kept {
                Some(record) => Ok(Some(record)),
                None => read::execution(&self.pool, &arn).await,
            }
        })
    }

    fn commit(
        &self,
        record: ExecutionRecord,
        history: Vec<HistoryEvent>,
    ) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let mut record = record;
            let row = execution_row(&mut record, &history, true)?;
            let done = self.write(Change::PutExecution(Box::new(row))).await;
            match done {
                Ok(_) => self.keep_running(record),
                // What the database holds is not known: read it next time.
                Err(_) => self.forget_running(&record.arn),
            }
            done.map(|_| ())
        })
    }

    fn list_executions(
        &self,
        state_machine_arn: Option<&str>,
        status: Option<ExecutionStatus>,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<ExecutionRecord>, Error>> {
        let state_machine_arn = state_machine_arn.map(str::to_owned);
        Box::pin(async move {
            read::executions(&self.pool, state_machine_arn.as_deref(), status, &page).await
        })
    }

    fn get_history(
        &self,
        execution_arn: &str,
        reverse: bool,
        page: Page,
    ) -> BoxFuture<'_, Result<Paged<HistoryEvent>, Error>> {
        let arn = execution_arn.to_owned();
        Box::pin(async move { read::history(&self.pool, &arn, reverse, &page).await })
    }

    fn claim_running(
        &self,
        owner: &str,
        now_ms: i64,
        lease_until_ms: i64,
    ) -> BoxFuture<'_, Result<Vec<ExecutionRecord>, Error>> {
        let owner = owner.to_owned();
        Box::pin(async move {
            let change = Change::Claim {
                owner,
                now_ms,
                lease_until_ms,
            };
            match self.write(change).await? {
                Done::Claimed(rows) => rows
                    .into_iter()
                    .map(|(record, state)| read::execution_from(&record, state.as_deref()))
                    .collect(),
                _ => Err(Error::Backend("a claim answered something else".to_owned())),
            }
        })
    }

    fn delete_closed_before(&self, cutoff_ms: i64) -> BoxFuture<'_, Result<usize, Error>> {
        Box::pin(async move {
            match self.write(Change::DeleteClosedBefore { cutoff_ms }).await? {
                Done::Deleted(n) => Ok(n),
                _ => Err(Error::Backend(
                    "a deletion answered something else".to_owned(),
                )),
            }
        })
    }

    fn tag_resource(&self, arn: &str, tags: Vec<Tag>) -> BoxFuture<'_, Result<(), Error>> {
        let arn = arn.to_owned();
        Box::pin(async move {
            let tags = tags.into_iter().map(|tag| (tag.key, tag.value)).collect();
            self.write(Change::Tag { arn, tags }).await.map(|_| ())
        })
    }

    fn untag_resource(&self, arn: &str, keys: Vec<String>) -> BoxFuture<'_, Result<(), Error>> {
        let arn = arn.to_owned();
        Box::pin(async move { self.write(Change::Untag { arn, keys }).await.map(|_| ()) })
    }

    fn list_tags(&self, arn: &str) -> BoxFuture<'_, Result<Vec<Tag>, Error>> {
        let arn = arn.to_owned();
        Box::pin(async move { read::tags(&self.pool, &arn).await })
    }

    fn put_rule(&self, record: RuleRecord) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let change = triggers::put_rule(&record)?;
            self.write(Change::Triggers(change)).await.map(|_| ())
        })
    }

    fn get_rule(&self, arn: &str) -> BoxFuture<'_, Result<Option<RuleRecord>, Error>> {
        let arn = arn.to_owned();
        Box::pin(async move { triggers::rule(&self.pool, &arn).await })
    }

    fn list_rules(&self) -> BoxFuture<'_, Result<Vec<RuleRecord>, Error>> {
        Box::pin(async move { triggers::rules(&self.pool).await })
    }

    fn delete_rule(&self, arn: &str) -> BoxFuture<'_, Result<(), Error>> {
        let change = triggers::Change::DeleteRule {
            arn: arn.to_owned(),
        };
        Box::pin(async move { self.write(Change::Triggers(change)).await.map(|_| ()) })
    }

    fn enqueue(&self, batch: Enqueue) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let rows = triggers::EnqueueRows::new(&batch)?;
            let change = triggers::Change::Enqueue(Box::new(rows));
            self.write(Change::Triggers(change)).await.map(|_| ())
        })
    }

    fn pending_deliveries(&self) -> BoxFuture<'_, Result<Vec<Delivery>, Error>> {
        Box::pin(async move { triggers::pending(&self.pool).await })
    }

    fn update_delivery(&self, delivery: Delivery) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let change = triggers::Change::UpdateDelivery(triggers::DeliveryRow::new(&delivery)?);
            self.write(Change::Triggers(change)).await.map(|_| ())
        })
    }

    fn delivery_for_execution(
        &self,
        execution_arn: &str,
    ) -> BoxFuture<'_, Result<Option<Delivery>, Error>> {
        let arn = execution_arn.to_owned();
        Box::pin(async move { triggers::for_execution(&self.pool, &arn).await })
    }

    fn bucket_objects(&self, bucket: &str) -> BoxFuture<'_, Result<Vec<ObjectRecord>, Error>> {
        let bucket = bucket.to_owned();
        Box::pin(async move { triggers::objects(&self.pool, &bucket).await })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn scratch() -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "statewright-sqlite-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[tokio::test]
    async fn a_second_store_cannot_open_the_same_directory() {
        let dir = scratch();
        let _first = SqliteStore::open(&dir).await.expect("opens");
        let second = SqliteStore::open(&dir).await;
        assert!(matches!(second, Err(OpenError::InUse { .. })), "{second:?}");
    }

    #[tokio::test]
    async fn a_database_from_a_newer_version_is_refused() {
        let dir = scratch();
        {
            let store = SqliteStore::open(&dir).await.expect("opens");
            sqlx::query(
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                 VALUES (9999, 'from the future', 1, x'00', 0)",
            )
            .execute(&store.pool)
            .await
            .expect("the migrations table takes a row");
            store.pool.close().await;
        }
        let reopened = SqliteStore::open(&dir).await;
        match reopened {
            Err(OpenError::NewerSchema { found, known, .. }) => {
                assert_eq!(found, 9999);
                assert!(known < found);
            }
            other => panic!("expected NewerSchema, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn an_unusable_directory_is_reported() {
        let under_a_file = std::path::Path::new("/dev/null/statewright");
        let res = SqliteStore::open(under_a_file).await;
        assert!(matches!(res, Err(OpenError::Unwritable { .. })), "{res:?}");
    }

    #[tokio::test]
    async fn what_was_committed_is_there_after_reopening() {
        let dir = scratch();
        let machine = store::testing::machine("m");
        let execution = store::testing::execution(&machine, "e", 10);
        let activity = store::testing::activity("a");
        let tag = store::Tag {
            key: "k".to_owned(),
            value: "v".to_owned(),
        };
        {
            let store = SqliteStore::open(&dir).await.expect("opens");
            store
                .create_state_machine(machine.clone())
                .await
                .expect("creates");
            store
                .create_activity(activity.clone())
                .await
                .expect("creates");
            store
                .tag_resource(&activity.arn, vec![tag.clone()])
                .await
                .expect("tags");
            store
                .create_execution(execution.clone(), Vec::new())
                .await
                .expect("creates");
            let claimed = store.claim_running("a", 0, i64::MAX).await.expect("claims");
            assert_eq!(claimed.len(), 1);
        }
        let store = SqliteStore::open(&dir).await.expect("reopens");
        assert_eq!(
            store.get_state_machine(&machine.arn).await.expect("reads"),
            Some(machine)
        );
        assert_eq!(
            store.get_activity(&activity.arn).await.expect("reads"),
            Some(activity.clone())
        );
        assert_eq!(
            store.list_tags(&activity.arn).await.expect("reads"),
            vec![tag]
        );
        assert_eq!(
            store.claim_running("b", 0, 10).await.expect("claims"),
            vec![execution],
            "reopening releases the claims of the process before"
        );
    }

    #[tokio::test]
    async fn passes_the_conformance_suite() {
        store::testing::check_store(|| async {
            Arc::new(SqliteStore::open(&scratch()).await.expect("opens")) as Arc<dyn Store>
        })
        .await;
    }
}
