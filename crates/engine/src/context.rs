//! The context object (`$$`): what an execution knows about itself while a state runs.

use asl::program::{Kind, State};
use serde_json::{Map, Value};

use crate::Payload;
use crate::event::ExecutionContext;

/// Formats epoch milliseconds as AWS writes times in the context object.
pub(crate) fn iso_time(ms: i64) -> String {
    match jiff::Timestamp::from_millisecond(ms) {
        Ok(ts) => ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        Err(_) => "1970-01-01T00:00:00.000Z".to_owned(),
    }
}

/// Everything that varies per state in the context object.
pub(crate) struct StateContext<'a> {
    pub(crate) state: &'a State,
    pub(crate) entered_ms: i64,
    pub(crate) retry_count: u32,
    pub(crate) map_item: Option<(usize, &'a Value)>,
    pub(crate) task_token: Option<&'a str>,
}

/// Builds the context object.
pub(crate) fn build(
    execution: &ExecutionContext,
    input: Option<&Payload>,
    state: &StateContext<'_>,
) -> Value {
    let mut exec = Map::new();
    exec.insert(
        "Id".to_owned(),
        Value::from(execution.execution_arn.as_str()),
    );
    exec.insert(
        "Input".to_owned(),
        input
            .map(|input| input.value().clone())
            .unwrap_or(Value::Null),
    );
    exec.insert(
        "StartTime".to_owned(),
        Value::from(iso_time(execution.start_time_ms)),
    );
    exec.insert("Name".to_owned(), Value::from(execution.name.as_str()));
    exec.insert(
        "RoleArn".to_owned(),
        Value::from(execution.role_arn.as_str()),
    );
    exec.insert("RedriveCount".to_owned(), Value::from(0));
    let mut st = Map::new();
    st.insert("Name".to_owned(), Value::from(&*state.state.name));
    st.insert(
        "EnteredTime".to_owned(),
        Value::from(iso_time(state.entered_ms)),
    );
    // Only states that can retry report a retry count.
    if matches!(
        state.state.kind,
        Kind::Task { .. } | Kind::Parallel { .. } | Kind::Map(_)
    ) {
        st.insert("RetryCount".to_owned(), Value::from(state.retry_count));
    }
    let mut machine = Map::new();
    machine.insert(
        "Id".to_owned(),
        Value::from(execution.state_machine_arn.as_str()),
    );
    machine.insert(
        "Name".to_owned(),
        Value::from(execution.state_machine_name.as_str()),
    );
    let mut res = Map::new();
    res.insert("Execution".to_owned(), Value::Object(exec));
    res.insert("StateMachine".to_owned(), Value::Object(machine));
    res.insert("State".to_owned(), Value::Object(st));
    if let Some(token) = state.task_token {
        let mut task = Map::new();
        task.insert("Token".to_owned(), Value::from(token));
        res.insert("Task".to_owned(), Value::Object(task));
    }
    if let Some((index, value)) = state.map_item {
        let mut item = Map::new();
        item.insert("Index".to_owned(), Value::from(index));
        item.insert("Value".to_owned(), value.clone());
        let mut map = Map::new();
        map.insert("Item".to_owned(), Value::Object(item));
        res.insert("Map".to_owned(), Value::Object(map));
    }
    Value::Object(res)
}
