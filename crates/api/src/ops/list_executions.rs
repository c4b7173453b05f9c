//! `ListExecutions`: a STANDARD state machine's executions, newest first, one page at a time,
//! optionally of one status.

use serde_json::{Map, Value};

use runtime::Runtime;
use store::{ExecutionStatus, Page, StateMachineType};

use crate::error::{ApiError, ErrorCode};
use crate::render::execution_summary;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let state_machine_arn = members.text("stateMachineArn", shapes::ARN)?;
    let status_filter = members.enumeration("statusFilter", shapes::EXECUTION_STATUSES)?;
    let (min, max) = shapes::PAGE_SIZE;
    let max_results = members.integer("maxResults", min, max)?;
    let next_token = members.text("nextToken", shapes::LIST_EXECUTIONS_PAGE_TOKEN)?;
    let map_run_arn = members.text("mapRunArn", shapes::LONG_ARN)?;
    let redrive_filter = members.enumeration("redriveFilter", shapes::REDRIVE_FILTERS)?;
    members.finish()?;

    let state_machine_arn = match (state_machine_arn, map_run_arn) {
        (Some(_), Some(_)) => {
            return Err(ApiError::new(
                ErrorCode::ValidationException,
                "Only one of StateMachine ARN or MapRun ARN can be provided",
            ));
        }
        (None, None) => {
            return Err(ApiError::new(
                ErrorCode::ValidationException,
                "Must provide a StateMachine ARN or MapRun ARN",
            ));
        }
        // FIXME: Map Runs are not implemented, so no Map Run ARN names one.
        (None, Some(map_run_arn)) => {
            arn::parse(&map_run_arn)?;
            return Err(ApiError::resource_not_found(&map_run_arn));
        }
        (Some(arn), None) => arn,
    };
    arn::state_machine(&state_machine_arn)?;
    let status = status_filter.as_deref().and_then(ExecutionStatus::parse);
    if status == Some(ExecutionStatus::PendingRedrive) {
        return Err(ApiError::new(
            ErrorCode::ValidationException,
            "The PENDING_REDRIVE status filter can only be used with a MapRun ARN",
        ));
    }
    let machine = runtime
        .store()
        .get_state_machine(&state_machine_arn)
        .await?
        .ok_or_else(|| ApiError::state_machine_does_not_exist(&state_machine_arn))?;
    if machine.kind != StateMachineType::Standard {
        return Err(ApiError::new(
            ErrorCode::StateMachineTypeNotSupported,
            "This operation is not supported by this type of state machine",
        ));
    }

    // Nothing is ever redriven yet, so REDRIVEN matches nothing and NOT_REDRIVEN everything.
    let (executions, next_token) = if redrive_filter.as_deref() == Some("REDRIVEN") {
        (Vec::new(), None)
    } else {
        let page = Page {
            max_results: max_results
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0),
            next_token,
        };
        runtime
            .store()
            .list_executions(Some(&state_machine_arn), status, page)
            .await?
    };
    let items: Vec<Value> = executions
        .iter()
        .map(|execution| {
            let mut item = execution_summary(execution);
            item.insert("redriveCount".to_owned(), Value::from(0));
            Value::Object(item)
        })
        .collect();
    let mut res = Map::new();
    res.insert("executions".to_owned(), Value::Array(items));
    if let Some(next_token) = next_token {
        res.insert("nextToken".to_owned(), Value::from(next_token));
    }
    Ok(Value::Object(res))
}
