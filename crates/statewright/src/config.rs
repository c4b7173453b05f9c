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
//!
//! [buckets.images]                             # a watched directory that plays the bucket "images"
//! path = "incoming"                            # relative to this file's folder; created if missing
//! cloudtrail = true                            # also raise CloudTrail PutObject events; default false
//! scan_interval_ms = 250                       # how often it is scanned; default 250
//!
//! [events]                                     # the HTTP event endpoint and dead-letter queues
//! api_key_name = "x-api-key"                   # POST /events must carry this header...
//! api_key_value = "s3cret"                     # ...with this value; default: no key
//! dead_letter_dir = "dead-letters"             # default: dead-letters/ in the data directory
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
    /// Watched directories by bucket name.
    #[serde(default)]
    pub(crate) buckets: BTreeMap<String, BucketTable>,
    /// The HTTP event endpoint and the dead-letter queues.
    #[serde(default)]
    pub(crate) events: EventsTable,
}

/// A `[buckets.NAME]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BucketTable {
    /// The directory, relative to the configuration file's folder.
    pub(crate) path: String,
    /// Whether CloudTrail's `PutObject` events are raised too.
    #[serde(default)]
    pub(crate) cloudtrail: bool,
    /// How often the directory is scanned, in milliseconds.
    #[serde(default = "default_scan_interval_ms")]
    pub(crate) scan_interval_ms: u64,
}

fn default_scan_interval_ms() -> u64 {
    250
}

/// The `[events]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventsTable {
    /// The header `POST /events` must carry.
    pub(crate) api_key_name: Option<String>,
    /// Its value.
    pub(crate) api_key_value: Option<String>,
    /// Where dead-letter queues are written, relative to the configuration file's folder.
    pub(crate) dead_letter_dir: Option<String>,
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
    let problem = |message: String| {
        Error::usage(format!(
            "in the configuration file {}: {message}",
            path.display()
        ))
        .with_hint(hint)
    };
    for (name, bucket) in &mut config.buckets {
        // S3's bucket naming rules, less the ones about dots and IP addresses.
        let valid = (3..=63).contains(&name.len())
            && name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '.')
            && name.starts_with(|ch: char| ch.is_ascii_alphanumeric())
            && name.ends_with(|ch: char| ch.is_ascii_alphanumeric());
        if !valid {
            return Err(problem(format!(
                "buckets.{name}: a bucket name has 3 to 63 lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit"
            )));
        }
        if bucket.path.is_empty() {
            return Err(problem(format!(
                "buckets.{name}.path: the directory is empty"
            )));
        }
        if bucket.scan_interval_ms == 0 {
            return Err(problem(format!(
                "buckets.{name}.scan_interval_ms: the interval must be at least 1"
            )));
        }
        bucket.path = base.join(&bucket.path).to_string_lossy().into_owned();
    }
    if config.events.api_key_name.is_some() != config.events.api_key_value.is_some() {
        return Err(problem(
            "events: api_key_name and api_key_value go together".to_owned(),
        ));
    }
    if let Some(dir) = &mut config.events.dead_letter_dir {
        *dir = base.join(&*dir).to_string_lossy().into_owned();
    }
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
