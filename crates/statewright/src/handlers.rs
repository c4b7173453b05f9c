//! The task handlers a configuration file declares, shared by `serve` and `run`: HTTP Tasks
//! through its connections, Lambda tasks on its local functions and, for the functions that
//! are not local, the Lambda endpoint.

use std::sync::Arc;

use runtime::TaskHandler;

use crate::config::Config;
use crate::error::Error;

/// The handler chain for `file`: `HttpInvoke` in front of the local functions (with the
/// endpoint, if any). Logs what it set up.
pub(crate) fn from_config(
    file: Config,
    endpoint: Option<tasks::LambdaEndpoint>,
    region: &str,
    account: &str,
) -> Result<Arc<dyn TaskHandler>, Error> {
    if !file.functions.is_empty() {
        let names: Vec<&str> = file.functions.keys().map(String::as_str).collect();
        tracing::info!("local functions: {}", names.join(", "));
    }
    if !file.connections.is_empty() {
        let names: Vec<&str> = file.connections.keys().map(String::as_str).collect();
        tracing::info!("connections: {}", names.join(", "));
    }
    let mut functions = tasks::LocalFunctions::new(file.functions, region, account);
    if let Some(endpoint) = endpoint {
        match endpoint.credentials_source() {
            Ok(source) => tracing::info!(
                "other Lambda functions: {} (region {}, credentials from {source})",
                endpoint.url(),
                endpoint.region()
            ),
            Err(err) => tracing::warn!(
                "other Lambda functions: {} (region {}), but {err}",
                endpoint.url(),
                endpoint.region()
            ),
        }
        functions = functions.with_endpoint(endpoint);
    }
    // HTTP Tasks go to their connections; every other task to the local functions.
    let handler = tasks::HttpInvoke::new(file.connections, region, Arc::new(functions))
        .map_err(|err| Error::failure(err.to_string()))?;
    Ok(Arc::new(handler))
}

/// The Lambda endpoint that `--lambda-endpoint` (`option`) or the configuration file names,
/// if any; requests to it are signed for the file's `[lambda] region`, else `region`.
pub(crate) fn lambda_endpoint(
    option: Option<&str>,
    file: &Config,
    region: &str,
) -> Result<Option<tasks::LambdaEndpoint>, Error> {
    let Some(url) = option.or(file.lambda.endpoint.as_deref()) else {
        return Ok(None);
    };
    let region = file.lambda.region.as_deref().unwrap_or(region);
    tasks::LambdaEndpoint::new(url, region)
        .map(Some)
        .map_err(|err| {
            Error::usage(err).with_hint(
                "give the endpoint as a URL, e.g. `--lambda-endpoint http://127.0.0.1:4566`",
            )
        })
}
