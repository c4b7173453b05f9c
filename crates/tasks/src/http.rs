//! Local HTTP functions: the event is POSTed as JSON to the function's URL, and the response
//! body is the result. One client serves every function, so connections are kept alive and
//! reused from call to call.

use std::sync::LazyLock;
use std::time::Duration;

use serde_json::Value;

use crate::FunctionError;

fn failed(error_type: &str, error_message: impl Into<String>) -> FunctionError {
    FunctionError {
        error_type: error_type.to_owned(),
        error_message: error_message.into(),
        payload: None,
    }
}

/// The client every HTTP function shares (its pool keeps connections alive).
static CLIENT: LazyLock<Result<reqwest::Client, String>> = LazyLock::new(|| {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .map_err(|err| err.to_string())
});

/// Whether `url` is one a function can have: `http://` or `https://` with a host.
pub(crate) fn valid_url(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|url| {
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// A response's headers as (name, value) pairs, in the order received.
pub(crate) fn header_pairs(headers: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// POSTs the event and reads the result, within `timeout`.
pub(crate) async fn invoke(
    url: &str,
    event: &Value,
    timeout: Duration,
) -> Result<Value, FunctionError> {
    match tokio::time::timeout(timeout, call(url, event)).await {
        Ok(res) => res,
        Err(_) => Err(failed(
            "Sandbox.Timedout",
            format!("Task timed out after {}.00 seconds", timeout.as_secs()),
        )),
    }
}

async fn call(url: &str, event: &Value) -> Result<Value, FunctionError> {
    let service = |message: String| failed("Lambda.ServiceException", message);
    let client = CLIENT
        .as_ref()
        .map_err(|err| service(format!("no HTTP client: {err}")))?;
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .body(event.to_string())
        .send()
        .await
        .map_err(|err| service(format!("could not reach {url}: {err}")))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|err| service(format!("{url} broke off its answer: {err}")))?;
    if !status.is_success() {
        return Err(service(format!(
            "{url} answered {status}: {}",
            String::from_utf8_lossy(&body)
        )));
    }
    let result: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).map_err(|_| {
            failed(
                "Runtime.InvalidResponse",
                "the function's answer is not JSON",
            )
        })?
    };
    crate::command::as_function_error(result)
}

#[cfg(test)]
mod tests {
    use super::valid_url;

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert!(valid_url("http://127.0.0.1:9000/fn/greet?x=1"));
        assert!(valid_url("http://localhost"));
        assert!(valid_url("https://example.com/"));
        assert!(!valid_url("ftp://example.com/"));
        assert!(!valid_url("http://"));
        assert!(!valid_url("127.0.0.1:9000"));
    }
}
