//! Nested executions: the `arn:aws:states:::states:startExecution` integration, by which a
//! Task state starts an execution of another state machine on this server.
//!
//! The start goes through `StartExecution` itself, so the child is checked, named and
//! started exactly as a client's would be, and its refusals become the task's errors as
//! `StepFunctions.<ErrorCode>`. The four patterns:
//! - `startExecution`: the result is the start's answer (`ExecutionArn`, `StartDate`).
//! - `startExecution.sync`: waits for the child to end; the result describes it, with its
//!   `Output` as text. A child that does not succeed fails the task with `States.TaskFailed`.
//! - `startExecution.sync:2`: the same, with `Output` as JSON.
//! - `startExecution.waitForTaskToken`: starts the child, then waits for the token (which the
//!   child or its workers send with `SendTaskSuccess`).
//!
//! A child started without a `Name` is named after its parent's task, so a task dispatched
//! again after a restart finds the child it started before rather than starting another.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use runtime::{Runtime, TaskCall, TaskError, TaskFuture, TaskHandler, WeakRuntime};
use store::{ExecutionRecord, ExecutionStatus};

use crate::error::{ApiError, ErrorCode};
use crate::ops::start_execution;
use crate::request::Members;

/// The resource every pattern starts with.
const START_EXECUTION: &str = "arn:aws:states:::states:startExecution";

/// How often a `.sync` task reads its child again, in case another node ended it.
const POLL: Duration = Duration::from_secs(5);

/// How a Task state calls `startExecution`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    RequestResponse,
    Sync,
    Sync2,
    Callback,
}

impl Pattern {
    fn of(resource: &str) -> Option<Pattern> {
        match resource.strip_prefix(START_EXECUTION)? {
            "" => Some(Pattern::RequestResponse),
            ".sync" => Some(Pattern::Sync),
            ".sync:2" => Some(Pattern::Sync2),
            ".waitForTaskToken" => Some(Pattern::Callback),
            _ => None,
        }
    }
}

/// A task handler that runs `states:startExecution` tasks on the runtime and hands every
/// other task to the handler it wraps.
pub struct NestedExecutions {
    inner: Arc<dyn TaskHandler>,
    runtime: OnceLock<WeakRuntime>,
    /// The children that `.sync` tasks wait for, by parent and task: stopped when the
    /// parent's task is cancelled.
    waiting: Arc<Waiting>,
}

/// `.sync` children by their parent's execution and task.
type Waiting = Mutex<HashMap<(String, engine::TaskId), String>>;

impl NestedExecutions {
    /// Wraps the handler for every other resource. Call `attach` once the runtime exists.
    pub fn new(inner: Arc<dyn TaskHandler>) -> Arc<Self> {
        Arc::new(NestedExecutions {
            inner,
            runtime: OnceLock::new(),
            waiting: Arc::default(),
        })
    }

    /// The runtime that children start on (the one that owns this handler).
    pub fn attach(&self, runtime: &Runtime) {
        // A second attach keeps the first runtime.
        let _ = self.runtime.set(runtime.downgrade());
    }

    fn nested(
        &self,
        parent: Option<(&str, engine::TaskId)>,
        resource: &str,
        input: Value,
    ) -> TaskFuture {
        let Some(pattern) = Pattern::of(resource) else {
            return match parent {
                Some((execution_arn, task)) => self.inner.run_task(
                    TaskCall {
                        execution_arn,
                        task,
                        resource,
                    },
                    input,
                ),
                None => self.inner.run(resource, input),
            };
        };
        let runtime = self.runtime.get().and_then(WeakRuntime::upgrade);
        let default_name = parent.map(|(arn, task)| child_name(arn, task));
        let parent = parent.map(|(arn, task)| (arn.to_owned(), task));
        let waiting = self.waiting.clone();
        Box::pin(async move {
            let Some(runtime) = runtime else {
                return Err(TaskError {
                    error: "States.Runtime".to_owned(),
                    cause: "nested executions need a server to start them on".to_owned(),
                });
            };
            let request = StartParameters::read(input, default_name)?;
            let started = request.start(&runtime).await?;
            match pattern {
                Pattern::RequestResponse | Pattern::Callback => Ok(started.answer()),
                Pattern::Sync | Pattern::Sync2 => {
                    let key = parent.inspect(|parent| {
                        let mut waiting = waiting.lock().unwrap_or_else(PoisonError::into_inner);
                        waiting.insert(parent.clone(), started.execution_arn.clone());
                    });
                    let result = wait(&runtime, &started, pattern).await;
                    if let Some(key) = key {
                        let mut waiting = waiting.lock().unwrap_or_else(PoisonError::into_inner);
                        waiting.remove(&key);
                    }
                    result
                }
            }
        })
    }
}

impl TaskHandler for NestedExecutions {
    fn run(&self, resource: &str, input: Value) -> TaskFuture {
        self.nested(None, resource, input)
    }

    fn run_task(&self, call: TaskCall<'_>, input: Value) -> TaskFuture {
        self.nested(Some((call.execution_arn, call.task)), call.resource, input)
    }

    /// A `.sync` task that is no longer wanted stops its child, as AWS does.
    fn cancel(&self, execution_arn: &str, task: engine::TaskId) {
        let child = self
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&(execution_arn.to_owned(), task));
        let runtime = self.runtime.get().and_then(WeakRuntime::upgrade);
        if let (Some(child), Some(runtime)) = (child, runtime) {
            tokio::spawn(async move {
                if let Err(err) = runtime.stop(&child, None, None).await {
                    tracing::warn!(%child, %err, "a nested execution could not be stopped");
                }
            });
        }
        self.inner.cancel(execution_arn, task);
    }
}

/// A child's name when its parent gives none: a UUID drawn from the parent's ARN and task.
fn child_name(parent_arn: &str, task: engine::TaskId) -> String {
    let digest = Sha256::new()
        .chain_update(parent_arn.as_bytes())
        .chain_update(task.0.to_be_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Waits for a `.sync` task's child to end: its description, or `States.TaskFailed` with it.
async fn wait(runtime: &Runtime, started: &Started, pattern: Pattern) -> Result<Value, TaskError> {
    let child = runtime
        .wait_for_end(&started.execution_arn, POLL)
        .await
        .map_err(|err| TaskError {
            error: "States.Runtime".to_owned(),
            cause: err.to_string(),
        })?;
    let description = describe(&child, pattern == Pattern::Sync2);
    if child.status == ExecutionStatus::Succeeded {
        Ok(description)
    } else {
        Err(TaskError {
            error: "States.TaskFailed".to_owned(),
            cause: description.to_string(),
        })
    }
}

/// The members of a `startExecution` task's parameters.
struct StartParameters {
    state_machine_arn: Value,
    input: String,
    name: Option<String>,
}

impl StartParameters {
    fn read(parameters: Value, default_name: Option<String>) -> Result<Self, TaskError> {
        let Value::Object(mut parameters) = parameters else {
            return Err(validation(
                "The parameters of startExecution must be an object",
            ));
        };
        let state_machine_arn = parameters
            .remove("StateMachineArn")
            .ok_or_else(|| validation("The field 'StateMachineArn' is required"))?;
        let input = match parameters.remove("Input") {
            None | Some(Value::Null) => "{}".to_owned(),
            Some(Value::String(text)) => text,
            Some(value) => value.to_string(),
        };
        let name = match parameters.remove("Name") {
            None | Some(Value::Null) => default_name,
            Some(Value::String(name)) => Some(name),
            Some(_) => return Err(validation("The field 'Name' must be a string")),
        };
        Ok(StartParameters {
            state_machine_arn,
            input,
            name,
        })
    }

    /// Starts the child through `StartExecution`. A child of this name that exists already
    /// with the same input is taken for the one this task started before a restart.
    async fn start(&self, runtime: &Runtime) -> Result<Started, TaskError> {
        let mut body = Map::new();
        body.insert("stateMachineArn".to_owned(), self.state_machine_arn.clone());
        body.insert("input".to_owned(), Value::from(self.input.as_str()));
        if let Some(name) = &self.name {
            body.insert("name".to_owned(), Value::from(name.as_str()));
        }
        let body = Value::Object(body).to_string();
        let members = Members::parse(body.as_bytes()).map_err(service_error)?;
        match start_execution::handle(runtime, members).await {
            Ok(answer) => Ok(Started::from_answer(&answer)),
            Err(err) if err.code == ErrorCode::ExecutionAlreadyExists => {
                match self.earlier_start(runtime).await {
                    Some(started) => Ok(started),
                    None => Err(service_error(err)),
                }
            }
            Err(err) => Err(service_error(err)),
        }
    }

    async fn earlier_start(&self, runtime: &Runtime) -> Option<Started> {
        let (machine, name) = (self.state_machine_arn.as_str()?, self.name.as_deref()?);
        let execution_arn = crate::arn::new_execution(machine, name);
        let existing = runtime.store().get_execution(&execution_arn).await.ok()??;
        (existing.input == self.input).then_some(Started {
            execution_arn: existing.arn,
            start_date_ms: existing.start_date_ms,
        })
    }
}

/// A child that has started.
struct Started {
    execution_arn: String,
    start_date_ms: i64,
}

impl Started {
    fn from_answer(answer: &Value) -> Self {
        let seconds = answer["startDate"].as_f64().unwrap_or_default();
        Started {
            execution_arn: answer["executionArn"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            start_date_ms: (seconds * 1000.0).round() as i64,
        }
    }

    /// The task's result for the request-response and callback patterns: the start's answer
    /// with the SDK's metadata, as AWS's is.
    fn answer(&self) -> Value {
        let request_id = uuid::Uuid::new_v4().to_string();
        let body = json!({
            "executionArn": self.execution_arn,
            "startDate": self.start_date_ms as f64 / 1000.0,
        })
        .to_string();
        let length = body.len().to_string();
        json!({
            "ExecutionArn": self.execution_arn,
            "SdkHttpMetadata": {
                "AllHttpHeaders": {
                    "x-amzn-RequestId": [request_id],
                    "connection": ["keep-alive"],
                    "Content-Length": [length],
                    "Content-Type": ["application/x-amz-json-1.0"],
                },
                "HttpHeaders": {
                    "connection": "keep-alive",
                    "Content-Length": length,
                    "Content-Type": "application/x-amz-json-1.0",
                    "x-amzn-RequestId": request_id,
                },
                "HttpStatusCode": 200,
            },
            "SdkResponseMetadata": {"RequestId": request_id},
            "StartDate": self.start_date_ms,
        })
    }
}

/// A child that has ended, as a `.sync` task's result (or, when it did not succeed, its
/// failure's cause): `DescribeExecution`'s members, capitalized, dates in epoch milliseconds.
fn describe(child: &ExecutionRecord, output_as_json: bool) -> Value {
    let mut res = Map::new();
    res.insert("ExecutionArn".to_owned(), Value::from(child.arn.as_str()));
    res.insert("Input".to_owned(), Value::from(child.input.as_str()));
    res.insert("InputDetails".to_owned(), json!({"Included": true}));
    res.insert("Name".to_owned(), Value::from(child.name.as_str()));
    if let Some(output) = &child.output {
        let output = if output_as_json {
            serde_json::from_str(output).unwrap_or_else(|_| Value::from(output.as_str()))
        } else {
            Value::from(output.as_str())
        };
        res.insert("Output".to_owned(), output);
        res.insert("OutputDetails".to_owned(), json!({"Included": true}));
    }
    res.insert("StartDate".to_owned(), Value::from(child.start_date_ms));
    res.insert(
        "StateMachineArn".to_owned(),
        Value::from(child.state_machine_arn.as_str()),
    );
    res.insert("Status".to_owned(), Value::from(child.status.as_str()));
    if let Some(stop) = child.stop_date_ms {
        res.insert("StopDate".to_owned(), Value::from(stop));
    }
    if let Some(error) = &child.error {
        res.insert("Error".to_owned(), Value::from(error.as_str()));
    }
    if let Some(cause) = &child.cause {
        res.insert("Cause".to_owned(), Value::from(cause.as_str()));
    }
    Value::Object(res)
}

/// A refusal of `StartExecution`, as the integration reports a service's exception.
fn service_error(err: ApiError) -> TaskError {
    let code = err.code.as_str();
    TaskError {
        error: format!("StepFunctions.{code}"),
        cause: format!(
            "{} (Service: AWSStepFunctions; Status Code: {}; Error Code: {code}; Request ID: {}; Proxy: null)",
            err.message,
            err.code.status().as_u16(),
            uuid::Uuid::new_v4()
        ),
    }
}

fn validation(message: &str) -> TaskError {
    service_error(ApiError::new(ErrorCode::ValidationException, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_follow_the_resource() {
        assert_eq!(
            Pattern::of("arn:aws:states:::states:startExecution"),
            Some(Pattern::RequestResponse)
        );
        assert_eq!(
            Pattern::of("arn:aws:states:::states:startExecution.sync"),
            Some(Pattern::Sync)
        );
        assert_eq!(
            Pattern::of("arn:aws:states:::states:startExecution.sync:2"),
            Some(Pattern::Sync2)
        );
        assert_eq!(
            Pattern::of("arn:aws:states:::states:startExecution.waitForTaskToken"),
            Some(Pattern::Callback)
        );
        assert_eq!(
            Pattern::of("arn:aws:states:::states:startExecution.sync:3"),
            None
        );
        assert_eq!(Pattern::of("arn:aws:states:::lambda:invoke"), None);
    }

    #[test]
    fn a_childs_default_name_is_its_parents_task() {
        let a = child_name(
            "arn:aws:states:us-east-1:1:execution:m:e",
            engine::TaskId(1),
        );
        assert_eq!(
            a,
            child_name(
                "arn:aws:states:us-east-1:1:execution:m:e",
                engine::TaskId(1)
            )
        );
        assert_ne!(
            a,
            child_name(
                "arn:aws:states:us-east-1:1:execution:m:e",
                engine::TaskId(2)
            )
        );
        assert_eq!(
            uuid::Uuid::parse_str(&a).map(|u| u.get_version_num()),
            Ok(4)
        );
    }

    #[test]
    fn parameters_take_input_as_text_or_json() {
        let read = |value: Value| StartParameters::read(value, None);
        let p = read(json!({"StateMachineArn": "a", "Input": {"x": 1}})).expect("valid");
        assert_eq!(p.input, r#"{"x":1}"#);
        let p = read(json!({"StateMachineArn": "a", "Input": "{\"x\": 1}"})).expect("valid");
        assert_eq!(p.input, "{\"x\": 1}");
        let p = read(json!({"StateMachineArn": "a"})).expect("valid");
        assert_eq!(p.input, "{}");
        let err = read(json!({"Input": {}})).err().expect("no ARN");
        assert_eq!(err.error, "StepFunctions.ValidationException");
        let err = read(json!({"StateMachineArn": "a", "Name": 3}))
            .err()
            .expect("bad name");
        assert_eq!(err.error, "StepFunctions.ValidationException");
    }

    #[test]
    fn sync_results_describe_the_child() {
        let child = ExecutionRecord {
            arn: "arn:aws:states:us-east-1:1:execution:m:c".to_owned(),
            state_machine_arn: "arn:aws:states:us-east-1:1:stateMachine:m".to_owned(),
            name: "c".to_owned(),
            status: ExecutionStatus::Succeeded,
            start_date_ms: 1_000,
            stop_date_ms: Some(2_000),
            input: "{}".to_owned(),
            output: Some(r#"{"a":1}"#.to_owned()),
            error: None,
            cause: None,
            definition: String::new(),
            revision_id: String::new(),
            revision_date_ms: 0,
            role_arn: String::new(),
            trace_header: None,
            state: None,
        };
        let v1 = describe(&child, false);
        assert_eq!(v1["Output"], r#"{"a":1}"#);
        assert_eq!(v1["Status"], "SUCCEEDED");
        assert_eq!(
            (v1["StartDate"].clone(), v1["StopDate"].clone()),
            (json!(1000), json!(2000))
        );
        let v2 = describe(&child, true);
        assert_eq!(v2["Output"], json!({"a": 1}));
    }
}
