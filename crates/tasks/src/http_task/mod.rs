//! The HTTP Task (`arn:aws:states:::http:invoke`): calls an HTTP or HTTPS API through a
//! connection, and returns the response in AWS's shape.
//!
//! On AWS the connection is an EventBridge resource; here it is a `[connections.NAME]` table
//! of the configuration file, found by the name in the task's `ConnectionArn`. `HttpInvoke`
//! handles `http:invoke` (and `http:invoke.waitForTaskToken`, whose request is sent and whose
//! result then comes with `SendTaskSuccess`) and hands every other resource to the handler it
//! wraps.

mod connection;
mod failure;
mod form;
mod headers;
mod oauth;
mod request;
mod response;

pub use connection::{AuthorizationType, ConnectionConfig, ConnectionConfigError, HttpParameters};

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use runtime::{TaskCall, TaskError, TaskFuture, TaskHandler};
use serde_json::Value;

use oauth::TokenCache;
use response::{MAX_BODY_BYTES, Received};

/// The resource of the HTTP Task.
const RESOURCE: &str = "arn:aws:states:::http:invoke";

/// How long a request may take, AWS's documented limit ("HTTP task requests will timeout
/// after 60 seconds"); the state's own `TimeoutSeconds` applies on top.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// How long connecting may take, so that an unreachable host fails well before the request
/// timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The HTTP client could not be set up (its TLS configuration failed to load).
#[derive(Debug, thiserror::Error)]
#[error("could not set up the HTTP client for HTTP tasks: {0}")]
pub struct HttpClientError(String);

struct Connection {
    config: ConnectionConfig,
    tokens: Option<TokenCache>,
}

/// Runs HTTP Tasks through the configured connections; other resources go to the wrapped
/// handler.
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// use std::sync::Arc;
///
/// let connections: BTreeMap<String, tasks::ConnectionConfig> = BTreeMap::new();
/// let functions = tasks::LocalFunctions::new(BTreeMap::new(), "us-east-1", "123456789012");
/// let handler = tasks::HttpInvoke::new(connections, "us-east-1", Arc::new(functions))
///     .expect("the HTTP client starts");
/// # let _ = handler;
/// ```
pub struct HttpInvoke {
    connections: BTreeMap<String, Arc<Connection>>,
    client: reqwest::Client,
    region: String,
    next: Arc<dyn TaskHandler>,
}

impl HttpInvoke {
    /// The handler for these connections (already checked), in this region, in front of
    /// `next`.
    ///
    /// # Errors
    /// When the HTTP client cannot be set up.
    pub fn new(
        connections: BTreeMap<String, ConnectionConfig>,
        region: &str,
        next: Arc<dyn TaskHandler>,
    ) -> Result<Self, HttpClientError> {
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            // A redirect is the API's answer, not something to follow with the connection's
            // credentials to wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| HttpClientError(err.to_string()))?;
        let connections = connections
            .into_iter()
            .map(|(name, config)| {
                let tokens = (config.authorization_type
                    == AuthorizationType::OauthClientCredentials)
                    .then(TokenCache::default);
                (name, Arc::new(Connection { config, tokens }))
            })
            .collect();
        Ok(HttpInvoke {
            connections,
            client,
            region: region.to_owned(),
            next,
        })
    }
}

/// Whether a resource is the HTTP Task, with or without `.waitForTaskToken`.
fn is_http_invoke(resource: &str) -> bool {
    resource
        .strip_suffix(".waitForTaskToken")
        .unwrap_or(resource)
        == RESOURCE
}

impl TaskHandler for HttpInvoke {
    fn run(&self, resource: &str, input: Value) -> TaskFuture {
        if !is_http_invoke(resource) {
            return self.next.run(resource, input);
        }
        let call = match request::parse(&input) {
            Ok(call) => call,
            Err(err) => return Box::pin(async move { Err(err) }),
        };
        let Some(connection) = self.connections.get(&call.connection).cloned() else {
            let err = failure::connection_not_found(&call.connection);
            return Box::pin(async move { Err(err) });
        };
        let client = self.client.clone();
        let region = self.region.clone();
        Box::pin(async move { invoke(&client, &connection, &call, &region).await })
    }

    fn run_task(&self, call: TaskCall<'_>, input: Value) -> TaskFuture {
        if is_http_invoke(call.resource) {
            self.run(call.resource, input)
        } else {
            self.next.run_task(call, input)
        }
    }

    fn cancel(&self, execution_arn: &str, task: runtime::TaskId) {
        self.next.cancel(execution_arn, task);
    }
}

async fn invoke(
    client: &reqwest::Client,
    connection: &Connection,
    call: &request::Call,
    region: &str,
) -> Result<Value, TaskError> {
    let token = match &connection.tokens {
        Some(tokens) => Some(
            tokens
                .bearer(&call.connection, &connection.config, client)
                .await?,
        ),
        None => None,
    };
    let prepared = request::prepare(call, &connection.config, region, token.as_deref())?;
    let received = send(client, prepared).await?;
    // EventBridge renews a token the API refused; the next attempt gets a fresh one.
    if let (Some(tokens), Some(token), 401 | 407) = (&connection.tokens, &token, received.status) {
        tokens.forget(token).await;
    }
    response::shape(received)
}

async fn send(
    client: &reqwest::Client,
    prepared: request::Prepared,
) -> Result<Received, TaskError> {
    let method = reqwest::Method::from_bytes(prepared.method.as_bytes())
        .map_err(|_| failure::runtime(format!("The Method {} is not valid", prepared.method)))?;
    let url = prepared.url;
    let mut request = client.request(method, &url);
    for (name, value) in prepared.headers {
        request = request.header(name, value);
    }
    if let Some(body) = prepared.body {
        request = request.body(body);
    }
    let mut response = request.send().await.map_err(|err| transport(&url, &err))?;
    let status = response.status();
    let headers = crate::http::header_pairs(response.headers());
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|err| transport(&url, &err))?
    {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(failure::data_limit(format!(
                "The response of {url} is larger than {MAX_BODY_BYTES} bytes, the payload quota"
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Received {
        status: status.as_u16(),
        status_text: status.canonical_reason().unwrap_or_default().to_owned(),
        headers,
        body,
    })
}

/// A request that got no complete answer.
fn transport(url: &str, err: &reqwest::Error) -> TaskError {
    if err.is_timeout() {
        return failure::socket(format!(
            "The request to {url} timed out (an HTTP Task waits {} seconds)",
            REQUEST_TIMEOUT.as_secs()
        ));
    }
    // The error's sources say why (refused, reset, DNS); the top one only says "error sending
    // request".
    let mut detail = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        detail = format!("{detail}: {inner}");
        source = inner.source();
    }
    failure::socket(format!("The request to {url} failed: {detail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_integration_patterns_are_http_invoke() {
        assert!(is_http_invoke("arn:aws:states:::http:invoke"));
        assert!(is_http_invoke(
            "arn:aws:states:::http:invoke.waitForTaskToken"
        ));
        assert!(!is_http_invoke("arn:aws:states:::http:invoke.sync"));
        assert!(!is_http_invoke("arn:aws:states:::lambda:invoke"));
    }

    #[tokio::test]
    async fn other_resources_go_to_the_wrapped_handler_and_unknown_connections_fail() {
        let handler = HttpInvoke::new(BTreeMap::new(), "us-east-1", Arc::new(runtime::NoHandler))
            .expect("the client starts");
        let err = handler
            .run("arn:aws:states:::sqs:sendMessage", Value::Null)
            .await
            .expect_err("nothing runs SQS");
        assert_eq!(err.error, "States.TaskFailed");
        let err = handler
            .run(
                RESOURCE,
                serde_json::json!({"ApiEndpoint": "http://127.0.0.1:9/", "Method": "GET",
                    "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:1:connection/nope/1"}}),
            )
            .await
            .expect_err("no such connection");
        assert_eq!(err.error, "Events.ConnectionResource.ResourceNotFound");
        assert!(err.cause.contains("[connections.nope]"), "{}", err.cause);
    }
}
