//! The single writer and its group commit: every change goes through one connection, and all
//! the changes waiting when a transaction starts share it, and its one sync to disk.
//!
//! Callers serialize their records before they queue a change, so the writer's thread spends
//! its time in SQLite only. A change that the store refuses (a duplicate ARN, say) is refused
//! before it writes anything and reported to its caller alone; a statement that fails rolls
//! the whole transaction back and fails every change in it.

use sqlx::sqlite::SqliteConnection;
use sqlx::{Connection, Row};
use store::Error;
use tokio::sync::{mpsc, oneshot};

/// How many changes one transaction takes at most.
const MAX_BATCH: usize = 512;

/// One change, with its JSON already written.
pub(crate) enum Change {
    PutMachine {
        arn: String,
        name: String,
        record: String,
        /// `true`: it must exist (update); `false`: it must not (create).
        exists: bool,
    },
    DeleteMachine {
        arn: String,
    },
    /// A new activity; its ARN must not be taken.
    PutActivity {
        arn: String,
        name: String,
        record: String,
    },
    DeleteActivity {
        arn: String,
    },
    PutExecution(Box<ExecutionRow>),
    Tag {
        arn: String,
        tags: Vec<(String, String)>,
    },
    Untag {
        arn: String,
        keys: Vec<String>,
    },
    Claim {
        owner: String,
        now_ms: i64,
        lease_until_ms: i64,
    },
    DeleteClosedBefore {
        cutoff_ms: i64,
    },
    Triggers(crate::triggers::Change),
}

/// An execution's row and the history chunk that goes with it.
pub(crate) struct ExecutionRow {
    pub(crate) arn: String,
    pub(crate) state_machine_arn: String,
    pub(crate) status: &'static str,
    pub(crate) start_date_ms: i64,
    pub(crate) stop_date_ms: Option<i64>,
    pub(crate) record: String,
    pub(crate) state: Option<String>,
    /// `(first id, last id, events as a JSON array)`.
    pub(crate) chunk: Option<(i64, i64, String)>,
    /// `true` for a commit (the row must exist), `false` for a new execution.
    pub(crate) exists: bool,
}

/// What a change gives back.
pub(crate) enum Done {
    Nothing,
    /// The claimed executions' records and states, as stored.
    Claimed(Vec<(String, Option<String>)>),
    Deleted(usize),
}

pub(crate) struct Request {
    pub(crate) change: Change,
    pub(crate) reply: oneshot::Sender<Result<Done, Error>>,
}

/// Runs the writer until every sender is gone.
pub(crate) async fn run(mut conn: SqliteConnection, mut requests: mpsc::Receiver<Request>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = requests.recv().await {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match requests.try_recv() {
                Ok(request) => batch.push(request),
                Err(_) => break,
            }
        }
        let results = commit_batch(&mut conn, &batch).await;
        for (request, result) in batch.drain(..).zip(results) {
            // A caller that went away does not need its answer.
            let _ = request.reply.send(result);
        }
    }
    let _ = conn.close().await;
}

async fn commit_batch(conn: &mut SqliteConnection, batch: &[Request]) -> Vec<Result<Done, Error>> {
    if let Err(err) = sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await {
        return batch.iter().map(|_| Err(backend_ref(&err))).collect();
    }
    let mut results: Vec<Result<Done, Error>> = Vec::with_capacity(batch.len());
    let mut executions = Vec::new();
    for (idx, request) in batch.iter().enumerate() {
        if let Change::PutExecution(row) = &request.change {
            // Written together below; a placeholder keeps the answers in order.
            executions.push((idx, &**row));
            results.push(Ok(Done::Nothing));
            continue;
        }
        match apply(&mut *conn, &request.change).await {
            // A change that is refused (a duplicate, a missing record) is refused before it
            // writes anything, so the others can still commit.
            Ok(done) => results.push(Ok(done)),
            Err(Failed::Refused(err)) => results.push(Err(err)),
            // A statement that fails leaves the transaction in doubt: roll all of it back.
            Err(Failed::Database(err)) => {
                let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
                return batch.iter().map(|_| Err(backend_ref(&err))).collect();
            }
        }
    }
    if !executions.is_empty() {
        let rows: Vec<&ExecutionRow> = executions.iter().map(|(_, row)| *row).collect();
        match crate::batch::put_executions(&mut *conn, &rows).await {
            Ok(answers) => {
                for ((idx, _), answer) in executions.iter().zip(answers) {
                    results[*idx] = answer;
                }
            }
            Err(err) => {
                let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
                return batch.iter().map(|_| Err(backend_ref(&err))).collect();
            }
        }
    }
    if let Err(err) = sqlx::query("COMMIT").execute(&mut *conn).await {
        let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
        return batch.iter().map(|_| Err(backend_ref(&err))).collect();
    }
    results
}

/// Why a change did not apply.
pub(crate) enum Failed {
    /// The store's answer to the caller; nothing was written.
    Refused(Error),
    /// The database failed.
    Database(sqlx::Error),
}

impl From<sqlx::Error> for Failed {
    fn from(err: sqlx::Error) -> Self {
        Failed::Database(err)
    }
}

fn backend_ref(err: &sqlx::Error) -> Error {
    Error::Backend(err.to_string())
}

async fn apply(conn: &mut SqliteConnection, change: &Change) -> Result<Done, Failed> {
    match change {
        Change::PutMachine {
            arn,
            name,
            record,
            exists,
        } => {
            let res = if *exists {
                sqlx::query("UPDATE state_machines SET name = ?, record = ? WHERE arn = ?")
                    .bind(name)
                    .bind(record)
                    .bind(arn)
                    .execute(&mut *conn)
                    .await
            } else {
                sqlx::query(
                    "INSERT INTO state_machines (arn, name, record) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                )
                .bind(arn)
                .bind(name)
                .bind(record)
                .execute(&mut *conn)
                .await
            }?;
            match (res.rows_affected(), exists) {
                (0, true) => Err(Failed::Refused(Error::NotFound(arn.clone()))),
                (0, false) => Err(Failed::Refused(Error::AlreadyExists(arn.clone()))),
                _ => Ok(Done::Nothing),
            }
        }
        Change::DeleteMachine { arn } => {
            delete_with_tags(conn, "DELETE FROM state_machines WHERE arn = ?", arn).await
        }
        Change::PutActivity { arn, name, record } => {
            let res = sqlx::query(
                "INSERT INTO activities (arn, name, record) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            )
            .bind(arn)
            .bind(name)
            .bind(record)
            .execute(&mut *conn)
            .await?;
            if res.rows_affected() == 0 {
                return Err(Failed::Refused(Error::AlreadyExists(arn.clone())));
            }
            Ok(Done::Nothing)
        }
        Change::DeleteActivity { arn } => {
            delete_with_tags(conn, "DELETE FROM activities WHERE arn = ?", arn).await
        }
        // Written in bulk by `commit_batch`.
        Change::PutExecution(_) => Ok(Done::Nothing),
        Change::Tag { arn, tags } => {
            taggable_exists(conn, arn).await?;
            for (key, value) in tags {
                sqlx::query(
                    "INSERT INTO tags (arn, position, key, value) \
                     VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM tags WHERE arn = ?1), ?2, ?3) \
                     ON CONFLICT (arn, key) DO UPDATE SET value = excluded.value",
                )
                .bind(arn)
                .bind(key)
                .bind(value)
                .execute(&mut *conn)
                .await
                ?;
            }
            Ok(Done::Nothing)
        }
        Change::Untag { arn, keys } => {
            taggable_exists(conn, arn).await?;
            for key in keys {
                sqlx::query("DELETE FROM tags WHERE arn = ? AND key = ?")
                    .bind(arn)
                    .bind(key)
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(Done::Nothing)
        }
        Change::Claim {
            owner,
            now_ms,
            lease_until_ms,
        } => {
            let rows = sqlx::query(
                "UPDATE executions SET owner = ?1, lease_until_ms = ?2 \
                 WHERE status = 'RUNNING' AND (owner IS NULL OR owner = ?1 OR lease_until_ms < ?3) \
                 RETURNING seq, record, state",
            )
            .bind(owner)
            .bind(lease_until_ms)
            .bind(now_ms)
            .fetch_all(&mut *conn)
            .await?;
            let mut claimed = Vec::with_capacity(rows.len());
            for row in rows {
                let seq: i64 = row.try_get("seq")?;
                let record: String = row.try_get("record")?;
                let state: Option<String> = row.try_get("state")?;
                claimed.push((seq, record, state));
            }
            claimed.sort_by_key(|(seq, _, _)| *seq);
            Ok(Done::Claimed(
                claimed
                    .into_iter()
                    .map(|(_, record, state)| (record, state))
                    .collect(),
            ))
        }
        Change::DeleteClosedBefore { cutoff_ms } => {
            sqlx::query(
                "DELETE FROM history_chunks WHERE arn IN \
                 (SELECT arn FROM executions WHERE stop_date_ms IS NOT NULL AND stop_date_ms < ?)",
            )
            .bind(cutoff_ms)
            .execute(&mut *conn)
            .await?;
            let res = sqlx::query(
                "DELETE FROM executions WHERE stop_date_ms IS NOT NULL AND stop_date_ms < ?",
            )
            .bind(cutoff_ms)
            .execute(&mut *conn)
            .await?;
            crate::triggers::delete_done_before(conn, *cutoff_ms).await?;
            Ok(Done::Deleted(res.rows_affected() as usize))
        }
        Change::Triggers(change) => crate::triggers::apply(conn, change).await,
    }
}

/// Refuses a change to the tags of anything but an existing state machine or activity.
async fn taggable_exists(conn: &mut SqliteConnection, arn: &str) -> Result<(), Failed> {
    let found = sqlx::query(crate::read::TAGGABLE_EXISTS)
        .bind(arn)
        .fetch_optional(&mut *conn)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(Failed::Refused(Error::NotFound(arn.to_owned()))),
    }
}

/// Deletes a state machine or an activity (`statement` names its table) and its tags.
async fn delete_with_tags(
    conn: &mut SqliteConnection,
    statement: &'static str,
    arn: &str,
) -> Result<Done, Failed> {
    sqlx::query(statement).bind(arn).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM tags WHERE arn = ?")
        .bind(arn)
        .execute(&mut *conn)
        .await?;
    Ok(Done::Nothing)
}
