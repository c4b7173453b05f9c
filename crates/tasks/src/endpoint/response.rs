//! A Lambda `Invoke` response as Step Functions reports it: a result, a function error, or a
//! Lambda service error (`Lambda.ResourceNotFoundException`, ...), with AWS's causes.

use runtime::TaskError;
use serde_json::Value;

use crate::lambda::Metadata;

/// An HTTP response, as received.
#[derive(Clone, Debug, Default)]
pub(crate) struct Answer {
    /// The status code.
    pub(crate) status: u16,
    /// The headers, names as received (any case), in order.
    pub(crate) headers: Vec<(String, String)>,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Answer {
    /// The first header named `name`, whatever its case.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// The payload and metadata of a successful invocation, or the task's failure.
///
/// `function_arn` names the function in a cause when the endpoint gave no message.
pub(crate) fn outcome(answer: &Answer, function_arn: &str) -> Result<(Value, Metadata), TaskError> {
    let text = String::from_utf8_lossy(&answer.body);
    if !(200..300).contains(&answer.status) {
        return Err(service_error(answer, &text, function_arn));
    }
    if answer.header("X-Amz-Function-Error").is_some() {
        let error_type = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|payload| payload.get("errorType")?.as_str().map(str::to_owned));
        return Err(match error_type {
            Some(error) => TaskError {
                error,
                cause: text.into_owned(),
            },
            None => TaskError {
                error: "Lambda.Unknown".to_owned(),
                cause: format!(
                    "The cause could not be determined because Lambda did not return an error \
                     type. Returned payload: {text}"
                ),
            },
        });
    }
    let payload = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).map_err(|_| TaskError {
            error: "Lambda.Unknown".to_owned(),
            cause: format!("The function's payload is not JSON. Returned payload: {text}"),
        })?
    };
    let request_id = answer
        .header("x-amzn-RequestId")
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned);
    let metadata = Metadata {
        status_code: answer.status,
        executed_version: answer
            .header("X-Amz-Executed-Version")
            .unwrap_or("$LATEST")
            .to_owned(),
        request_id,
        headers: answer
            .headers
            .iter()
            .map(|(name, value)| (aws_spelling(name), value.clone()))
            .collect(),
    };
    Ok((payload, metadata))
}

/// A non-2xx answer as the SDK in Step Functions names it: `Lambda.` and the error code, with
/// the SDK's cause.
fn service_error(answer: &Answer, text: &str, function_arn: &str) -> TaskError {
    let body: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| body.get(*name).and_then(Value::as_str))
            .map(str::to_owned)
    };
    let code = answer
        .header("x-amzn-ErrorType")
        .map(str::to_owned)
        .or_else(|| field(&["__type", "code", "Code"]))
        .or_else(|| field(&["Type"]).filter(|kind| kind != "User" && kind != "Service"))
        .map(|code| clean_code(&code))
        .filter(|code| !code.is_empty());
    let status = answer.status;
    let error = match (status, code.as_deref()) {
        (_, Some(code)) if (400..500).contains(&status) || code.ends_with("Exception") => {
            code.to_owned()
        }
        (404, _) => "ResourceNotFoundException".to_owned(),
        (429, _) => "TooManyRequestsException".to_owned(),
        (500..=599, _) => "ServiceException".to_owned(),
        _ => "AWSLambdaException".to_owned(),
    };
    let message = field(&["message", "Message", "errorMessage"]).unwrap_or_else(|| {
        if error == "ResourceNotFoundException" {
            format!("Function not found: {function_arn}")
        } else if text.trim().is_empty() {
            format!("HTTP {status}")
        } else {
            text.trim().to_owned()
        }
    });
    let request_id = answer.header("x-amzn-RequestId").unwrap_or("null");
    TaskError {
        cause: format!(
            "{message} (Service: AWSLambda; Status Code: {status}; Error Code: {}; Request ID: \
             {request_id}; Proxy: null)",
            code.as_deref().unwrap_or(&error)
        ),
        error: format!("Lambda.{error}"),
    }
}

/// `ResourceNotFoundException:http://internal...` and `com.amazon...#Code` give `Code`.
fn clean_code(raw: &str) -> String {
    let code = raw.split(':').next().unwrap_or(raw);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Header names as Step Functions shows Lambda's (`X-Amz-Executed-Version`,
/// `x-amzn-RequestId`); others capitalised word by word.
fn aws_spelling(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "x-amzn-requestid" => return "x-amzn-RequestId".to_owned(),
        "x-amzn-trace-id" => return "X-Amzn-Trace-Id".to_owned(),
        "x-amzn-remapped-content-length" => return "x-amzn-Remapped-Content-Length".to_owned(),
        _ => {}
    }
    lower
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:greet";

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Answer {
        Answer {
            status,
            headers: headers
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn failure(answer: &Answer) -> (String, String) {
        let err = outcome(answer, ARN).expect_err("a failure");
        (err.error, err.cause)
    }

    #[test]
    fn results_keep_the_response_metadata() {
        let (payload, metadata) = outcome(
            &answer(
                200,
                &[
                    ("content-type", "application/json"),
                    ("x-amz-executed-version", "7"),
                    ("x-amzn-requestid", "req-1"),
                ],
                r#"{"ok": true}"#,
            ),
            ARN,
        )
        .expect("a result");
        assert_eq!(payload, json!({"ok": true}));
        assert_eq!(
            metadata,
            Metadata {
                status_code: 200,
                executed_version: "7".to_owned(),
                request_id: "req-1".to_owned(),
                headers: vec![
                    ("Content-Type".to_owned(), "application/json".to_owned()),
                    ("X-Amz-Executed-Version".to_owned(), "7".to_owned()),
                    ("x-amzn-RequestId".to_owned(), "req-1".to_owned()),
                ],
            }
        );
        let (payload, metadata) = outcome(&answer(200, &[], ""), ARN).expect("a result");
        assert_eq!(
            (payload, metadata.executed_version.as_str()),
            (Value::Null, "$LATEST")
        );
    }

    #[test]
    fn function_errors_are_the_error_type_with_the_payload_as_cause() {
        let body = r#"{"errorMessage":"bad","errorType":"ValueError","stackTrace":[]}"#;
        assert_eq!(
            failure(&answer(200, &[("X-Amz-Function-Error", "Unhandled")], body)),
            ("ValueError".to_owned(), body.to_owned())
        );
        assert_eq!(
            failure(&answer(
                200,
                &[("x-amz-function-error", "Handled")],
                r#""just text""#
            )),
            (
                "Lambda.Unknown".to_owned(),
                "The cause could not be determined because Lambda did not return an error \
                 type. Returned payload: \"just text\""
                    .to_owned()
            )
        );
        assert_eq!(failure(&answer(200, &[], "not json")).0, "Lambda.Unknown");
    }

    #[test]
    fn service_errors_are_named_as_the_sdk_names_them() {
        let not_found = r#"{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nobody"}"#;
        for (status, headers, body, error, cause) in [
            (
                404,
                vec![
                    (
                        "x-amzn-ErrorType",
                        "ResourceNotFoundException:http://internal.amazon.com/coral/",
                    ),
                    ("x-amzn-RequestId", "req-2"),
                ],
                not_found,
                "Lambda.ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nobody \
                 (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; \
                 Request ID: req-2; Proxy: null)",
            ),
            (
                404,
                vec![],
                "",
                "Lambda.ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:greet \
                 (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; \
                 Request ID: null; Proxy: null)",
            ),
            (
                429,
                vec![],
                r#"{"message":"Rate exceeded"}"#,
                "Lambda.TooManyRequestsException",
                "Rate exceeded (Service: AWSLambda; Status Code: 429; Error Code: \
                 TooManyRequestsException; Request ID: null; Proxy: null)",
            ),
            (
                400,
                vec![],
                r#"{"__type":"com.amazonaws#InvalidRequestContentException","message":"Could not parse"}"#,
                "Lambda.InvalidRequestContentException",
                "Could not parse (Service: AWSLambda; Status Code: 400; Error Code: \
                 InvalidRequestContentException; Request ID: null; Proxy: null)",
            ),
            (
                403,
                vec![],
                "Forbidden",
                "Lambda.AWSLambdaException",
                "Forbidden (Service: AWSLambda; Status Code: 403; Error Code: \
                 AWSLambdaException; Request ID: null; Proxy: null)",
            ),
            (
                502,
                vec![("x-amzn-ErrorType", "EC2ThrottledException")],
                r#"{"message":"throttled"}"#,
                "Lambda.EC2ThrottledException",
                "throttled (Service: AWSLambda; Status Code: 502; Error Code: \
                 EC2ThrottledException; Request ID: null; Proxy: null)",
            ),
            (
                500,
                vec![],
                "",
                "Lambda.ServiceException",
                "HTTP 500 (Service: AWSLambda; Status Code: 500; Error Code: ServiceException; \
                 Request ID: null; Proxy: null)",
            ),
        ] {
            assert_eq!(
                failure(&answer(status, &headers, body)),
                (error.to_owned(), cause.to_owned()),
                "{status} {body}"
            );
        }
    }
}
