//! Rules, deliveries and watched objects: their writes (applied by the writer inside its
//! transaction) and their reads.

use sqlx::Row;
use sqlx::sqlite::{SqliteConnection, SqlitePool};
use store::{Delivery, Enqueue, Error, ObjectChange, ObjectRecord, RuleRecord};

use crate::writer::{Done, Failed};

/// A change to triggers, with its JSON already written.
pub(crate) enum Change {
    PutRule { arn: String, record: String },
    DeleteRule { arn: String },
    Enqueue(Box<EnqueueRows>),
    UpdateDelivery(DeliveryRow),
}

/// A delivery's row.
pub(crate) struct DeliveryRow {
    id: String,
    status: &'static str,
    created_ms: i64,
    execution_arn: Option<String>,
    record: String,
}

/// An object's row, or its deletion (`record` is `None`).
pub(crate) struct ObjectRow {
    bucket: String,
    key: String,
    record: Option<String>,
}

/// An enqueue's rows.
pub(crate) struct EnqueueRows {
    deliveries: Vec<DeliveryRow>,
    rule: Option<(String, String)>,
    objects: Vec<ObjectRow>,
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|err| Error::Backend(err.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_json::from_str(text)
        .map_err(|err| Error::Backend(format!("a stored record does not read back: {err}")))
}

fn backend(err: sqlx::Error) -> Error {
    Error::Backend(err.to_string())
}

impl DeliveryRow {
    pub(crate) fn new(delivery: &Delivery) -> Result<Self, Error> {
        Ok(DeliveryRow {
            id: delivery.id.clone(),
            status: delivery.status.as_str(),
            created_ms: delivery.created_ms,
            execution_arn: delivery.execution_arn.clone(),
            record: to_json(delivery)?,
        })
    }
}

impl EnqueueRows {
    pub(crate) fn new(batch: &Enqueue) -> Result<Self, Error> {
        let deliveries = batch
            .deliveries
            .iter()
            .map(DeliveryRow::new)
            .collect::<Result<_, _>>()?;
        let rule = batch
            .rule
            .as_ref()
            .map(|rule| Ok::<_, Error>((rule.arn.clone(), to_json(rule)?)))
            .transpose()?;
        let objects = batch
            .objects
            .iter()
            .map(|change| match change {
                ObjectChange::Put(object) => Ok(ObjectRow {
                    bucket: object.bucket.clone(),
                    key: object.key.clone(),
                    record: Some(to_json(object)?),
                }),
                ObjectChange::Delete { bucket, key } => Ok(ObjectRow {
                    bucket: bucket.clone(),
                    key: key.clone(),
                    record: None,
                }),
            })
            .collect::<Result<_, Error>>()?;
        Ok(EnqueueRows {
            deliveries,
            rule,
            objects,
        })
    }
}

/// The change for `put_rule`.
pub(crate) fn put_rule(record: &RuleRecord) -> Result<Change, Error> {
    Ok(Change::PutRule {
        arn: record.arn.clone(),
        record: to_json(record)?,
    })
}

/// Applies a change inside the writer's transaction.
pub(crate) async fn apply(conn: &mut SqliteConnection, change: &Change) -> Result<Done, Failed> {
    match change {
        Change::PutRule { arn, record } => {
            upsert_rule(conn, arn, record).await?;
        }
        Change::DeleteRule { arn } => {
            sqlx::query("DELETE FROM rules WHERE arn = ?")
                .bind(arn)
                .execute(&mut *conn)
                .await?;
        }
        Change::Enqueue(rows) => {
            for row in &rows.deliveries {
                sqlx::query(
                    "INSERT INTO deliveries (id, status, created_ms, execution_arn, record) \
                     VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                )
                .bind(&row.id)
                .bind(row.status)
                .bind(row.created_ms)
                .bind(&row.execution_arn)
                .bind(&row.record)
                .execute(&mut *conn)
                .await?;
            }
            if let Some((arn, record)) = &rows.rule {
                upsert_rule(conn, arn, record).await?;
            }
            for object in &rows.objects {
                match &object.record {
                    Some(record) => {
                        sqlx::query(
                            "INSERT INTO bucket_objects (bucket, key, record) VALUES (?, ?, ?) \
                             ON CONFLICT (bucket, key) DO UPDATE SET record = excluded.record",
                        )
                        .bind(&object.bucket)
                        .bind(&object.key)
                        .bind(record)
                        .execute(&mut *conn)
                        .await?;
                    }
                    None => {
                        sqlx::query("DELETE FROM bucket_objects WHERE bucket = ? AND key = ?")
                            .bind(&object.bucket)
                            .bind(&object.key)
                            .execute(&mut *conn)
                            .await?;
                    }
                }
            }
        }
        Change::UpdateDelivery(row) => {
            let res = sqlx::query(
                "UPDATE deliveries SET status = ?, execution_arn = ?, record = ? WHERE id = ?",
            )
            .bind(row.status)
            .bind(&row.execution_arn)
            .bind(&row.record)
            .bind(&row.id)
            .execute(&mut *conn)
            .await?;
            if res.rows_affected() == 0 {
                return Err(Failed::Refused(Error::NotFound(row.id.clone())));
            }
        }
    }
    Ok(Done::Nothing)
}

async fn upsert_rule(conn: &mut SqliteConnection, arn: &str, record: &str) -> Result<(), Failed> {
    sqlx::query(
        "INSERT INTO rules (arn, record) VALUES (?, ?) \
         ON CONFLICT (arn) DO UPDATE SET record = excluded.record",
    )
    .bind(arn)
    .bind(record)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deletes the deliveries that are no longer pending and were made before `cutoff_ms` (inside
/// the retention's transaction).
pub(crate) async fn delete_done_before(
    conn: &mut SqliteConnection,
    cutoff_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM deliveries WHERE status <> 'PENDING' AND created_ms < ?")
        .bind(cutoff_ms)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn records<T: serde::de::DeserializeOwned>(
    pool: &SqlitePool,
    query: &'static str,
    bind: Option<&str>,
) -> Result<Vec<T>, Error> {
    let mut query = sqlx::query(query);
    if let Some(value) = bind {
        query = query.bind(value);
    }
    let rows = query.fetch_all(pool).await.map_err(backend)?;
    rows.iter()
        .map(|row| {
            let text: String = row.try_get("record").map_err(backend)?;
            from_json(&text)
        })
        .collect()
}

/// The rule with this ARN.
pub(crate) async fn rule(pool: &SqlitePool, arn: &str) -> Result<Option<RuleRecord>, Error> {
    let mut found = records(pool, "SELECT record FROM rules WHERE arn = ?", Some(arn)).await?;
    Ok(found.pop())
}

/// Every rule, by ARN.
pub(crate) async fn rules(pool: &SqlitePool) -> Result<Vec<RuleRecord>, Error> {
    records(pool, "SELECT record FROM rules ORDER BY arn", None).await
}

/// The pending deliveries, oldest first.
pub(crate) async fn pending(pool: &SqlitePool) -> Result<Vec<Delivery>, Error> {
    records(
        pool,
        "SELECT record FROM deliveries WHERE status = 'PENDING' ORDER BY created_ms, seq",
        None,
    )
    .await
}

/// The delivery that started an execution.
pub(crate) async fn for_execution(
    pool: &SqlitePool,
    execution_arn: &str,
) -> Result<Option<Delivery>, Error> {
    let mut found = records(
        pool,
        "SELECT record FROM deliveries WHERE execution_arn = ? LIMIT 1",
        Some(execution_arn),
    )
    .await?;
    Ok(found.pop())
}

/// A bucket's objects, by key.
pub(crate) async fn objects(pool: &SqlitePool, bucket: &str) -> Result<Vec<ObjectRecord>, Error> {
    records(
        pool,
        "SELECT record FROM bucket_objects WHERE bucket = ? ORDER BY key",
        Some(bucket),
    )
    .await
}
