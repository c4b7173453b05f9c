//! The `[connections.NAME]` tables of the configuration file: what an EventBridge connection
//! holds on AWS (its authorization and the parameters added to every call), declared locally
//! and checked before the server starts.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::headers;

/// How a connection authorizes its calls (EventBridge's `AuthorizationType`).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthorizationType {
    /// A header named `api_key_name` with the value `api_key_value`.
    ApiKey,
    /// `Authorization: Basic` with `username` and `password`.
    Basic,
    /// `Authorization: Bearer` with a token fetched with the client credentials grant.
    OauthClientCredentials,
}

/// Header, query string and body parameters (EventBridge's `HttpParameters`), by key.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HttpParameters {
    /// Headers.
    #[serde(default)]
    pub header: BTreeMap<String, String>,
    /// Query string parameters.
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// Body parameters (fields of a JSON body, or of the OAuth token request's form).
    #[serde(default)]
    pub body: BTreeMap<String, String>,
}

impl HttpParameters {
    fn is_empty(&self) -> bool {
        self.header.is_empty() && self.query.is_empty() && self.body.is_empty()
    }
}

/// One connection, as an EventBridge connection defines it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConnectionConfig {
    /// `API_KEY`, `BASIC` or `OAUTH_CLIENT_CREDENTIALS`.
    pub authorization_type: AuthorizationType,
    /// `API_KEY`: the header's name.
    #[serde(default)]
    pub api_key_name: Option<String>,
    /// `API_KEY`: the header's value.
    #[serde(default)]
    pub api_key_value: Option<String>,
    /// `BASIC`: the user name.
    #[serde(default)]
    pub username: Option<String>,
    /// `BASIC`: the password.
    #[serde(default)]
    pub password: Option<String>,
    /// `OAUTH_CLIENT_CREDENTIALS`: the client id.
    #[serde(default)]
    pub client_id: Option<String>,
    /// `OAUTH_CLIENT_CREDENTIALS`: the client secret.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// `OAUTH_CLIENT_CREDENTIALS`: the token endpoint (`http://` or `https://`).
    #[serde(default)]
    pub authorization_endpoint: Option<String>,
    /// `OAUTH_CLIENT_CREDENTIALS`: how the token is requested: `GET`, `POST` (the default) or
    /// `PUT`.
    #[serde(default)]
    pub http_method: Option<String>,
    /// `OAUTH_CLIENT_CREDENTIALS`: more parameters for the token request.
    #[serde(default)]
    pub oauth_http_parameters: HttpParameters,
    /// Parameters added to every call through this connection; they win over the task's.
    #[serde(default)]
    pub invocation_http_parameters: HttpParameters,
}

/// A connection's configuration problem, naming the connection and the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("connection '{connection}': {message}")]
pub struct ConnectionConfigError {
    /// The connection's name.
    pub connection: String,
    /// What is wrong.
    pub message: String,
}

impl ConnectionConfig {
    /// Checks one connection's configuration.
    ///
    /// # Errors
    /// The first problem found, naming the field.
    ///
    /// # Example
    /// ```
    /// let config: tasks::ConnectionConfig = serde_json::from_value(serde_json::json!({
    ///     "authorization_type": "BASIC",
    ///     "username": "ada",
    /// }))
    /// .expect("the fields are known");
    /// let err = config.check("billing").expect_err("a password is needed");
    /// assert_eq!(err.to_string(), "connection 'billing': `password` is required for BASIC");
    /// ```
    pub fn check(&self, name: &str) -> Result<(), ConnectionConfigError> {
        let problem = |message: String| ConnectionConfigError {
            connection: name.to_owned(),
            message,
        };
        let valid_name = !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !valid_name {
            return Err(problem(
                "a connection name has 1 to 64 letters, digits, dots, hyphens or underscores, as in EventBridge"
                    .to_owned(),
            ));
        }
        let (kind, required, allowed): (&str, &[(&str, &Option<String>)], bool) =
            match self.authorization_type {
                AuthorizationType::ApiKey => (
                    "API_KEY",
                    &[
                        ("api_key_name", &self.api_key_name),
                        ("api_key_value", &self.api_key_value),
                    ],
                    false,
                ),
                AuthorizationType::Basic => (
                    "BASIC",
                    &[("username", &self.username), ("password", &self.password)],
                    false,
                ),
                AuthorizationType::OauthClientCredentials => (
                    "OAUTH_CLIENT_CREDENTIALS",
                    &[
                        ("client_id", &self.client_id),
                        ("client_secret", &self.client_secret),
                        ("authorization_endpoint", &self.authorization_endpoint),
                    ],
                    true,
                ),
            };
        for (field, value) in required {
            if value.as_deref().is_none_or(str::is_empty) {
                return Err(problem(format!("`{field}` is required for {kind}")));
            }
        }
        // A field of another authorization type is a mistake worth stopping for: it would be
        // silently ignored.
        let all = [
            ("api_key_name", &self.api_key_name, "API_KEY"),
            ("api_key_value", &self.api_key_value, "API_KEY"),
            ("username", &self.username, "BASIC"),
            ("password", &self.password, "BASIC"),
            ("client_id", &self.client_id, "OAUTH_CLIENT_CREDENTIALS"),
            (
                "client_secret",
                &self.client_secret,
                "OAUTH_CLIENT_CREDENTIALS",
            ),
            (
                "authorization_endpoint",
                &self.authorization_endpoint,
                "OAUTH_CLIENT_CREDENTIALS",
            ),
            ("http_method", &self.http_method, "OAUTH_CLIENT_CREDENTIALS"),
        ];
        for (field, value, owner) in all {
            if value.is_some() && owner != kind {
                return Err(problem(format!(
                    "`{field}` is for {owner} connections, not {kind}"
                )));
            }
        }
        if !allowed && !self.oauth_http_parameters.is_empty() {
            return Err(problem(format!(
                "`oauth_http_parameters` is for OAUTH_CLIENT_CREDENTIALS connections, not {kind}"
            )));
        }
        if let Some(key_name) = &self.api_key_name {
            if !is_header_name(key_name) || headers::is_forbidden(key_name) {
                return Err(problem(format!(
                    "`api_key_name` {key_name:?} is not a header name a connection may set"
                )));
            }
            if let Some(value) = &self.api_key_value
                && !is_header_value(value)
            {
                return Err(problem(
                    "`api_key_value` holds characters a header cannot carry".to_owned(),
                ));
            }
        }
        if let Some(username) = &self.username
            && username.contains(':')
        {
            return Err(problem(
                "`username` cannot contain ':' (Basic authorization separates it from the password with one)"
                    .to_owned(),
            ));
        }
        if let Some(endpoint) = &self.authorization_endpoint
            && !is_http_url(endpoint)
        {
            return Err(problem(format!(
                "`authorization_endpoint` {endpoint:?} must be an http:// or https:// URL with a host"
            )));
        }
        if let Some(method) = &self.http_method
            && !matches!(method.as_str(), "GET" | "POST" | "PUT")
        {
            return Err(problem(format!(
                "`http_method` {method:?} must be GET, POST or PUT"
            )));
        }
        for (field, parameters) in [
            ("oauth_http_parameters", &self.oauth_http_parameters),
            (
                "invocation_http_parameters",
                &self.invocation_http_parameters,
            ),
        ] {
            for (key, value) in &parameters.header {
                if !is_header_name(key) || headers::is_forbidden(key) {
                    return Err(problem(format!(
                        "`{field}.header` names {key:?}, which is not a header a connection may set"
                    )));
                }
                if !is_header_value(value) {
                    return Err(problem(format!(
                        "`{field}.header.{key}` holds characters a header cannot carry"
                    )));
                }
            }
            for key in parameters.query.keys().chain(parameters.body.keys()) {
                if key.is_empty() {
                    return Err(problem(format!("`{field}` has an empty key")));
                }
            }
        }
        Ok(())
    }

    /// The token request's method.
    pub(crate) fn token_method(&self) -> &str {
        self.http_method.as_deref().unwrap_or("POST")
    }
}

fn is_header_name(name: &str) -> bool {
    reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
}

fn is_header_value(value: &str) -> bool {
    reqwest::header::HeaderValue::from_str(value).is_ok()
}

/// Whether `text` is an `http://` or `https://` URL with a host.
pub(crate) fn is_http_url(text: &str) -> bool {
    reqwest::Url::parse(text)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
}

/// The connection name a `ConnectionArn` names: `arn:PARTITION:events:REGION:ACCOUNT:
/// connection/NAME/UUID`, or `.../connection/NAME` without the UUID; `None` for anything else.
///
/// The region and account are not checked: connections are local, whatever ARN a definition
/// written for AWS carries.
pub(crate) fn name_from_arn(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    let (arn_prefix, _partition, service, _region, _account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if arn_prefix != "arn" || service != "events" {
        return None;
    }
    let rest = resource.strip_prefix("connection/")?;
    let name = match rest.split_once('/') {
        Some((name, _uuid)) => name,
        None => rest,
    };
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml_like: serde_json::Value) -> ConnectionConfig {
        serde_json::from_value(toml_like).expect("the fixture's fields are known")
    }

    /// Checks a configuration, expecting `Ok` for `None` or the message.
    fn check(name: &str, fields: serde_json::Value, expected: Option<&str>) {
        let res = config(fields).check(name);
        match expected {
            None => assert_eq!(res, Ok(()), "{name}"),
            Some(message) => assert_eq!(
                res.map_err(|err| err.to_string()),
                Err(format!("connection '{name}': {message}")),
            ),
        }
    }

    #[test]
    fn valid_connections_pass() {
        check(
            "stripe",
            serde_json::json!({"authorization_type": "API_KEY", "api_key_name": "x-api-key", "api_key_value": "s3cret"}),
            None,
        );
        check(
            "basic.v2",
            serde_json::json!({"authorization_type": "BASIC", "username": "ada", "password": "pw",
                "invocation_http_parameters": {"header": {"X-Team": "core"}, "query": {"v": "2"}, "body": {"mode": "live"}}}),
            None,
        );
        check(
            "auth0",
            serde_json::json!({"authorization_type": "OAUTH_CLIENT_CREDENTIALS", "client_id": "id",
                "client_secret": "secret", "authorization_endpoint": "https://auth.example.com/oauth/token",
                "http_method": "POST", "oauth_http_parameters": {"body": {"audience": "api"}}}),
            None,
        );
    }

    #[test]
    fn problems_name_the_connection_and_the_field() {
        check(
            "bad name",
            serde_json::json!({"authorization_type": "BASIC", "username": "a", "password": "b"}),
            Some(
                "a connection name has 1 to 64 letters, digits, dots, hyphens or underscores, as in EventBridge",
            ),
        );
        check(
            "k",
            serde_json::json!({"authorization_type": "API_KEY", "api_key_name": "x-api-key"}),
            Some("`api_key_value` is required for API_KEY"),
        );
        check(
            "k",
            serde_json::json!({"authorization_type": "API_KEY", "api_key_name": "Authorization", "api_key_value": "v"}),
            Some("`api_key_name` \"Authorization\" is not a header name a connection may set"),
        );
        check(
            "k",
            serde_json::json!({"authorization_type": "API_KEY", "api_key_name": "bad header", "api_key_value": "v"}),
            Some("`api_key_name` \"bad header\" is not a header name a connection may set"),
        );
        check(
            "b",
            serde_json::json!({"authorization_type": "BASIC", "username": "a", "password": "b", "client_id": "c"}),
            Some("`client_id` is for OAUTH_CLIENT_CREDENTIALS connections, not BASIC"),
        );
        check(
            "b",
            serde_json::json!({"authorization_type": "BASIC", "username": "a:b", "password": "c"}),
            Some(
                "`username` cannot contain ':' (Basic authorization separates it from the password with one)",
            ),
        );
        check(
            "b",
            serde_json::json!({"authorization_type": "BASIC", "username": "a", "password": "b",
                "oauth_http_parameters": {"body": {"x": "y"}}}),
            Some("`oauth_http_parameters` is for OAUTH_CLIENT_CREDENTIALS connections, not BASIC"),
        );
        check(
            "o",
            serde_json::json!({"authorization_type": "OAUTH_CLIENT_CREDENTIALS", "client_id": "id",
                "client_secret": "s", "authorization_endpoint": "ftp://auth.example.com/"}),
            Some(
                "`authorization_endpoint` \"ftp://auth.example.com/\" must be an http:// or https:// URL with a host",
            ),
        );
        check(
            "o",
            serde_json::json!({"authorization_type": "OAUTH_CLIENT_CREDENTIALS", "client_id": "id",
                "client_secret": "s", "authorization_endpoint": "https://a.example/t", "http_method": "DELETE"}),
            Some("`http_method` \"DELETE\" must be GET, POST or PUT"),
        );
        check(
            "i",
            serde_json::json!({"authorization_type": "BASIC", "username": "a", "password": "b",
                "invocation_http_parameters": {"header": {"Host": "elsewhere"}}}),
            Some(
                "`invocation_http_parameters.header` names \"Host\", which is not a header a connection may set",
            ),
        );
    }

    #[test]
    fn unknown_fields_and_types_are_rejected() {
        let unknown = serde_json::from_value::<ConnectionConfig>(
            serde_json::json!({"authorization_type": "BASIC", "user": "a"}),
        );
        assert!(unknown.is_err());
        let bad_type = serde_json::from_value::<ConnectionConfig>(
            serde_json::json!({"authorization_type": "DIGEST"}),
        );
        assert!(bad_type.is_err());
    }

    #[test]
    fn connection_arns_name_their_connection() {
        for (arn, name) in [
            (
                "arn:aws:events:us-east-2:123456789012:connection/Stripe/81210c42-8af1-456b-9c4a-6ff02fc664ac",
                Some("Stripe"),
            ),
            (
                "arn:aws:events:us-east-1:000000000000:connection/echo",
                Some("echo"),
            ),
            ("arn:aws-cn:events:cn-north-1:1:connection/x/y", Some("x")),
            ("arn:aws:events:us-east-1:1:rule/x", None),
            ("arn:aws:lambda:us-east-1:1:connection/x", None),
            ("arn:aws:events:us-east-1:1:connection/", None),
            ("echo", None),
        ] {
            assert_eq!(name_from_arn(arn), name, "{arn}");
        }
    }
}
