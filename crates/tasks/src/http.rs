//! Local HTTP functions: the event is POSTed as JSON to the function's URL, and the response
//! body is the result.

use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::Value;

use crate::FunctionError;

fn failed(error_type: &str, error_message: impl Into<String>) -> FunctionError {
    FunctionError {
        error_type: error_type.to_owned(),
        error_message: error_message.into(),
        payload: None,
    }
}

/// `http://HOST:PORT/PATH` split into the address to connect to, the `Host` header and the
/// request target; `None` for anything else.
pub(crate) fn split_url(url: &str) -> Option<(String, String, String)> {
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(idx) => (&rest[..idx], &rest[idx..]),
        None => (rest, "/"),
    };
    if authority.is_empty() {
        return None;
    }
    let address = if authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| port.parse::<u16>().is_ok())
    {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    Some((address, authority.to_owned(), path.to_owned()))
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
    let (address, host, path) =
        split_url(url).ok_or_else(|| service(format!("the function URL {url} is not http://")))?;
    let stream = tokio::net::TcpStream::connect(&address)
        .await
        .map_err(|err| service(format!("could not reach {url}: {err}")))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|err| service(format!("could not talk to {url}: {err}")))?;
    tokio::spawn(async move {
        // The connection ends with the request; an error here shows in the request's result.
        let _ = connection.await;
    });
    let request = Request::post(path)
        .header("host", host)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(event.to_string())))
        .map_err(|err| service(format!("could not build the request: {err}")))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|err| service(format!("{url} did not answer: {err}")))?;
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|err| service(format!("{url} broke off its answer: {err}")))?
        .to_bytes();
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
    use super::split_url;

    #[test]
    fn urls_split() {
        assert_eq!(
            split_url("http://127.0.0.1:9000/fn/greet?x=1"),
            Some((
                "127.0.0.1:9000".into(),
                "127.0.0.1:9000".into(),
                "/fn/greet?x=1".into()
            ))
        );
        assert_eq!(
            split_url("http://localhost"),
            Some(("localhost:80".into(), "localhost".into(), "/".into()))
        );
        assert_eq!(split_url("https://example.com/"), None);
        assert_eq!(split_url("http:///x"), None);
    }
}
