//! The `[functions.NAME]` tables of the configuration file, checked before the server starts.

use std::collections::BTreeMap;

use serde::Deserialize;

/// How long a function may run when its configuration does not say (Lambda's maximum).
pub(crate) const DEFAULT_TIMEOUT_SECONDS: u64 = 900;

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
    /// How long one invocation may run before it fails with `Sandbox.Timedout`.
    #[serde(default)]
    pub timeout_seconds: Option<u64>,
    /// Environment variables for the command, on top of the server's.
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// How many invocations may run at once; more wait for a turn.
    #[serde(default)]
    pub concurrency: Option<usize>,
    /// The directory the command runs in.
    #[serde(default)]
    pub working_directory: Option<String>,
}

/// The kinds of local function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// A command.
    Command,
    /// A URL.
    Http,
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
        match (&self.url, self.command.is_empty()) {
            (Some(_), false) => {
                return Err(problem("give `command` or `url`, not both"));
            }
            (Some(url), true) => {
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
            }
            (None, true) => {
                return Err(problem("give `command` (a program to run) or `url`"));
            }
            (None, false) => {
                if self.command.first().is_none_or(String::is_empty) {
                    return Err(problem("`command` needs at least the program to run"));
                }
            }
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
        } else {
            FunctionKind::Command
        }
    }
}
