//! `ListActivities`: every activity, by name, one page at a time.

use serde_json::{Map, Value};

use runtime::Runtime;

use crate::error::ApiError;
use crate::render::timestamp;
use crate::request::Members;

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let page = members.page()?;
    members.finish()?;

    let (activities, next_token) = runtime.store().list_activities(page).await?;
    let items: Vec<Value> = activities
        .iter()
        .map(|activity| {
            let mut item = Map::new();
            item.insert("activityArn".to_owned(), Value::from(activity.arn.as_str()));
            item.insert("name".to_owned(), Value::from(activity.name.as_str()));
            item.insert(
                "creationDate".to_owned(),
                timestamp(activity.creation_date_ms),
            );
            Value::Object(item)
        })
        .collect();
    let mut res = Map::new();
    res.insert("activities".to_owned(), Value::Array(items));
    if let Some(next_token) = next_token {
        res.insert("nextToken".to_owned(), Value::from(next_token));
    }
    Ok(Value::Object(res))
}
