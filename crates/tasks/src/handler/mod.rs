//! Lambda handler files (`handler = "handlers/meta.py:lambda_handler"`): each function keeps
//! a pool of warm workers, shim processes that imported the handler once and serve
//! invocations one after another, as warm Lambda sandboxes do.
//!
//! The pool grows when every worker is busy (up to the function's `concurrency`, which the
//! caller enforces) and reuses idle workers, the most recently used first. A worker that times
//! out or is cancelled is dropped mid-invocation, which kills it; one that dies or cannot
//! import the handler is not reused. Either way the next invocation starts a fresh one.

mod shim;
mod spec;
mod worker;

pub use spec::{HandlerSpec, Language};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;
use tokio::time::Instant;

use crate::config::DEFAULT_MEMORY_SIZE;
use crate::{FunctionConfig, FunctionError, Invocation};
use worker::{Reply, Request, Setup, Worker};

/// How many idle workers a function without a `concurrency` limit keeps; more are stopped
/// when their invocation ends.
const MAX_IDLE_WITHOUT_LIMIT: usize = 8;

/// The warm workers of one handler function.
pub(crate) struct Pool {
    setup: Setup,
    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`, the context's ARN without a qualifier.
    function_arn: String,
    idle: Mutex<Vec<Worker>>,
    max_idle: usize,
}

impl Pool {
    /// The pool for a function whose configuration was checked, in this region and account.
    pub(crate) fn new(
        name: &str,
        config: &FunctionConfig,
        spec: HandlerSpec,
        region: &str,
        account: &str,
    ) -> Pool {
        let directory = PathBuf::from(config.working_directory.as_deref().unwrap_or("."));
        // The worker gets absolute paths, so that a handler that changes directory still
        // finds them.
        let directory = std::path::absolute(&directory).unwrap_or(directory);
        let memory_size = config.memory_size.unwrap_or(DEFAULT_MEMORY_SIZE);
        let mut environment: Vec<(String, String)> = [
            ("AWS_LAMBDA_FUNCTION_NAME", name.to_owned()),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memory_size.to_string()),
            ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{name}")),
            ("AWS_REGION", region.to_owned()),
            ("AWS_DEFAULT_REGION", region.to_owned()),
            ("_HANDLER", spec.lambda_name()),
            ("LAMBDA_TASK_ROOT", directory.to_string_lossy().into_owned()),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value))
        .collect();
        environment.extend(
            config
                .environment
                .iter()
                .map(|(key, value)| (key.clone(), value.clone())),
        );
        let file = directory.join(Path::new(&spec.file));
        Pool {
            setup: Setup {
                function_name: Arc::from(name),
                language: spec.language,
                file,
                function: spec.function,
                directory,
                environment,
                memory_size,
            },
            function_arn: format!("arn:aws:lambda:{region}:{account}:function:{name}"),
            idle: Mutex::new(Vec::new()),
            max_idle: config.concurrency.unwrap_or(MAX_IDLE_WITHOUT_LIMIT),
        }
    }

    /// Runs one invocation on an idle worker, or on a new one; the caller bounds the time.
    pub(crate) async fn invoke(
        &self,
        invocation: &Invocation,
        deadline: Instant,
    ) -> Result<Value, FunctionError> {
        let mut worker = match self.take_idle() {
            Some(worker) => worker,
            None => Worker::spawn(&self.setup).await?,
        };
        let request_id = uuid::Uuid::new_v4().to_string();
        let invoked_function_arn = match &invocation.qualifier {
            Some(qualifier) => format!("{}:{qualifier}", self.function_arn),
            None => self.function_arn.clone(),
        };
        let timeout_ms = deadline
            .saturating_duration_since(Instant::now())
            .as_millis();
        let request = Request {
            request_id: &request_id,
            event: &invocation.event,
            invoked_function_arn: &invoked_function_arn,
            timeout_ms: u64::try_from(timeout_ms).unwrap_or(u64::MAX),
        };
        match worker.invoke(&request).await {
            Reply::Answered {
                result,
                fatal: false,
            } => {
                self.put_back(worker);
                result
            }
            Reply::Answered {
                result,
                fatal: true,
            } => result,
            Reply::Died(err) => Err(err),
        }
    }

    /// The most recently used idle worker that still runs.
    fn take_idle(&self) -> Option<Worker> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        while let Some(mut worker) = idle.pop() {
            if worker.is_alive() {
                return Some(worker);
            }
        }
        None
    }

    fn put_back(&self, worker: Worker) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < self.max_idle {
            idle.push(worker);
        }
    }
}
