//! Reads: records, listings in pages, and history pages cut out of history chunks.

use engine::HistoryEvent;
use sqlx::Row;
use sqlx::sqlite::SqlitePool;
use store::listing::{
    ACTIVITIES_QUERY, STATE_MACHINES_QUERY, decode_position as decode, encode_position as encode,
    executions_query, history_window,
};
use store::{
    ActivityRecord, Error, ExecutionRecord, ExecutionStatus, Page, Paged, StateMachineRecord, Tag,
};

/// A row when a resource that can carry tags (a state machine or an activity) has the ARN `?1`.
pub(crate) const TAGGABLE_EXISTS: &str = "SELECT 1 FROM state_machines WHERE arn = ?1 \
     UNION ALL SELECT 1 FROM activities WHERE arn = ?1 LIMIT 1";

fn backend(err: sqlx::Error) -> Error {
    Error::Backend(err.to_string())
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_json::from_str(text)
        .map_err(|err| Error::Backend(format!("a stored record does not read back: {err}")))
}

/// An execution record from its stored row.
pub(crate) fn execution_from(record: &str, state: Option<&str>) -> Result<ExecutionRecord, Error> {
    let mut record: ExecutionRecord = from_json(record)?;
    record.state = state.map(from_json).transpose()?;
    Ok(record)
}

/// The record, stored as JSON, of the row of `table` with this ARN.
async fn record<T: serde::de::DeserializeOwned>(
    pool: &SqlitePool,
    table: Named,
    arn: &str,
) -> Result<Option<T>, Error> {
    let row = sqlx::query(table.select_one())
        .bind(arn)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
    row.map(|row| {
        let text: String = row.try_get("record").map_err(backend)?;
        from_json(&text)
    })
    .transpose()
}

/// A table of records listed by `(name, arn)`.
#[derive(Clone, Copy)]
enum Named {
    StateMachines,
    Activities,
}

impl Named {
    fn select_one(self) -> &'static str {
        match self {
            Named::StateMachines => "SELECT record FROM state_machines WHERE arn = ?",
            Named::Activities => "SELECT record FROM activities WHERE arn = ?",
        }
    }

    fn select_page(self) -> &'static str {
        match self {
            Named::StateMachines => {
                "SELECT name, arn, record FROM state_machines \
                 WHERE (name > ?1 OR (name = ?1 AND arn > ?2)) ORDER BY name, arn LIMIT ?3"
            }
            Named::Activities => {
                "SELECT name, arn, record FROM activities \
                 WHERE (name > ?1 OR (name = ?1 AND arn > ?2)) ORDER BY name, arn LIMIT ?3"
            }
        }
    }

    fn query(self) -> &'static str {
        match self {
            Named::StateMachines => STATE_MACHINES_QUERY,
            Named::Activities => ACTIVITIES_QUERY,
        }
    }
}

/// One page of a table listed by `(name, arn)`; the token carries the last pair returned.
async fn page_by_name<T: serde::de::DeserializeOwned>(
    pool: &SqlitePool,
    table: Named,
    page: &Page,
) -> Result<Paged<T>, Error> {
    let after: Option<(String, String)> = decode(page, table.query())?;
    let (name, arn) = after.unwrap_or_default();
    let size = page.size();
    let rows = sqlx::query(table.select_page())
        .bind(&name)
        .bind(&arn)
        .bind(size as i64 + 1)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    let more = rows.len() > size;
    let mut records = Vec::with_capacity(rows.len().min(size));
    let mut last = None;
    for row in rows.into_iter().take(size) {
        let name: String = row.try_get("name").map_err(backend)?;
        let arn: String = row.try_get("arn").map_err(backend)?;
        let text: String = row.try_get("record").map_err(backend)?;
        records.push(from_json::<T>(&text)?);
        last = Some((name, arn));
    }
    let next = if more {
        last.map(|last| encode(table.query(), &last))
    } else {
        None
    };
    Ok((records, next))
}

pub(crate) async fn state_machine(
    pool: &SqlitePool,
    arn: &str,
) -> Result<Option<StateMachineRecord>, Error> {
    record(pool, Named::StateMachines, arn).await
}

pub(crate) async fn state_machines(
    pool: &SqlitePool,
    page: &Page,
) -> Result<Paged<StateMachineRecord>, Error> {
    page_by_name(pool, Named::StateMachines, page).await
}

pub(crate) async fn activity(
    pool: &SqlitePool,
    arn: &str,
) -> Result<Option<ActivityRecord>, Error> {
    record(pool, Named::Activities, arn).await
}

pub(crate) async fn activities(
    pool: &SqlitePool,
    page: &Page,
) -> Result<Paged<ActivityRecord>, Error> {
    page_by_name(pool, Named::Activities, page).await
}

pub(crate) async fn execution(
    pool: &SqlitePool,
    arn: &str,
) -> Result<Option<ExecutionRecord>, Error> {
    let row = sqlx::query("SELECT record, state FROM executions WHERE arn = ?")
        .bind(arn)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
    row.map(|row| {
        let record: String = row.try_get("record").map_err(backend)?;
        let state: Option<String> = row.try_get("state").map_err(backend)?;
        execution_from(&record, state.as_deref())
    })
    .transpose()
}

pub(crate) async fn executions(
    pool: &SqlitePool,
    state_machine_arn: Option<&str>,
    status: Option<ExecutionStatus>,
    page: &Page,
) -> Result<Paged<ExecutionRecord>, Error> {
    let query = executions_query(state_machine_arn, status);
    let after: Option<(i64, i64)> = decode(page, &query)?;
    let (start, seq) = after.unwrap_or((i64::MAX, i64::MAX));
    let size = page.size();
    let rows = sqlx::query(
        "SELECT seq, start_date_ms, record, state FROM executions \
         WHERE (?1 IS NULL OR state_machine_arn = ?1) AND (?2 IS NULL OR status = ?2) \
         AND (start_date_ms < ?3 OR (start_date_ms = ?3 AND seq < ?4)) \
         ORDER BY start_date_ms DESC, seq DESC LIMIT ?5",
    )
    .bind(state_machine_arn)
    .bind(status.map(ExecutionStatus::as_str))
    .bind(start)
    .bind(seq)
    .bind(size as i64 + 1)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let seq: i64 = row.try_get("seq").map_err(backend)?;
        let start: i64 = row.try_get("start_date_ms").map_err(backend)?;
        let record: String = row.try_get("record").map_err(backend)?;
        let state: Option<String> = row.try_get("state").map_err(backend)?;
        items.push(((start, seq), execution_from(&record, state.as_deref())?));
    }
    let more = items.len() > size;
    items.truncate(size);
    let next = if more {
        items.last().map(|(position, _)| encode(&query, position))
    } else {
        None
    };
    Ok((items.into_iter().map(|(_, record)| record).collect(), next))
}

pub(crate) async fn history(
    pool: &SqlitePool,
    arn: &str,
    reverse: bool,
    page: &Page,
) -> Result<Paged<HistoryEvent>, Error> {
    let count = sqlx::query("SELECT event_count FROM executions WHERE arn = ?")
        .bind(arn)
        .fetch_optional(pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| Error::NotFound(arn.to_owned()))?;
    let count: i64 = count.try_get("event_count").map_err(backend)?;
    let count = count.max(0) as usize;
    let window = history_window(arn, count, reverse, page)?;
    let mut events = events_between(pool, arn, window.start, window.end).await?;
    if reverse {
        events.reverse();
    }
    Ok((events, window.next))
}

/// The events with index in `start..end` (ids `start + 1 ..= end`).
async fn events_between(
    pool: &SqlitePool,
    arn: &str,
    start: usize,
    end: usize,
) -> Result<Vec<HistoryEvent>, Error> {
    if start >= end {
        return Ok(Vec::new());
    }
    let (first_id, last_id) = (start as i64 + 1, end as i64);
    let rows = sqlx::query(
        "SELECT events FROM history_chunks WHERE arn = ? AND last_id >= ? AND first_id <= ? \
         ORDER BY first_id",
    )
    .bind(arn)
    .bind(first_id)
    .bind(last_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut events = Vec::with_capacity(end - start);
    for row in rows {
        let text: String = row.try_get("events").map_err(backend)?;
        let chunk: Vec<HistoryEvent> = from_json(&text)?;
        events.extend(
            chunk
                .into_iter()
                .filter(|event| (first_id..=last_id).contains(&(event.id as i64))),
        );
    }
    Ok(events)
}

pub(crate) async fn tags(pool: &SqlitePool, arn: &str) -> Result<Vec<Tag>, Error> {
    let found = sqlx::query(TAGGABLE_EXISTS)
        .bind(arn)
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
    if found.is_none() {
        return Err(Error::NotFound(arn.to_owned()));
    }
    let rows = sqlx::query("SELECT key, value FROM tags WHERE arn = ? ORDER BY position")
        .bind(arn)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    rows.into_iter()
        .map(|row| {
            Ok(Tag {
                key: row.try_get("key").map_err(backend)?,
                value: row.try_get("value").map_err(backend)?,
            })
        })
        .collect()
}
