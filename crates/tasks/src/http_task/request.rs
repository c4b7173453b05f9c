//! From a Task state's parameters and its connection to the HTTP request Step Functions would
//! send, with no I/O: the method, the URL with its query string, the headers and the body.
//!
//! The merge follows AWS's "Merging EventBridge connection and HTTP Task definition data":
//! the connection's headers, query parameters and body parameters are added to the task's, and
//! win where both have a key; a string `RequestBody` cannot take the connection's body
//! parameters (`States.Runtime`). Step Functions then sets `User-Agent`, `Range` and (through
//! the client) `Host`.

use base64::Engine;
use base64::prelude::BASE64_STANDARD;
use serde_json::{Map, Value};

use super::connection::{AuthorizationType, ConnectionConfig, is_http_url, name_from_arn};
use super::form::{self, ArrayFormat};
use super::{failure, headers};
use runtime::TaskError;

/// The methods an HTTP Task may use.
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

/// How `RequestBody` is written (`Transform.RequestBodyEncoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyEncoding {
    /// The JSON text of `RequestBody` (`NONE`, the default).
    Json,
    /// A form (`URL_ENCODED`), arrays written in this format.
    UrlEncoded(ArrayFormat),
}

/// An HTTP Task's parameters, checked.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Call {
    /// The connection's name, from its ARN.
    pub(crate) connection: String,
    method: String,
    endpoint: String,
    headers: Option<Value>,
    query: Option<Value>,
    body: Option<Value>,
    encoding: BodyEncoding,
}

/// The request to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// `GET`, `POST`, ...
    pub(crate) method: String,
    /// The URL with the query string.
    pub(crate) url: String,
    /// Name and value, in order; a name may repeat.
    pub(crate) headers: Vec<(String, String)>,
    /// The body, if there is one.
    pub(crate) body: Option<String>,
}

/// Reads the parameters of an `http:invoke` task.
///
/// # Errors
/// `States.Runtime`, as AWS fails a task whose parameters it cannot use.
pub(crate) fn parse(input: &Value) -> Result<Call, TaskError> {
    let Value::Object(fields) = input else {
        return Err(failure::runtime(
            "The parameters of the http:invoke integration must be an object",
        ));
    };
    let endpoint = match fields.get("ApiEndpoint") {
        Some(Value::String(endpoint)) => endpoint.clone(),
        Some(_) => {
            return Err(failure::runtime("The field 'ApiEndpoint' must be a string"));
        }
        None => {
            return Err(failure::runtime(
                "The field 'ApiEndpoint' is required for the http:invoke integration",
            ));
        }
    };
    if !is_http_url(&endpoint) {
        return Err(failure::runtime(format!(
            "The ApiEndpoint '{endpoint}' is not an https:// (or, locally, http://) URL"
        )));
    }
    let method = match fields.get("Method") {
        Some(Value::String(method)) if METHODS.contains(&method.as_str()) => method.clone(),
        Some(other) => {
            return Err(failure::runtime(format!(
                "The Method {other} is not one of {}",
                METHODS.join(", ")
            )));
        }
        None => {
            return Err(failure::runtime(
                "The field 'Method' is required for the http:invoke integration",
            ));
        }
    };
    let arn = ["InvocationConfig", "Authentication"]
        .iter()
        .find_map(|field| fields.get(*field)?.get("ConnectionArn"))
        .ok_or_else(|| {
            failure::runtime(
                "The field 'Authentication.ConnectionArn' (or 'InvocationConfig.ConnectionArn') is required for the http:invoke integration",
            )
        })?;
    let connection = arn
        .as_str()
        .and_then(name_from_arn)
        .ok_or_else(|| {
            failure::runtime(format!(
                "The ConnectionArn {arn} is not an EventBridge connection ARN (arn:aws:events:REGION:ACCOUNT:connection/NAME/ID)"
            ))
        })?
        .to_owned();
    let encoding = match fields.get("Transform") {
        None | Some(Value::Null) => BodyEncoding::Json,
        Some(transform) => parse_transform(transform)?,
    };
    Ok(Call {
        connection,
        method,
        endpoint,
        headers: fields.get("Headers").cloned(),
        query: fields.get("QueryParameters").cloned(),
        body: fields.get("RequestBody").cloned(),
        encoding,
    })
}

fn parse_transform(transform: &Value) -> Result<BodyEncoding, TaskError> {
    let encoding = match transform.get("RequestBodyEncoding") {
        None | Some(Value::Null) => "NONE",
        Some(Value::String(encoding)) => encoding.as_str(),
        Some(other) => {
            return Err(failure::runtime(format!(
                "The RequestBodyEncoding {other} is not NONE or URL_ENCODED"
            )));
        }
    };
    let format = match transform
        .get("RequestEncodingOptions")
        .and_then(|options| options.get("ArrayFormat"))
    {
        None | Some(Value::Null) => ArrayFormat::Indices,
        Some(value) => value.as_str().and_then(ArrayFormat::parse).ok_or_else(|| {
            failure::runtime(format!(
                "The ArrayFormat {value} is not INDICES, REPEAT, COMMAS or BRACKETS"
            ))
        })?,
    };
    match encoding {
        "NONE" => Ok(BodyEncoding::Json),
        "URL_ENCODED" => Ok(BodyEncoding::UrlEncoded(format)),
        other => Err(failure::runtime(format!(
            "The RequestBodyEncoding \"{other}\" is not NONE or URL_ENCODED"
        ))),
    }
}

/// The request for `call` through `connection`, from `region`, with an OAuth `token` for
/// connections that use one.
///
/// # Errors
/// `States.Runtime` for headers AWS rejects and for data that cannot be merged or encoded.
pub(crate) fn prepare(
    call: &Call,
    connection: &ConnectionConfig,
    region: &str,
    token: Option<&str>,
) -> Result<Prepared, TaskError> {
    let invocation = &connection.invocation_http_parameters;
    let mut header_list = task_headers(call.headers.as_ref())?;
    // The connection's headers win over the task's.
    for (name, value) in &invocation.header {
        header_list.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        header_list.push((name.clone(), value.clone()));
    }
    match connection.authorization_type {
        AuthorizationType::ApiKey => {
            if let (Some(name), Some(value)) = (&connection.api_key_name, &connection.api_key_value)
            {
                header_list.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
                header_list.push((name.clone(), value.clone()));
            }
        }
        AuthorizationType::Basic => {
            let credentials = format!(
                "{}:{}",
                connection.username.as_deref().unwrap_or_default(),
                connection.password.as_deref().unwrap_or_default()
            );
            header_list.push((
                "Authorization".to_owned(),
                format!("Basic {}", BASE64_STANDARD.encode(credentials)),
            ));
        }
        AuthorizationType::OauthClientCredentials => {
            if let Some(token) = token {
                header_list.push(("Authorization".to_owned(), format!("Bearer {token}")));
            }
        }
    }

    let url = with_query(&call.endpoint, call.query.as_ref(), &invocation.query)?;

    let body = merged_body(call.body.as_ref(), &invocation.body)?;
    let (body, default_type) = match (body, call.encoding) {
        (None, _) => (None, None),
        (Some(Value::String(text)), BodyEncoding::Json) => {
            (Some(text), Some("application/json; charset=UTF-8"))
        }
        (Some(value), BodyEncoding::Json) => (
            Some(value.to_string()),
            Some("application/json; charset=UTF-8"),
        ),
        (Some(Value::String(text)), BodyEncoding::UrlEncoded(_)) => {
            (Some(text), Some("application/x-www-form-urlencoded"))
        }
        (Some(Value::Object(object)), BodyEncoding::UrlEncoded(format)) => (
            Some(form::encode(&form::pairs(&object, format))),
            Some("application/x-www-form-urlencoded"),
        ),
        (Some(_), BodyEncoding::UrlEncoded(_)) => {
            return Err(failure::runtime(
                "A URL_ENCODED RequestBody must be an object or a string",
            ));
        }
    };
    if let Some(content_type) = default_type
        && !header_list
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
    {
        header_list.push(("Content-Type".to_owned(), content_type.to_owned()));
    }
    header_list.retain(|(name, _)| !headers::is_replaced(name));
    header_list.push((
        "User-Agent".to_owned(),
        format!("{}{region}", headers::USER_AGENT_PREFIX),
    ));
    header_list.push(("Range".to_owned(), headers::RANGE.to_owned()));
    Ok(Prepared {
        method: call.method.clone(),
        url,
        headers: header_list,
        body,
    })
}

/// The task's `Headers`: an object whose values are strings, numbers, booleans or arrays of
/// them (one header line per item).
fn task_headers(value: Option<&Value>) -> Result<Vec<(String, String)>, TaskError> {
    let object = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(object)) => object,
        Some(_) => return Err(failure::runtime("The field 'Headers' must be an object")),
    };
    let forbidden: Vec<String> = object
        .keys()
        .filter(|name| headers::is_forbidden(name))
        .map(|name| name.to_ascii_lowercase())
        .collect();
    if !forbidden.is_empty() {
        // AWS's own wording, from its definition validation.
        return Err(failure::runtime(format!(
            "The 'Headers' field contains unsupported values: [{}]",
            forbidden.join(", ")
        )));
    }
    let mut res = Vec::new();
    for (name, value) in object {
        let values = match value {
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for item in values {
            if item.is_array() || item.is_object() {
                return Err(failure::runtime(format!(
                    "The header '{name}' must be a string, a number, a boolean or an array of them"
                )));
            }
            let text = form::scalar(item);
            if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err()
                || reqwest::header::HeaderValue::from_str(&text).is_err()
            {
                return Err(failure::runtime(format!(
                    "The header '{name}' is not a valid HTTP header"
                )));
            }
            res.push((name.clone(), text));
        }
    }
    Ok(res)
}

/// The endpoint with the task's query parameters, then the connection's, added to any query it
/// already has.
fn with_query(
    endpoint: &str,
    query: Option<&Value>,
    connection: &std::collections::BTreeMap<String, String>,
) -> Result<String, TaskError> {
    let mut parts: Vec<(String, String)> = match query {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(object)) => form::pairs(object, ArrayFormat::Repeat)
            .into_iter()
            .map(|pair| {
                let values: Vec<String> = pair
                    .values
                    .iter()
                    .map(|value| form::percent_encode(value))
                    .collect();
                (form::percent_encode(&pair.key), values.join(","))
            })
            .collect(),
        // A string is a query string already.
        Some(Value::String(text)) => text
            .trim_start_matches('?')
            .split('&')
            .filter(|part| !part.is_empty())
            .map(|part| match part.split_once('=') {
                Some((key, value)) => (key.to_owned(), value.to_owned()),
                None => (part.to_owned(), String::new()),
            })
            .collect(),
        Some(_) => {
            return Err(failure::runtime(
                "The field 'QueryParameters' must be an object or a string",
            ));
        }
    };
    for (key, value) in connection {
        let key = form::percent_encode(key);
        parts.retain(|(existing, _)| {
            existing != &key && !existing.starts_with(&format!("{key}%5B"))
        });
        parts.push((key, form::percent_encode(value)));
    }
    if parts.is_empty() {
        return Ok(endpoint.to_owned());
    }
    let added: Vec<String> = parts
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    let added = added.join("&");
    let (base, fragment) = match endpoint.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (endpoint, None),
    };
    let mut url = match base.split_once('?') {
        Some((_, existing)) if !existing.is_empty() => format!("{base}&{added}"),
        Some((path, _)) => format!("{path}?{added}"),
        None => format!("{base}?{added}"),
    };
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    Ok(url)
}

/// `RequestBody` with the connection's body parameters, which win where keys collide.
fn merged_body(
    body: Option<&Value>,
    connection: &std::collections::BTreeMap<String, String>,
) -> Result<Option<Value>, TaskError> {
    let body = body.filter(|body| !body.is_null());
    if connection.is_empty() {
        return Ok(body.cloned());
    }
    let mut object = match body {
        None => Map::new(),
        Some(Value::Object(object)) => object.clone(),
        Some(Value::String(_)) => {
            // AWS fails the task here: a string cannot take the connection's fields.
            return Err(failure::runtime(
                "The RequestBody is a string, so the connection's body parameters cannot be merged into it",
            ));
        }
        Some(_) => {
            return Err(failure::runtime(
                "The RequestBody must be an object to take the connection's body parameters",
            ));
        }
    };
    for (key, value) in connection {
        object.insert(key.clone(), Value::String(value.clone()));
    }
    Ok(Some(Value::Object(object)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ARN: &str = "arn:aws:events:us-east-1:000000000000:connection/echo/0c4f2b5e";

    fn connection(fields: Value) -> ConnectionConfig {
        serde_json::from_value(fields).expect("the fixture's fields are known")
    }

    fn api_key() -> ConnectionConfig {
        connection(
            json!({"authorization_type": "API_KEY", "api_key_name": "X-Api-Key", "api_key_value": "k"}),
        )
    }

    /// Parses and prepares `parameters` through `connection`, from `us-east-1`.
    fn check(parameters: Value, connection: &ConnectionConfig) -> Result<Prepared, TaskError> {
        let call = parse(&parameters)?;
        assert_eq!(call.connection, "echo");
        prepare(&call, connection, "us-east-1", Some("t0ken"))
    }

    fn header<'a>(prepared: &'a Prepared, name: &str) -> Vec<&'a str> {
        prepared
            .headers
            .iter()
            .filter(|(existing, _)| existing.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .collect()
    }

    #[test]
    fn a_get_carries_its_query_and_step_functions_headers() {
        let prepared = check(
            json!({"ApiEndpoint": "https://api.example.com/v1/customers?limit=3", "Method": "GET",
                "Authentication": {"ConnectionArn": ARN},
                "QueryParameters": {"currency": "usd", "tag": ["a b", "c"], "page": 2},
                "Headers": {"Accept": "application/json", "X-Multi": ["1", 2]}}),
            &api_key(),
        )
        .expect("valid");
        assert_eq!(prepared.method, "GET");
        assert_eq!(
            prepared.url,
            "https://api.example.com/v1/customers?limit=3&currency=usd&tag=a%20b&tag=c&page=2"
        );
        assert_eq!(prepared.body, None);
        assert_eq!(
            prepared.headers,
            vec![
                ("Accept".to_owned(), "application/json".to_owned()),
                ("X-Multi".to_owned(), "1".to_owned()),
                ("X-Multi".to_owned(), "2".to_owned()),
                ("X-Api-Key".to_owned(), "k".to_owned()),
                (
                    "User-Agent".to_owned(),
                    "Amazon|StepFunctions|HttpInvoke|us-east-1".to_owned()
                ),
                ("Range".to_owned(), "bytes=0-262144".to_owned()),
            ]
        );
    }

    #[test]
    fn the_connection_wins_where_keys_collide_as_in_awss_example() {
        // AWS's "Merging EventBridge connection and HTTP Task definition data" example.
        let connection = connection(json!({"authorization_type": "API_KEY",
            "api_key_name": "ApiKey", "api_key_value": "key_value",
            "invocation_http_parameters": {
                "body": {"BodyParam": "connection_body_param"},
                "header": {"Header-Param": "connection_header_param"},
                "query": {"QueryParam": "connection_query_param"}}}));
        let prepared = check(
            json!({"Authentication": {"ConnectionArn": ARN}, "ApiEndpoint": "https://example.com/path",
                "Method": "GET",
                "Headers": {"Request-Id": "my_request_id", "Header-Param": "state_machine_header_param"},
                "RequestBody": {"Job": "Software Engineer", "Company": "AnyCompany", "BodyParam": "state_machine_body_param"},
                "QueryParameters": {"QueryParam": "state_machine_query_param"}}),
            &connection,
        )
        .expect("valid");
        assert_eq!(
            prepared.url,
            "https://example.com/path?QueryParam=connection_query_param"
        );
        assert_eq!(
            prepared.body.as_deref(),
            Some(
                r#"{"Job":"Software Engineer","Company":"AnyCompany","BodyParam":"connection_body_param"}"#
            )
        );
        assert_eq!(
            header(&prepared, "Header-Param"),
            ["connection_header_param"]
        );
        assert_eq!(header(&prepared, "Request-Id"), ["my_request_id"]);
        assert_eq!(header(&prepared, "ApiKey"), ["key_value"]);
        assert_eq!(
            header(&prepared, "Content-Type"),
            ["application/json; charset=UTF-8"]
        );
    }

    #[test]
    fn url_encoded_bodies_use_the_array_format() {
        let prepared = check(
            json!({"ApiEndpoint": "http://127.0.0.1:9/v1/invoices", "Method": "POST",
                "InvocationConfig": {"ConnectionArn": ARN},
                "Headers": {"Content-Type": "application/x-www-form-urlencoded"},
                "RequestBody": {"customer": "1234567890", "items": ["a", "b"]},
                "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                    "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}}}),
            &api_key(),
        )
        .expect("valid");
        assert_eq!(
            prepared.body.as_deref(),
            Some("customer=1234567890&items%5B%5D=a&items%5B%5D=b")
        );
        assert_eq!(
            header(&prepared, "content-type"),
            ["application/x-www-form-urlencoded"]
        );
        let default_format = check(
            json!({"ApiEndpoint": "http://127.0.0.1:9/", "Method": "POST",
                "Authentication": {"ConnectionArn": ARN}, "RequestBody": {"items": ["a"]},
                "Transform": {"RequestBodyEncoding": "URL_ENCODED"}}),
            &api_key(),
        )
        .expect("valid");
        assert_eq!(default_format.body.as_deref(), Some("items%5B0%5D=a"));
        assert_eq!(
            header(&default_format, "content-type"),
            ["application/x-www-form-urlencoded"]
        );
    }

    #[test]
    fn basic_and_oauth_connections_authorize() {
        let basic = connection(
            json!({"authorization_type": "BASIC", "username": "Aladdin", "password": "open sesame"}),
        );
        let parameters = json!({"ApiEndpoint": "https://example.com/", "Method": "DELETE",
            "Authentication": {"ConnectionArn": ARN}});
        let prepared = check(parameters.clone(), &basic).expect("valid");
        assert_eq!(
            header(&prepared, "Authorization"),
            ["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="]
        );
        let oauth = connection(json!({"authorization_type": "OAUTH_CLIENT_CREDENTIALS",
            "client_id": "i", "client_secret": "s", "authorization_endpoint": "https://a.example/t"}));
        let prepared = check(parameters, &oauth).expect("valid");
        assert_eq!(header(&prepared, "Authorization"), ["Bearer t0ken"]);
    }

    #[test]
    fn step_functions_replaces_user_agent_range_and_content_length() {
        let prepared = check(
            json!({"ApiEndpoint": "https://example.com/", "Method": "POST",
                "Authentication": {"ConnectionArn": ARN}, "RequestBody": "plain text",
                "Headers": {"User-Agent": "mine", "range": "bytes=5-", "Content-Length": "3",
                    "Content-Type": "text/plain"}}),
            &api_key(),
        )
        .expect("valid");
        assert_eq!(
            header(&prepared, "user-agent"),
            ["Amazon|StepFunctions|HttpInvoke|us-east-1"]
        );
        assert_eq!(header(&prepared, "range"), ["bytes=0-262144"]);
        assert!(header(&prepared, "content-length").is_empty());
        assert_eq!(header(&prepared, "content-type"), ["text/plain"]);
        assert_eq!(prepared.body.as_deref(), Some("plain text"));
    }

    #[test]
    fn unusable_parameters_fail_with_states_runtime() {
        let with_connection = |extra: Value| {
            let mut parameters = json!({"ApiEndpoint": "https://example.com/", "Method": "GET",
                "Authentication": {"ConnectionArn": ARN}});
            if let (Value::Object(parameters), Value::Object(extra)) = (&mut parameters, extra) {
                parameters.extend(extra);
            }
            parameters
        };
        let body_connection = connection(json!({"authorization_type": "BASIC", "username": "a",
            "password": "b", "invocation_http_parameters": {"body": {"k": "v"}}}));
        for (parameters, connection, cause) in [
            (
                json!({"Method": "GET", "Authentication": {"ConnectionArn": ARN}}),
                api_key(),
                "The field 'ApiEndpoint' is required for the http:invoke integration",
            ),
            (
                with_connection(json!({"Method": "TRACE"})),
                api_key(),
                "The Method \"TRACE\" is not one of GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD",
            ),
            (
                json!({"ApiEndpoint": "https://example.com/", "Method": "GET"}),
                api_key(),
                "The field 'Authentication.ConnectionArn' (or 'InvocationConfig.ConnectionArn') is required for the http:invoke integration",
            ),
            (
                with_connection(json!({"ApiEndpoint": "ftp://example.com/"})),
                api_key(),
                "The ApiEndpoint 'ftp://example.com/' is not an https:// (or, locally, http://) URL",
            ),
            (
                with_connection(json!({"Headers": {"Host": "x", "Authorization": "y"}})),
                api_key(),
                "The 'Headers' field contains unsupported values: [host, authorization]",
            ),
            (
                with_connection(json!({"RequestBody": "text"})),
                body_connection,
                "The RequestBody is a string, so the connection's body parameters cannot be merged into it",
            ),
            (
                with_connection(json!({"Transform": {"RequestBodyEncoding": "URL_ENCODED",
                    "RequestEncodingOptions": {"ArrayFormat": "PIPES"}}})),
                api_key(),
                "The ArrayFormat \"PIPES\" is not INDICES, REPEAT, COMMAS or BRACKETS",
            ),
            (
                with_connection(json!({"QueryParameters": [1]})),
                api_key(),
                "The field 'QueryParameters' must be an object or a string",
            ),
        ] {
            let err = parse(&parameters)
                .and_then(|call| prepare(&call, &connection, "us-east-1", None))
                .expect_err("unusable");
            assert_eq!(
                (err.error.as_str(), err.cause.as_str()),
                ("States.Runtime", cause)
            );
        }
    }

    #[test]
    fn query_strings_and_connection_query_parameters() {
        let connection = connection(json!({"authorization_type": "BASIC", "username": "a",
            "password": "b", "invocation_http_parameters": {"query": {"key": "conn value"}}}));
        let prepared = check(
            json!({"ApiEndpoint": "https://example.com/x#frag", "Method": "GET",
                "Authentication": {"ConnectionArn": ARN}, "QueryParameters": "?a=1&key=task&b"}),
            &connection,
        )
        .expect("valid");
        assert_eq!(
            prepared.url,
            "https://example.com/x?a=1&b=&key=conn%20value#frag"
        );
    }
}
