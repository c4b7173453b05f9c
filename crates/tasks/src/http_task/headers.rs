//! The request headers an HTTP Task may not set, and the ones Step Functions sets itself.
//!
//! The list is AWS's ("You can't use the following headers in your HTTP Task definition"),
//! from the HTTP Task page of the Step Functions developer guide; using one fails the task
//! with `States.Runtime`.

/// The `User-Agent` prefix Step Functions sends; the region follows.
pub(crate) const USER_AGENT_PREFIX: &str = "Amazon|StepFunctions|HttpInvoke|";

/// The `Range` Step Functions sends: no more than the payload quota (256 KiB).
pub(crate) const RANGE: &str = "bytes=0-262144";

const FORBIDDEN: &[&str] = &[
    "a-im",
    "accept-charset",
    "accept-datetime",
    "accept-encoding",
    "authorization",
    "cache-control",
    "connection",
    "content-encoding",
    "content-md5",
    "date",
    "expect",
    "forwarded",
    "from",
    "host",
    "http2-settings",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "max-forwards",
    "origin",
    "pragma",
    "proxy-authorization",
    "referer",
    "server",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
    "warning",
];

const FORBIDDEN_PREFIXES: &[&str] = &["x-forwarded-", "x-amz-", "x-amzn-"];

/// Headers Step Functions sets whatever the definition says: a value given for one of these
/// is replaced, not sent twice.
const SET_BY_STEP_FUNCTIONS: &[&str] = &["user-agent", "range", "content-length"];

/// Whether a definition or a connection may not set this header (any case).
pub(crate) fn is_forbidden(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    FORBIDDEN.contains(&name.as_str())
        || FORBIDDEN_PREFIXES
            .iter()
            .any(|prefix| name.starts_with(prefix))
}

/// Whether Step Functions replaces this header with its own value.
pub(crate) fn is_replaced(name: &str) -> bool {
    SET_BY_STEP_FUNCTIONS.contains(&name.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_headers_match_in_any_case_and_by_prefix() {
        for name in [
            "Host",
            "authorization",
            "Transfer-Encoding",
            "X-Amz-Date",
            "x-amzn-trace-id",
            "X-Forwarded-For",
        ] {
            assert!(is_forbidden(name), "{name}");
        }
        for name in ["Content-Type", "Accept", "X-Api-Key", "X-Amazing", "Range"] {
            assert!(!is_forbidden(name), "{name}");
        }
        assert!(is_replaced("User-Agent") && is_replaced("content-length"));
    }
}
