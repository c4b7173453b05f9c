//! `DescribeEventBus`: the default bus, the only one this server has.

use serde_json::{Value, json};
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

pub(super) fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let name = members.text("Name", shapes::EVENT_BUS)?;
    members.finish()?;
    let arn = triggers.describe_bus(name.as_deref())?;
    Ok(json!({"Name": triggers::DEFAULT_BUS, "Arn": arn}))
}
