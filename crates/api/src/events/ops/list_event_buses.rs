//! `ListEventBuses`: the default bus, the only one this server has, when its name has the
//! prefix asked for.

use serde_json::{Value, json};
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

pub(super) fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let prefix = members.text("NamePrefix", shapes::EVENT_BUS)?;
    members.text("NextToken", shapes::NEXT_TOKEN)?;
    let (min, max) = shapes::LIMIT;
    members.integer("Limit", min, max)?;
    members.finish()?;
    let buses: Vec<Value> =
        if prefix.is_none_or(|prefix| triggers::DEFAULT_BUS.starts_with(&prefix)) {
            vec![json!({"Name": triggers::DEFAULT_BUS, "Arn": triggers.default_bus_arn()})]
        } else {
            Vec::new()
        };
    Ok(json!({"EventBuses": buses}))
}
