//! Lambda's side of a Task state: which function a resource and its input name, and the
//! result and errors in the shapes AWS gives them.

use runtime::TaskError;
use serde_json::{Value, json};

use crate::FunctionError;

/// How the state machine called the function, which decides the result's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvocationStyle {
    /// `arn:aws:lambda:...:function:NAME`: the result is the function's.
    Direct,
    /// `arn:aws:states:::lambda:invoke`: the result wraps the function's in `Payload`.
    Integration,
}

/// One call of a function.
#[derive(Clone, Debug, PartialEq)]
pub struct Invocation {
    /// The function's name.
    pub function: String,
    /// The version or alias asked for, if any (local functions have only `$LATEST`).
    pub qualifier: Option<String>,
    /// The event the function receives.
    pub event: Value,
    /// How it was called.
    pub style: InvocationStyle,
}

/// The function a resource and its input call, `None` for a resource that is not Lambda.
///
/// # Errors
/// A `lambda:invoke` input without a usable `FunctionName`, as AWS rejects it.
///
/// # Example
/// ```
/// use serde_json::json;
/// let call = tasks::resolve(
///     "arn:aws:states:::lambda:invoke",
///     json!({"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:greet:prod", "Payload": {"n": 1}}),
/// )
/// .expect("a valid input")
/// .expect("a Lambda resource");
/// assert_eq!((call.function.as_str(), call.qualifier.as_deref()), ("greet", Some("prod")));
/// assert_eq!(call.event, json!({"n": 1}));
/// ```
pub fn resolve(resource: &str, input: Value) -> Result<Option<Invocation>, TaskError> {
    if let Some(rest) = resource.strip_prefix("arn:aws:lambda:") {
        let Some((function, qualifier)) = function_part(rest) else {
            return Ok(None);
        };
        return Ok(Some(Invocation {
            function,
            qualifier,
            event: input,
            style: InvocationStyle::Direct,
        }));
    }
    let resource = resource
        .strip_suffix(".waitForTaskToken")
        .unwrap_or(resource);
    if resource != "arn:aws:states:::lambda:invoke" {
        return Ok(None);
    }
    let name = input
        .get("FunctionName")
        .and_then(Value::as_str)
        .ok_or_else(|| TaskError {
            error: "States.Runtime".to_owned(),
            cause: "The field 'FunctionName' is required for the lambda:invoke integration"
                .to_owned(),
        })?;
    let (function, qualifier) = function_name(name).ok_or_else(|| TaskError {
        error: "Lambda.InvalidParameterValueException".to_owned(),
        cause: format!("The function name '{name}' is not a name, a partial ARN or an ARN"),
    })?;
    let event = input.get("Payload").cloned().unwrap_or_else(|| json!({}));
    Ok(Some(Invocation {
        function,
        qualifier,
        event,
        style: InvocationStyle::Integration,
    }))
}

/// `REGION:ACCOUNT:function:NAME[:QUALIFIER]` after `arn:aws:lambda:`.
fn function_part(rest: &str) -> Option<(String, Option<String>)> {
    let mut parts = rest.splitn(5, ':');
    let (_region, _account, kind, name) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if kind != "function" || name.is_empty() {
        return None;
    }
    Some((name.to_owned(), parts.next().map(str::to_owned)))
}

/// A `FunctionName` as Lambda accepts it: `NAME`, `NAME:QUALIFIER`, `ACCOUNT:function:NAME`,
/// or a full ARN, each with an optional qualifier.
fn function_name(text: &str) -> Option<(String, Option<String>)> {
    if let Some(rest) = text.strip_prefix("arn:aws:lambda:") {
        return function_part(rest);
    }
    let parts: Vec<&str> = text.split(':').collect();
    let (name, qualifier) = match parts.as_slice() {
        [name] => (*name, None),
        [name, qualifier] => (*name, Some(*qualifier)),
        [_account, "function", name] => (*name, None),
        [_account, "function", name, qualifier] => (*name, Some(*qualifier)),
        _ => return None,
    };
    if name.is_empty() {
        return None;
    }
    Some((name.to_owned(), qualifier.map(str::to_owned)))
}

/// Lambda's answer for a function that does not exist, as Step Functions reports it.
pub(crate) fn not_found(arn: &str) -> TaskError {
    TaskError {
        error: "Lambda.ResourceNotFoundException".to_owned(),
        cause: format!(
            "Function not found: {arn} (Service: AWSLambda; Status Code: 404; Error Code: \
             ResourceNotFoundException; Request ID: {}; Proxy: null)",
            uuid::Uuid::new_v4()
        ),
    }
}

/// What an `Invoke` response said besides its payload, for the `lambda:invoke` result.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Metadata {
    /// The HTTP status (`StatusCode`).
    pub(crate) status_code: u16,
    /// `X-Amz-Executed-Version` (`ExecutedVersion`).
    pub(crate) executed_version: String,
    /// `x-amzn-RequestId`.
    pub(crate) request_id: String,
    /// The response's headers, names spelled as AWS spells them, in order.
    pub(crate) headers: Vec<(String, String)>,
}

impl Metadata {
    /// What a local function's answer looks like: `$LATEST`, 200, a fresh request id.
    pub(crate) fn local() -> Metadata {
        let request_id = uuid::Uuid::new_v4().to_string();
        let headers = [
            ("Connection", "keep-alive"),
            ("Content-Type", "application/json"),
            ("X-Amz-Executed-Version", "$LATEST"),
            ("x-amzn-Remapped-Content-Length", "0"),
            ("x-amzn-RequestId", request_id.as_str()),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
        Metadata {
            status_code: 200,
            executed_version: "$LATEST".to_owned(),
            request_id,
            headers,
        }
    }
}

/// A local function's result or failure, shaped for how the function was called.
pub(crate) fn shape(
    invocation: &Invocation,
    result: Result<Value, FunctionError>,
) -> Result<Value, TaskError> {
    let payload = result.map_err(TaskError::from)?;
    Ok(wrap(invocation.style, payload, &Metadata::local()))
}

/// A payload as the state machine sees it: as it is for a direct call, wrapped with the
/// response's metadata for `lambda:invoke`.
pub(crate) fn wrap(style: InvocationStyle, payload: Value, metadata: &Metadata) -> Value {
    match style {
        InvocationStyle::Direct => payload,
        InvocationStyle::Integration => {
            let mut all_headers = serde_json::Map::new();
            let mut headers = serde_json::Map::new();
            for (name, value) in &metadata.headers {
                all_headers.insert(name.clone(), json!([value]));
                headers.insert(name.clone(), json!(value));
            }
            json!({
                "ExecutedVersion": metadata.executed_version,
                "Payload": payload,
                "SdkHttpMetadata": {
                    "AllHttpHeaders": all_headers,
                    "HttpHeaders": headers,
                    "HttpStatusCode": metadata.status_code,
                },
                "SdkResponseMetadata": {"RequestId": metadata.request_id},
                "StatusCode": metadata.status_code,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn names_resolve_in_every_form() {
        for (name, function, qualifier) in [
            ("greet", "greet", None),
            ("greet:prod", "greet", Some("prod")),
            ("123456789012:function:greet", "greet", None),
            ("123456789012:function:greet:7", "greet", Some("7")),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:greet",
                "greet",
                None,
            ),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:greet:$LATEST",
                "greet",
                Some("$LATEST"),
            ),
        ] {
            let call = resolve(
                "arn:aws:states:::lambda:invoke",
                json!({"FunctionName": name, "Payload": 1}),
            )
            .expect("valid")
            .expect("lambda");
            assert_eq!(call.function, function, "{name}");
            assert_eq!(call.qualifier.as_deref(), qualifier, "{name}");
            assert_eq!(call.style, InvocationStyle::Integration);
        }
        let direct = resolve(
            "arn:aws:lambda:us-east-1:123456789012:function:greet:alias",
            json!({"a": 1}),
        )
        .expect("valid")
        .expect("lambda");
        assert_eq!(
            (direct.function.as_str(), direct.event.clone()),
            ("greet", json!({"a": 1}))
        );
        assert_eq!(direct.style, InvocationStyle::Direct);
        assert!(
            resolve("arn:aws:states:::sqs:sendMessage", json!({}))
                .expect("valid")
                .is_none()
        );
        assert!(resolve("arn:aws:states:::lambda:invoke", json!({})).is_err());
        assert!(
            resolve(
                "arn:aws:states:::lambda:invoke",
                json!({"FunctionName": "a:b:c"})
            )
            .is_err()
        );
    }

    #[test]
    fn errors_carry_lambdas_shape() {
        let call = Invocation {
            function: "f".to_owned(),
            qualifier: None,
            event: json!({}),
            style: InvocationStyle::Direct,
        };
        let err = shape(
            &call,
            Err(FunctionError {
                error_type: "ValueError".to_owned(),
                error_message: "bad".to_owned(),
                payload: None,
            }),
        )
        .expect_err("a function error fails the task");
        assert_eq!(err.error, "ValueError");
        let cause: serde_json::Value = serde_json::from_str(&err.cause).expect("JSON");
        assert_eq!(cause["errorMessage"], "bad");
    }
}
