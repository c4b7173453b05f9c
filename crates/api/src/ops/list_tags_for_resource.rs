//! `ListTagsForResource`: a state machine's or an activity's tags.

use serde_json::{Map, Value};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::{shapes, tags};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let resource_arn = members.required_text("resourceArn", shapes::ARN)?;
    members.finish()?;

    tags::check_resource_arn(&resource_arn)?;
    let tags = runtime
        .store()
        .list_tags(&resource_arn)
        .await
        .map_err(|err| tags::resource_error(err, &resource_arn))?;
    let items: Vec<Value> = tags
        .into_iter()
        .map(|tag| {
            let mut item = Map::new();
            item.insert("key".to_owned(), Value::from(tag.key));
            item.insert("value".to_owned(), Value::from(tag.value));
            Value::Object(item)
        })
        .collect();
    let mut res = Map::new();
    res.insert("tags".to_owned(), Value::Array(items));
    Ok(Value::Object(res))
}
