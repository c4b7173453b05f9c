//! Task handlers: what runs the work a Task state names.
//!
//! `LocalFunctions` runs Lambda tasks on local functions declared in the server's
//! configuration file: a command that receives the event as JSON on stdin and writes its
//! result as JSON on stdout, as a Lambda function's handler would return it, a URL that
//! receives the event as a POST and answers with the result, or a Lambda handler file (Python
//! or Node.js) run in warm worker processes by a shim. Both ways of
//! calling Lambda from a state machine resolve to a function name: the function's own ARN
//! (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`, whose result is the function's)
//! and the optimized integration (`arn:aws:states:::lambda:invoke`, whose result wraps the
//! function's in `Payload` with `StatusCode` and the SDK metadata, as AWS's does).
//! Errors come back as Lambda reports them, so `Retry` and `Catch` written for AWS work.
//! A function that is not local goes to a Lambda `Invoke` API endpoint when one is given
//! (`LocalFunctions::with_endpoint`), and does not exist otherwise.

mod command;
mod config;
mod endpoint;
mod handler;
mod http;
mod http_task;
mod lambda;

pub use config::{ConfigError, FunctionConfig, FunctionKind};
pub use endpoint::LambdaEndpoint;
pub use handler::{HandlerSpec, Language};
pub use http_task::{
    AuthorizationType, ConnectionConfig, ConnectionConfigError, HttpClientError, HttpInvoke,
    HttpParameters,
};
pub use lambda::{Invocation, InvocationStyle, resolve};

use std::collections::BTreeMap;
use std::sync::Arc;

use runtime::{TaskError, TaskFuture, TaskHandler};
use serde_json::Value;

/// Runs Lambda tasks on the configured local functions, and on a Lambda endpoint if it has
/// one; other resources fail as they do without a handler.
pub struct LocalFunctions {
    functions: BTreeMap<String, Arc<command::Function>>,
    endpoint: Option<Arc<LambdaEndpoint>>,
    region: String,
    account: String,
}

impl LocalFunctions {
    /// The handler for these functions (already validated), in this region and account.
    pub fn new(functions: BTreeMap<String, FunctionConfig>, region: &str, account: &str) -> Self {
        LocalFunctions {
            functions: functions
                .into_iter()
                .map(|(name, config)| {
                    let function = command::Function::new(&name, config, region, account);
                    (name, Arc::new(function))
                })
                .collect(),
            endpoint: None,
            region: region.to_owned(),
            account: account.to_owned(),
        }
    }

    /// The same functions, with the functions that are not local called on `endpoint`.
    pub fn with_endpoint(mut self, endpoint: LambdaEndpoint) -> Self {
        self.endpoint = Some(Arc::new(endpoint));
        self
    }
}

impl TaskHandler for LocalFunctions {
    fn run(&self, resource: &str, input: Value) -> TaskFuture {
        let invocation = match resolve(resource, input) {
            Ok(Some(invocation)) => invocation,
            Ok(None) => return runtime::NoHandler.run(resource, Value::Null),
            Err(err) => return Box::pin(async move { Err(err) }),
        };
        let Some(function) = self.functions.get(&invocation.function).cloned() else {
            let region = self
                .endpoint
                .as_ref()
                .map_or(self.region.as_str(), |endpoint| endpoint.region());
            let mut arn = format!(
                "arn:aws:lambda:{region}:{}:function:{}",
                self.account, invocation.function
            );
            if let Some(qualifier) = &invocation.qualifier {
                arn = format!("{arn}:{qualifier}");
            }
            let Some(endpoint) = self.endpoint.clone() else {
                return Box::pin(async move { Err(lambda::not_found(&arn)) });
            };
            return Box::pin(async move { endpoint.invoke(&invocation, &arn).await });
        };
        Box::pin(async move {
            let result = function.invoke(&invocation).await;
            lambda::shape(&invocation, result)
        })
    }
}

/// A function's failure, as Lambda reports it: `errorType` and `errorMessage`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FunctionError {
    pub(crate) error_type: String,
    pub(crate) error_message: String,
    /// The whole error payload when the function gave one (with its stack trace), which
    /// becomes the cause as it is, as Step Functions reports Lambda's.
    pub(crate) payload: Option<Value>,
}

impl From<FunctionError> for TaskError {
    fn from(err: FunctionError) -> Self {
        let cause = err.payload.unwrap_or_else(|| {
            serde_json::json!({
                "errorMessage": err.error_message,
                "errorType": err.error_type,
                "stackTrace": [],
            })
        });
        TaskError {
            error: err.error_type,
            cause: cause.to_string(),
        }
    }
}
