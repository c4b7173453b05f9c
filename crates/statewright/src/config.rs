//! The configuration file (`serve --config FILE`, TOML): local functions for Lambda tasks,
//! the Lambda endpoint for the functions that are not local, and connections for HTTP Tasks.
//!
//! ```toml
//! [functions.greet]
//! command = ["python3", "handlers/greet.py"]   # the event on stdin, the result on stdout
//! timeout_seconds = 10                         # default 900, Lambda's maximum
//! concurrency = 4                              # at most 4 at once; default unlimited
//! environment = { GREETING = "Hello" }
//! working_directory = "."                      # default: the configuration file's folder
//!
//! [functions.price]
//! url = "http://127.0.0.1:9000/price"          # the event is POSTed; the answer is the result
//! timeout_seconds = 5
//!
//! [functions.meta]
//! handler = "handlers/meta.py:lambda_handler"  # a Lambda handler file (.py, .mjs, .js, .cjs)
//! memory_size = 256                            # what the context reports; default 128
//! concurrency = 2                              # at most 2 warm workers; default unlimited
//!
//! [lambda]
//! endpoint = "http://127.0.0.1:4566"           # other functions: Lambda's Invoke API there
//! region = "eu-west-1"                         # signing region; default the server's
//!
//! [connections.stripe]                         # HTTP Tasks: ConnectionArn .../connection/stripe/...
//! authorization_type = "API_KEY"               # or BASIC, OAUTH_CLIENT_CREDENTIALS
//! api_key_name = "Authorization-Key"
//! api_key_value = "sk_test_123"
//! ```
//!
//! A handler file runs in warm worker processes (`python3` or `node` with a shim built into
//! the binary): its module is imported once and serves invocations one after another, with
//! Lambda's context object, environment variables and error shapes.
//! A function that is not local goes to the `[lambda]` endpoint (or `serve --lambda-endpoint`,
//! which wins), signed with SigV4 using the standard credential chain's static keys; without
//! one it fails with `Lambda.ResourceNotFoundException`.
//! Every field is checked at start-up; a problem stops the server with a message that names
//! the file, the function or connection, and the field.

use std::collections::BTreeMap;
use std::path::Path;

use figment::Figment;
use figment::providers::{Format, Toml};
use serde::Deserialize;

use crate::error::Error;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    /// Local functions by name.
    #[serde(default)]
    pub(crate) functions: BTreeMap<String, tasks::FunctionConfig>,
    /// Connections for HTTP Tasks by name.
    #[serde(default)]
    pub(crate) connections: BTreeMap<String, tasks::ConnectionConfig>,
    /// The Lambda endpoint for the functions that are not local.
    #[serde(default)]
    pub(crate) lambda: LambdaTable,
}

/// The `[lambda]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LambdaTable {
    /// The Lambda `Invoke` API endpoint's URL.
    pub(crate) endpoint: Option<String>,
    /// The region requests to it are signed for (default: the server's region).
    pub(crate) region: Option<String>,
}

/// Reads and checks a configuration file.
pub(crate) fn load(path: &Path) -> Result<Config, Error> {
    let hint = "see the README's \"Configuration file\" section for every field";
    if !path.is_file() {
        return Err(Error::usage(format!(
            "the configuration file {} does not exist",
            path.display()
        ))
        .with_hint(hint));
    }
    let mut config: Config = Figment::from(Toml::file(path)).extract().map_err(|err| {
        Error::usage(format!(
            "the configuration file {} is not valid: {err}",
            path.display()
        ))
        .with_hint(hint)
    })?;
    for (name, connection) in &config.connections {
        connection.check(name).map_err(|err| {
            Error::usage(format!(
                "in the configuration file {}: {err}",
                path.display()
            ))
            .with_hint(hint)
        })?;
    }
    let base = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    for (name, function) in &mut config.functions {
        // Commands and handlers run where the configuration file is, unless it says otherwise,
        // and a handler's file is looked for there.
        if function.url.is_none() {
            let dir = match &function.working_directory {
                Some(dir) if Path::new(dir).is_absolute() => Path::new(dir).to_owned(),
                Some(dir) => base.join(dir),
                None => base.to_owned(),
            };
            function.working_directory = Some(dir.to_string_lossy().into_owned());
        }
        function.check(name).map_err(|err| {
            Error::usage(format!(
                "in the configuration file {}: {err}",
                path.display()
            ))
            .with_hint(hint)
        })?;
    }
    Ok(config)
}
