//! An HTTP response as the HTTP Task's result (`Headers`, `ResponseBody`, `StatusCode`,
//! `StatusText`, in that order, as AWS's TestState example shows it), or as its failure.
//!
//! A 2xx response is the result. Any other fails the task with `States.Http.StatusCode.NNN`,
//! and the cause is the same object as JSON text, so a `Catch` can read the response.
//! Responses AWS does not support (binary content types, bodies that are not text) fail with
//! `States.Runtime`.

use serde_json::{Map, Value};

use super::failure;
use runtime::TaskError;

/// The largest body an HTTP Task reads: the payload quota, which `Range: bytes=0-262144`
/// asks the server to keep to.
pub(crate) const MAX_BODY_BYTES: usize = 262_144;

/// What came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Received {
    /// The status code.
    pub(crate) status: u16,
    /// The reason phrase.
    pub(crate) status_text: String,
    /// Names (lowercase) and values, in order; a name may repeat.
    pub(crate) headers: Vec<(String, String)>,
    /// The body.
    pub(crate) body: Vec<u8>,
}

/// The task's result, or its failure.
///
/// # Errors
/// `States.Http.StatusCode.NNN` for a status outside 2xx, `States.Runtime` for a response the
/// HTTP Task does not support.
pub(crate) fn shape(received: Received) -> Result<Value, TaskError> {
    let content_type = received
        .headers
        .iter()
        .find(|(name, _)| name == "content-type")
        .map(|(_, value)| media_type(value))
        .unwrap_or_default();
    let binary = content_type == "application/octet-stream"
        || ["image/", "video/", "audio/"]
            .iter()
            .any(|prefix| content_type.starts_with(prefix));
    if binary {
        return Err(failure::runtime(format!(
            "The HTTP response has the content type '{content_type}', which an HTTP Task does not support"
        )));
    }
    let text = String::from_utf8(received.body).map_err(|_| {
        failure::runtime("The HTTP response body cannot be read as text, which an HTTP Task needs")
    })?;
    let is_json = content_type == "application/json" || content_type.ends_with("+json");
    let response_body = if is_json {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    } else {
        Value::String(text)
    };
    let mut headers = Map::new();
    for (name, value) in received.headers {
        let values = headers
            .entry(name)
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(values) = values {
            values.push(Value::String(value));
        }
    }
    let mut res = Map::new();
    res.insert("Headers".to_owned(), Value::Object(headers));
    res.insert("ResponseBody".to_owned(), response_body);
    res.insert("StatusCode".to_owned(), Value::from(received.status));
    res.insert("StatusText".to_owned(), Value::String(received.status_text));
    let res = Value::Object(res);
    if (200..300).contains(&received.status) {
        Ok(res)
    } else {
        Err(TaskError {
            error: format!("States.Http.StatusCode.{}", received.status),
            cause: res.to_string(),
        })
    }
}

/// `application/json` from `Application/JSON; charset=utf-8`.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn received(status: u16, content_type: &str, body: &[u8]) -> Received {
        Received {
            status,
            status_text: match status {
                200 => "OK",
                404 => "Not Found",
                _ => "Other",
            }
            .to_owned(),
            headers: vec![
                ("content-type".to_owned(), content_type.to_owned()),
                ("set-cookie".to_owned(), "a=1".to_owned()),
                ("set-cookie".to_owned(), "b=2".to_owned()),
            ],
            body: body.to_vec(),
        }
    }

    #[test]
    fn a_json_response_is_parsed_and_headers_are_arrays() {
        let output = shape(received(
            200,
            "application/json; charset=utf-8",
            br#"{"a": 1}"#,
        ))
        .expect("2xx");
        assert_eq!(
            output,
            json!({
                "Headers": {"content-type": ["application/json; charset=utf-8"], "set-cookie": ["a=1", "b=2"]},
                "ResponseBody": {"a": 1},
                "StatusCode": 200,
                "StatusText": "OK",
            })
        );
        let keys: Vec<&String> = output.as_object().expect("an object").keys().collect();
        assert_eq!(
            keys,
            ["Headers", "ResponseBody", "StatusCode", "StatusText"]
        );
    }

    #[test]
    fn other_bodies_stay_text() {
        let output = shape(received(200, "text/plain", b"{\"a\": 1}")).expect("2xx");
        assert_eq!(output["ResponseBody"], "{\"a\": 1}");
        let broken = shape(received(200, "application/problem+json", b"{oops")).expect("2xx");
        assert_eq!(broken["ResponseBody"], "{oops");
    }

    #[test]
    fn a_non_2xx_status_fails_with_the_response_as_cause() {
        let err = shape(received(
            404,
            "application/json",
            br#"{"message":"no such thing"}"#,
        ))
        .expect_err("404");
        assert_eq!(err.error, "States.Http.StatusCode.404");
        let cause: Value = serde_json::from_str(&err.cause).expect("the cause is JSON");
        assert_eq!(cause["StatusCode"], 404);
        assert_eq!(cause["StatusText"], "Not Found");
        assert_eq!(cause["ResponseBody"], json!({"message": "no such thing"}));
        assert_eq!(
            cause["Headers"]["content-type"],
            json!(["application/json"])
        );
    }

    #[test]
    fn binary_responses_fail_with_states_runtime() {
        for content_type in ["image/png", "application/octet-stream", "Audio/mpeg"] {
            let err = shape(received(200, content_type, b"x")).expect_err(content_type);
            assert_eq!(err.error, "States.Runtime", "{content_type}");
        }
        let err = shape(received(200, "text/plain", &[0xff, 0xfe])).expect_err("not UTF-8");
        assert_eq!(err.error, "States.Runtime");
    }
}
