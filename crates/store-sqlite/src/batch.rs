//! Execution writes of one transaction as a few multi-row statements: all new executions in
//! one `INSERT`, all commits in one `UPDATE ... FROM (VALUES ...)`, all history chunks in one
//! more, so a batch costs the same handful of statements however many executions it holds.

use std::collections::HashSet;

use sqlx::sqlite::{Sqlite, SqliteConnection};
use sqlx::{QueryBuilder, Row};
use store::Error;

use crate::writer::{Done, ExecutionRow};

/// Writes the rows and answers each: `AlreadyExists` for a new execution whose ARN is taken,
/// `NotFound` for a commit of an execution that does not exist.
///
/// # Errors
/// A failed statement, which leaves the transaction to be rolled back.
pub(crate) async fn put_executions(
    conn: &mut SqliteConnection,
    rows: &[&ExecutionRow],
) -> Result<Vec<Result<Done, Error>>, sqlx::Error> {
    let creates: Vec<&ExecutionRow> = rows.iter().copied().filter(|row| !row.exists).collect();
    let commits: Vec<&ExecutionRow> = rows.iter().copied().filter(|row| row.exists).collect();
    let created = insert_new(conn, &creates).await?;
    let updated = update_existing(conn, &commits).await?;
    let mut answers = Vec::with_capacity(rows.len());
    let mut taken = HashSet::new();
    let mut chunks = Vec::new();
    for row in rows {
        let written = if row.exists {
            updated.contains(&row.arn)
        } else {
            // Two starts of one ARN in a batch: the first wins.
            created.contains(&row.arn) && taken.insert(row.arn.as_str())
        };
        answers.push(if written {
            if let Some(chunk) = &row.chunk {
                chunks.push((row.arn.as_str(), chunk));
            }
            Ok(Done::Nothing)
        } else if row.exists {
            Err(Error::NotFound(row.arn.clone()))
        } else {
            Err(Error::AlreadyExists(row.arn.clone()))
        });
    }
    if !chunks.is_empty() {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO history_chunks (arn, first_id, last_id, events) ",
        );
        query.push_values(chunks, |mut values, (arn, (first, last, events))| {
            values
                .push_bind(arn)
                .push_bind(*first)
                .push_bind(*last)
                .push_bind(events.as_str());
        });
        query.build().execute(&mut *conn).await?;
    }
    Ok(answers)
}

async fn insert_new(
    conn: &mut SqliteConnection,
    rows: &[&ExecutionRow],
) -> Result<HashSet<String>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    let mut query = QueryBuilder::<Sqlite>::new(
        "INSERT INTO executions (arn, state_machine_arn, status, start_date_ms, stop_date_ms, \
         record, state, event_count) ",
    );
    query.push_values(rows, |mut values, row| {
        values
            .push_bind(row.arn.as_str())
            .push_bind(row.state_machine_arn.as_str())
            .push_bind(row.status)
            .push_bind(row.start_date_ms)
            .push_bind(row.stop_date_ms)
            .push_bind(row.record.as_str())
            .push_bind(row.state.as_deref())
            .push_bind(row.chunk.as_ref().map_or(0, |(_, last, _)| *last));
    });
    query.push(" ON CONFLICT (arn) DO NOTHING RETURNING arn");
    let rows = query.build().fetch_all(&mut *conn).await?;
    rows.iter().map(|row| row.try_get("arn")).collect()
}

async fn update_existing(
    conn: &mut SqliteConnection,
    rows: &[&ExecutionRow],
) -> Result<HashSet<String>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    let mut query = QueryBuilder::<Sqlite>::new(
        "UPDATE executions SET status = v.column2, stop_date_ms = v.column3, record = v.column4, \
         state = v.column5, event_count = COALESCE(v.column6, executions.event_count) FROM (",
    );
    query.push_values(rows, |mut values, row| {
        values
            .push_bind(row.arn.as_str())
            .push_bind(row.status)
            .push_bind(row.stop_date_ms)
            .push_bind(row.record.as_str())
            .push_bind(row.state.as_deref())
            .push_bind(row.chunk.as_ref().map(|(_, last, _)| *last));
    });
    query.push(") AS v WHERE executions.arn = v.column1 RETURNING executions.arn");
    let rows = query.build().fetch_all(&mut *conn).await?;
    rows.iter().map(|row| row.try_get("arn")).collect()
}
