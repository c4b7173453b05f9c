//! What StartExecution and StartSyncExecution share: reading the request, finding the state
//! machine, and building the new execution's record.

use runtime::Runtime;
use store::{ExecutionRecord, StateMachineRecord};

use crate::error::ApiError;
use crate::request::Members;
use crate::{arn, ids, names, payload, shapes};

/// The members both operations take.
#[derive(Debug)]
pub(crate) struct StartRequest {
    pub(crate) state_machine_arn: String,
    pub(crate) name: Option<String>,
    pub(crate) input: Option<String>,
    pub(crate) trace_header: Option<String>,
}

impl StartRequest {
    /// Reads the shared members (the caller reads its own and calls `finish`).
    pub(crate) fn read(members: &mut Members) -> Result<Self, ApiError> {
        let state_machine_arn = members.required_text("stateMachineArn", shapes::ARN)?;
        let name = members.text("name", shapes::NAME)?;
        let input = members.text("input", shapes::SENSITIVE_DATA)?;
        let trace_header = members.text("traceHeader", shapes::TRACE_HEADER)?;
        if let Some(header) = &trace_header
            && !header.is_ascii()
        {
            members.violate(
                "traceHeader",
                Some(header),
                "Member must satisfy regular expression pattern: \\p{ASCII}*",
            );
        }
        Ok(StartRequest {
            state_machine_arn,
            name,
            input,
            trace_header,
        })
    }

    /// Checks the ARN, name and input, in that order, and finds the state machine.
    ///
    /// # Errors
    /// `InvalidArn`, `InvalidName`, `InvalidExecutionInput` or `StateMachineDoesNotExist`.
    pub(crate) async fn machine(&self, runtime: &Runtime) -> Result<StateMachineRecord, ApiError> {
        arn::state_machine(&self.state_machine_arn)?;
        if let Some(name) = &self.name {
            names::check(name)?;
        }
        if let Some(input) = &self.input {
            payload::check_input(input)?;
        }
        runtime
            .store()
            .get_state_machine(&self.state_machine_arn)
            .await?
            .ok_or_else(|| ApiError::state_machine_does_not_exist(&self.state_machine_arn))
    }

    /// The execution's name: the client's, or a fresh UUID.
    pub(crate) fn execution_name(&self) -> String {
        self.name.clone().unwrap_or_else(ids::new_uuid)
    }

    /// The execution's input text.
    pub(crate) fn input_text(&self) -> &str {
        self.input.as_deref().unwrap_or(payload::DEFAULT_INPUT)
    }

    /// A RUNNING record for a new execution of `machine`, which keeps its own copy of the
    /// machine's current definition, revision and role.
    pub(crate) fn new_record(
        &self,
        runtime: &Runtime,
        machine: &StateMachineRecord,
        execution_arn: String,
        name: String,
    ) -> ExecutionRecord {
        ExecutionRecord {
            trace_header: self.trace_header.clone(),
            ..ExecutionRecord::new_running(
                machine,
                execution_arn,
                name,
                self.input_text().to_owned(),
                runtime.now_ms(),
            )
        }
    }
}
