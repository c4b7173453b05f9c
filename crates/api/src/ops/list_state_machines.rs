//! `ListStateMachines`: every state machine, by name, one page at a time.

use serde_json::{Map, Value};

use runtime::Runtime;

use crate::error::ApiError;
use crate::render::timestamp;
use crate::request::Members;

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let page = members.page()?;
    members.finish()?;

    let (machines, next_token) = runtime.store().list_state_machines(page).await?;
    let items: Vec<Value> = machines
        .iter()
        .map(|machine| {
            let mut item = Map::new();
            item.insert(
                "stateMachineArn".to_owned(),
                Value::from(machine.arn.as_str()),
            );
            item.insert("name".to_owned(), Value::from(machine.name.as_str()));
            item.insert("type".to_owned(), Value::from(machine.kind.as_str()));
            item.insert(
                "creationDate".to_owned(),
                timestamp(machine.creation_date_ms),
            );
            Value::Object(item)
        })
        .collect();
    let mut res = Map::new();
    res.insert("stateMachines".to_owned(), Value::Array(items));
    if let Some(next_token) = next_token {
        res.insert("nextToken".to_owned(), Value::from(next_token));
    }
    Ok(Value::Object(res))
}
