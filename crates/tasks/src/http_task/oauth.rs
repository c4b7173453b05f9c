//! OAuth client credentials for `OAUTH_CLIENT_CREDENTIALS` connections: one token per
//! connection, fetched from its authorization endpoint when first needed and kept until it
//! expires, as EventBridge keeps it.
//!
//! The token request sends the client id and secret as HTTP Basic credentials (RFC 6749,
//! section 2.3.1) and `grant_type=client_credentials` with the connection's OAuth body
//! parameters as a form (in the query string for `GET`). EventBridge also refreshes a token
//! when a call is answered 401 or 407; `TokenCache::forget` does that, so the next attempt (a
//! `Retry`) fetches a new one.

use std::time::Duration;

use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::connection::ConnectionConfig;
use super::failure;
use super::form::{self, Pair};
use runtime::TaskError;

/// How long before its expiry a token is renewed, so that it does not expire in flight.
const RENEW_MARGIN: Duration = Duration::from_secs(10);

/// How much of a failed token response a cause quotes.
const MAX_QUOTED_BYTES: usize = 512;

struct Token {
    value: String,
    /// When to fetch a new one; `None` when the server gave no `expires_in`.
    renew_at: Option<Instant>,
}

/// The current token of one connection.
#[derive(Default)]
pub(crate) struct TokenCache {
    // Held across a fetch, so that concurrent calls wait for one token request.
    slot: Mutex<Option<Token>>,
}

impl TokenCache {
    /// A token that is still good, fetched if there is none.
    ///
    /// # Errors
    /// `Events.ConnectionResource.InvalidConnectionState` when the token request fails.
    pub(crate) async fn bearer(
        &self,
        name: &str,
        config: &ConnectionConfig,
        client: &reqwest::Client,
    ) -> Result<String, TaskError> {
        let mut slot = self.slot.lock().await;
        if let Some(token) = slot.as_ref()
            // Token expiry is measured on the monotonic clock of this process, which is all a
            // token cache needs; it never reaches an execution.
            && token.renew_at.is_none_or(|at| Instant::now() < at)
        {
            return Ok(token.value.clone());
        }
        let token = fetch(name, config, client).await?;
        let value = token.value.clone();
        *slot = Some(token);
        Ok(value)
    }

    /// Drops `used` if it is still the current token (the server refused it).
    pub(crate) async fn forget(&self, used: &str) {
        let mut slot = self.slot.lock().await;
        if slot.as_ref().is_some_and(|token| token.value == used) {
            *slot = None;
        }
    }
}

async fn fetch(
    name: &str,
    config: &ConnectionConfig,
    client: &reqwest::Client,
) -> Result<Token, TaskError> {
    let endpoint = config.authorization_endpoint.as_deref().unwrap_or_default();
    let failed = |detail: String| {
        failure::invalid_connection_state(format!(
            "The connection '{name}' could not get an OAuth token from {endpoint}: {detail}"
        ))
    };
    let parameters = &config.oauth_http_parameters;
    let mut fields = Vec::new();
    if !parameters.body.contains_key("grant_type") {
        fields.push(Pair {
            key: "grant_type".to_owned(),
            values: vec!["client_credentials".to_owned()],
        });
    }
    fields.extend(parameters.body.iter().map(|(key, value)| Pair {
        key: key.clone(),
        values: vec![value.clone()],
    }));
    let query: Vec<Pair> = parameters
        .query
        .iter()
        .map(|(key, value)| Pair {
            key: key.clone(),
            values: vec![value.clone()],
        })
        .collect();
    let method = config.token_method();
    let (query, body) = if method == "GET" {
        (query.into_iter().chain(fields).collect::<Vec<_>>(), None)
    } else {
        (query, Some(form::encode(&fields)))
    };
    let mut url = endpoint.to_owned();
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&form::encode(&query));
    }
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .map_err(|_| failed(format!("the method {method} is not valid")))?;
    let mut request = client
        .request(method, &url)
        .basic_auth(
            config.client_id.as_deref().unwrap_or_default(),
            config.client_secret.as_deref(),
        )
        .header("Accept", "application/json");
    for (key, value) in &parameters.header {
        request = request.header(key, value);
    }
    if let Some(body) = body {
        request = request
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
    }
    let response = request
        .send()
        .await
        .map_err(|err| failed(format!("the request failed ({err})")))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|err| failed(format!("the answer broke off ({err})")))?;
    if !status.is_success() {
        let quoted: String = text.chars().take(MAX_QUOTED_BYTES).collect();
        return Err(failed(format!("it answered {status}: {quoted}")));
    }
    let answer: Value =
        serde_json::from_str(&text).map_err(|_| failed("its answer is not JSON".to_owned()))?;
    let value = answer
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| failed("its answer has no access_token".to_owned()))?
        .to_owned();
    let expires_in = match answer.get("expires_in") {
        Some(Value::Number(seconds)) => seconds.as_u64(),
        Some(Value::String(seconds)) => seconds.parse().ok(),
        _ => None,
    };
    let renew_at = expires_in
        .map(|seconds| Instant::now() + Duration::from_secs(seconds).saturating_sub(RENEW_MARGIN));
    Ok(Token { value, renew_at })
}
