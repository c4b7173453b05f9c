//! The `[functions.NAME]` tables of the configuration file, checked before the server starts.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::HandlerSpec;

/// How long a function may run when its configuration does not say (Lambda's maximum).
pub(crate) const DEFAULT_TIMEOUT_SECONDS: u64 = 900;

/// A handler's memory size when its configuration does not say (Lambda's default).
pub(crate) const DEFAULT_MEMORY_SIZE: u32 = 128;

/// The smallest memory size Lambda accepts, in MB.
const MIN_MEMORY_SIZE: u32 = 128;

/// The largest memory size Lambda accepts, in MB.
const MAX_MEMORY_SIZE: u32 = 10_240;

/// One local function.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FunctionConfig {
    /// The program and its arguments; the event arrives on stdin, the result leaves on stdout.
    #[serde(default)]
    pub command: Vec<String>,
    /// Or a URL (`http://`) the event is POSTed to, whose answer is the result.
    #[serde(default)]
    pub url: Option<String>,
    /// Or a Lambda handler file and its function (`handlers/meta.py:lambda_handler`), run in
    /// warm worker processes.
    #[serde(default)]
    pub handler: Option<String>,
    /// How long one invocation may run before it fails with `Sandbox.Timedout`.
    #[serde(default)]
    pub timeout_seconds: Option<u64>,
    /// Environment variables for the command, on top of the server's.
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// How many invocations may run at once; more wait for a turn.
    #[serde(default)]
    pub concurrency: Option<usize>,
    /// The directory the command or handler runs in.
    #[serde(default)]
    pub working_directory: Option<String>,
    /// A handler's memory size in MB, as its context and `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`
    /// report it (default 128); nothing enforces it.
    #[serde(default)]
    pub memory_size: Option<u32>,
}

/// The kinds of local function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// A command.
    Command,
    /// A URL.
    Http,
    /// A Lambda handler file.
    Handler,
}

/// A configuration problem, naming the function and the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("function '{function}': {message}")]
pub struct ConfigError {
    /// The function's name.
    pub function: String,
    /// What is wrong.
    pub message: String,
}

impl FunctionConfig {
    /// Checks one function's configuration.
    ///
    /// A handler's file is looked for in `working_directory` (the current directory when it is
    /// unset), so resolve that first.
    ///
    /// # Errors
    /// The first problem found.
    pub fn check(&self, name: &str) -> Result<(), ConfigError> {
        let problem = |message: &str| ConfigError {
            function: name.to_owned(),
            message: message.to_owned(),
        };
        let valid_name = !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid_name {
            return Err(problem(
                "a function name has 1 to 64 letters, digits, hyphens or underscores, as in Lambda",
            ));
        }
        let n_kinds = usize::from(!self.command.is_empty())
            + usize::from(self.url.is_some())
            + usize::from(self.handler.is_some());
        if n_kinds > 1 {
            return Err(problem(
                "give one of `command`, `url` or `handler`, not several",
            ));
        }
        if n_kinds == 0 {
            return Err(problem(
                "give `command` (a program to run), `url` or `handler` (a Lambda handler file)",
            ));
        }
        if let Some(url) = &self.url {
            if !crate::http::valid_url(url) {
                return Err(problem(
                    "`url` must be an http:// or https:// URL with a host",
                ));
            }
            if !self.environment.is_empty() || self.working_directory.is_some() {
                return Err(problem(
                    "`environment` and `working_directory` are for commands, not URLs",
                ));
            }
        } else if let Some(handler) = &self.handler {
            self.check_handler(handler)
                .map_err(|message| problem(&message))?;
        } else if self.command.first().is_none_or(String::is_empty) {
            return Err(problem("`command` needs at least the program to run"));
        }
        if self.memory_size.is_some() && self.handler.is_none() {
            return Err(problem("`memory_size` is for `handler` functions"));
        }
        if self
            .memory_size
            .is_some_and(|size| !(MIN_MEMORY_SIZE..=MAX_MEMORY_SIZE).contains(&size))
        {
            return Err(problem(&format!(
                "`memory_size` must be from {MIN_MEMORY_SIZE} to {MAX_MEMORY_SIZE} (MB), as in Lambda"
            )));
        }
        if self.timeout_seconds == Some(0) {
            return Err(problem("`timeout_seconds` must be at least 1"));
        }
        if self.concurrency == Some(0) {
            return Err(problem("`concurrency` must be at least 1"));
        }
        Ok(())
    }

    /// Its kind.
    pub fn kind(&self) -> FunctionKind {
        if self.url.is_some() {
            FunctionKind::Http
        } else if self.handler.is_some() {
            FunctionKind::Handler
        } else {
            FunctionKind::Command
        }
    }

    /// The handler's file exists where the function runs, its extension is known and it names
    /// a function.
    fn check_handler(&self, handler: &str) -> Result<(), String> {
        let spec = HandlerSpec::parse(handler)?;
        let dir = Path::new(self.working_directory.as_deref().unwrap_or("."));
        if !dir.is_dir() {
            return Err(format!(
                "`working_directory` {} is not a directory",
                dir.display()
            ));
        }
        let file = dir.join(&spec.file);
        if !file.is_file() {
            return Err(format!(
                "`handler` file {} does not exist (looked for {})",
                spec.file,
                file.display()
            ));
        }
        Ok(())
    }
}
