//! The runtime: loads executions, feeds events to the engine, commits what it returns and
//! carries out the commands (timers, tasks) afterwards.

use std::sync::Arc;

use store::{ExecutionRecord, StateMachineRecord, Store};

/// Where the server says it runs: the account and region that appear in ARNs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The AWS account id used in ARNs.
    pub account: String,
    /// The AWS region used in ARNs.
    pub region: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            account: "000000000000".to_owned(),
            region: "us-east-1".to_owned(),
        }
    }
}

/// A runtime failure (never an execution failure, which is data).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The execution does not exist.
    #[error("execution does not exist: {0}")]
    ExecutionDoesNotExist(String),
    /// The definition could not be compiled (it should have been validated before).
    #[error("invalid definition: {0}")]
    InvalidDefinition(String),
    /// Something that should hold did not.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Drives executions.
#[derive(Clone)]
pub struct Runtime {
    store: Arc<dyn Store>,
    config: Config,
}

impl Runtime {
    /// A runtime over a store.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Self {
        Runtime { store, config }
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The account and region.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The current time in epoch milliseconds, from the runtime's clock.
    pub fn now_ms(&self) -> i64 {
        0
    }

    /// Stores a new RUNNING execution and runs it until it waits for something or ends.
    ///
    /// The record comes from the API with its ARN, name, input, dates and the machine's
    /// definition filled in; the returned record is the stored one after that first run.
    ///
    /// # Errors
    /// `Store(AlreadyExists)` when the ARN is taken.
    pub async fn start(
        &self,
        machine: &StateMachineRecord,
        execution: ExecutionRecord,
    ) -> Result<ExecutionRecord, Error> {
        let _ = machine;
        Err(Error::Internal(format!("not running {}", execution.arn)))
    }

    /// Runs an EXPRESS execution to its end and returns its final record, without storing it.
    ///
    /// # Errors
    /// Only system failures; a failed execution is a record with status FAILED.
    pub async fn run_sync(
        &self,
        machine: &StateMachineRecord,
        execution: ExecutionRecord,
    ) -> Result<ExecutionRecord, Error> {
        let _ = machine;
        Err(Error::Internal(format!("not running {}", execution.arn)))
    }

    /// Aborts a RUNNING execution with an optional error and cause.
    ///
    /// Returns the record after the stop (an execution that already ended is returned as it is).
    ///
    /// # Errors
    /// `ExecutionDoesNotExist` for an unknown ARN.
    pub async fn stop(
        &self,
        execution_arn: &str,
        error: Option<String>,
        cause: Option<String>,
    ) -> Result<ExecutionRecord, Error> {
        let _ = (error, cause);
        Err(Error::ExecutionDoesNotExist(execution_arn.to_owned()))
    }
}
