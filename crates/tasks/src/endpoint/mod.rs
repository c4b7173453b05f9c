//! Functions that are not local, called through a Lambda `Invoke` API endpoint (`serve
//! --lambda-endpoint URL`): AWS itself, or anything that speaks its REST API.
//!
//! Each call is `POST {URL}/2015-03-31/functions/{FunctionName}/invocations[?Qualifier=Q]`
//! with the event as its body, signed with SigV4 (service `lambda`) using the first
//! credentials of the SDKs' chain that statewright supports (`credentials.rs`).

mod credentials;
mod response;
mod sigv4;

use std::sync::Arc;
use std::time::Duration;

use runtime::{Clock, TaskError};
use serde_json::Value;

use crate::Invocation;
use crate::lambda::wrap;
use response::Answer;

/// How long a connection to the endpoint may take to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one call may take: Lambda's longest timeout, and a minute to spare.
const CALL_TIMEOUT: Duration = Duration::from_secs(16 * 60);

/// A Lambda `Invoke` API endpoint.
#[derive(Clone)]
pub struct LambdaEndpoint {
    url: reqwest::Url,
    region: String,
    client: reqwest::Client,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for LambdaEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LambdaEndpoint")
            .field("url", &self.url.as_str())
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

impl LambdaEndpoint {
    /// The endpoint at `url` (`http://` or `https://`, optionally with a path prefix), whose
    /// requests are signed for `region`.
    ///
    /// # Errors
    /// The URL is not an `http://` or `https://` URL with a host, or the HTTP client cannot
    /// be built; the message says which.
    ///
    /// # Example
    /// ```
    /// let endpoint = tasks::LambdaEndpoint::new("http://127.0.0.1:9001", "eu-west-1")
    ///     .expect("a valid URL");
    /// assert_eq!(endpoint.url(), "http://127.0.0.1:9001/");
    /// assert!(tasks::LambdaEndpoint::new("ftp://example.com", "eu-west-1").is_err());
    /// ```
    pub fn new(url: &str, region: &str) -> Result<LambdaEndpoint, String> {
        let parsed = reqwest::Url::parse(url)
            .map_err(|err| format!("the Lambda endpoint {url:?} is not a URL: {err}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!(
                "the Lambda endpoint {url:?} is not an http:// or https:// URL with a host"
            ));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(format!(
                "the Lambda endpoint {url:?} has a query or a fragment; give only the scheme, \
                 host, port and path"
            ));
        }
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(CALL_TIMEOUT)
            .build()
            .map_err(|err| format!("could not build the HTTP client: {err}"))?;
        Ok(LambdaEndpoint {
            url: parsed,
            region: region.to_owned(),
            client,
            clock: Arc::new(runtime::SystemClock),
        })
    }

    /// The endpoint's URL.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// Where the credentials would come from now (`the environment`, `profile dev in FILE`),
    /// for the server's log; credentials are looked up again for every call.
    ///
    /// # Errors
    /// Why there are none.
    pub fn credentials_source(&self) -> Result<String, String> {
        credentials::find(&env_var).map(|found| found.source)
    }

    /// Calls the function and shapes its answer for how it was called.
    pub(crate) async fn invoke(
        &self,
        invocation: &Invocation,
        function_arn: &str,
    ) -> Result<Value, TaskError> {
        let client_error = |message: String| TaskError {
            error: "Lambda.SdkClientException".to_owned(),
            cause: message,
        };
        let found = credentials::find(&env_var).map_err(|err| {
            client_error(format!(
                "Unable to load AWS credentials from any provider in the chain: {err}"
            ))
        })?;
        let body = serde_json::to_vec(&invocation.event)
            .map_err(|err| client_error(format!("Unable to marshall request to JSON: {err}")))?;
        let mut url = self.url.clone();
        let path = format!(
            "{}/2015-03-31/functions/{}/invocations",
            url.path().trim_end_matches('/'),
            sigv4::uri_encode(&invocation.function, false)
        );
        url.set_path(&path);
        let query = invocation
            .qualifier
            .as_ref()
            .map(|qualifier| format!("Qualifier={}", sigv4::uri_encode(qualifier, false)));
        url.set_query(query.as_deref());
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(client_error("the endpoint has no host".to_owned())),
        };
        let amz_date = amz_date(self.clock.now_ms());
        let mut headers = vec![
            ("content-type", "application/json"),
            ("host", host.as_str()),
            ("x-amz-date", amz_date.as_str()),
            ("x-amz-invocation-type", "RequestResponse"),
        ];
        if let Some(token) = &found.credentials.session_token {
            headers.push(("x-amz-security-token", token.as_str()));
        }
        let authorization = sigv4::authorization(
            &found.credentials,
            &self.region,
            "lambda",
            &amz_date,
            &sigv4::Request {
                method: "POST",
                path: url.path(),
                query: url.query().unwrap_or_default(),
                headers: &headers,
                body: &body,
            },
        );
        let mut request = self.client.post(url.clone());
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        let response = request
            .header("authorization", authorization)
            .body(body)
            .send()
            .await
            .map_err(|err| {
                client_error(format!(
                    "Unable to execute HTTP request: {}",
                    error_chain(&err)
                ))
            })?;
        let status = response.status().as_u16();
        let headers = crate::http::header_pairs(response.headers());
        let body = response.bytes().await.map_err(|err| {
            client_error(format!(
                "Unable to read the HTTP response: {}",
                error_chain(&err)
            ))
        })?;
        let answer = Answer {
            status,
            headers,
            body: body.to_vec(),
        };
        let (payload, metadata) = response::outcome(&answer, function_arn)?;
        Ok(wrap(invocation.style, payload, &metadata))
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// SigV4's `X-Amz-Date`: `20150830T123600Z`.
fn amz_date(now_ms: i64) -> String {
    jiff::Timestamp::from_millisecond(now_ms)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// An error with its sources, which say what actually failed (refused, DNS, TLS).
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut res = err.to_string();
    let mut source = err.source();
    while let Some(err) = source {
        res.push_str(": ");
        res.push_str(&err.to_string());
        source = err.source();
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_sigv4s() {
        assert_eq!(amz_date(1_440_938_160_000), "20150830T123600Z");
    }

    #[test]
    fn endpoints_must_be_http_urls() {
        for url in [
            "http://localhost:4566",
            "https://lambda.eu-west-1.amazonaws.com",
            "http://h/prefix/",
        ] {
            assert!(LambdaEndpoint::new(url, "eu-west-1").is_ok(), "{url}");
        }
        for url in ["localhost:4566", "ftp://h", "http://h/?x=1", "not a url"] {
            assert!(LambdaEndpoint::new(url, "eu-west-1").is_err(), "{url}");
        }
    }
}
