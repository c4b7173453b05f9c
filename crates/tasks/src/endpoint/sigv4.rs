//! AWS Signature Version 4, as much of it as a Lambda `Invoke` request needs: a signed
//! `Authorization` header over the method, path, query, chosen headers and body.
//!
//! HMAC-SHA256 is written out here (RFC 2104 over `sha2`) rather than taken from a crate; the
//! tests check it against RFC 4231 and the whole signer against AWS's published SigV4 test
//! suite and against botocore.

use sha2::{Digest, Sha256};

/// Static credentials: an access key, its secret and, for temporary credentials, a session
/// token.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    /// `AWS_ACCESS_KEY_ID`.
    pub(crate) access_key_id: String,
    /// `AWS_SECRET_ACCESS_KEY`.
    pub(crate) secret_access_key: String,
    /// `AWS_SESSION_TOKEN`, sent as `X-Amz-Security-Token`.
    pub(crate) session_token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret and the token never reach a log.
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

/// One request to sign.
pub(crate) struct Request<'a> {
    /// `GET`, `POST`, ...
    pub(crate) method: &'a str,
    /// The path as sent, already percent-encoded (`/2015-03-31/functions/f/invocations`).
    pub(crate) path: &'a str,
    /// The query as sent, already percent-encoded, without the `?`.
    pub(crate) query: &'a str,
    /// The headers to sign, `host` and `x-amz-date` among them.
    pub(crate) headers: &'a [(&'a str, &'a str)],
    /// The body.
    pub(crate) body: &'a [u8],
}

/// The `Authorization` header for `request`, sent at `amz_date` (`20150830T123600Z`, the value
/// of its `x-amz-date` header), for `service` in `region`.
pub(crate) fn authorization(
    credentials: &Credentials,
    region: &str,
    service: &str,
    amz_date: &str,
    request: &Request<'_>,
) -> String {
    let date = amz_date.get(..8).unwrap_or(amz_date);
    let scope = format!("{date}/{region}/{service}/aws4_request");
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), collapse_spaces(value)))
        .collect();
    headers.sort();
    let signed_headers = headers
        .iter()
        .map(|(name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_headers: String = headers
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect();
    let canonical_request = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{}",
        request.method,
        canonical_path(request.path),
        canonical_query(request.query),
        hex::encode(Sha256::digest(request.body)),
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let secret = format!("AWS4{}", credentials.secret_access_key);
    let key = [date, region, service, "aws4_request"]
        .iter()
        .fold(secret.into_bytes(), |key, part| {
            hmac_sha256(&key, part.as_bytes()).to_vec()
        });
    let signature = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
    format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        credentials.access_key_id
    )
}

/// Percent-encodes everything but SigV4's unreserved characters (`A-Z a-z 0-9 - _ . ~`), and
/// `/` too unless `keep_slash`.
pub(crate) fn uri_encode(text: &str, keep_slash: bool) -> String {
    let mut res = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && byte == b'/')
        {
            res.push(char::from(byte));
        } else {
            res.push_str(&format!("%{byte:02X}"));
        }
    }
    res
}

/// Every service but S3 signs the path as sent, encoded once more.
fn canonical_path(path: &str) -> String {
    if path.is_empty() {
        return "/".to_owned();
    }
    uri_encode(path, true)
}

/// The query's parameters sorted, each name and value decoded and encoded again so that any
/// encoding the sender chose becomes SigV4's.
fn canonical_query(query: &str) -> String {
    let mut params: Vec<(String, String)> = query
        .split('&')
        .filter(|param| !param.is_empty())
        .map(|param| {
            let (name, value) = param.split_once('=').unwrap_or((param, ""));
            (
                uri_encode(&percent_decode(name), false),
                uri_encode(&percent_decode(value), false),
            )
        })
        .collect();
    params.sort();
    params
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut res = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        let hex_pair = bytes
            .get(idx + 1..idx + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[idx], hex_pair) {
            (b'%', Some(byte)) => {
                res.push(byte);
                idx += 3;
            }
            (byte, _) => {
                res.push(byte);
                idx += 1;
            }
        }
    }
    String::from_utf8_lossy(&res).into_owned()
}

/// A header value trimmed, with runs of spaces inside it made one.
fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HMAC-SHA256 (RFC 2104): the key padded to SHA-256's 64-byte block, hashed inside the
/// inner and outer pads.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0_u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|byte| byte ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|byte| byte ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The credentials of AWS's SigV4 test suite.
    fn example() -> Credentials {
        Credentials {
            access_key_id: "AKIDEXAMPLE".to_owned(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".to_owned(),
            session_token: None,
        }
    }

    /// Signs a request of AWS's test suite (host `example.amazonaws.com`, service `service`,
    /// 2015-08-30 12:36:00) and returns the `Authorization` header.
    fn suite(method: &str, path: &str, query: &str) -> String {
        let headers = [
            ("Host", "example.amazonaws.com"),
            ("X-Amz-Date", "20150830T123600Z"),
        ];
        let request = Request {
            method,
            path,
            query,
            headers: &headers,
            body: b"",
        };
        authorization(
            &example(),
            "us-east-1",
            "service",
            "20150830T123600Z",
            &request,
        )
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        assert_eq!(
            hex::encode(hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // A key longer than the block is hashed first.
        assert_eq!(
            hex::encode(hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn the_aws_test_suite_signs_alike() {
        let prefix = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=";
        for (name, method, path, query, signature) in [
            (
                "get-vanilla",
                "GET",
                "/",
                "",
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            ),
            (
                "get-vanilla-query-order-key-case",
                "GET",
                "/",
                "Param2=value2&Param1=value1",
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
            ),
            (
                "post-vanilla",
                "POST",
                "/",
                "",
                "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            ),
            (
                "post-vanilla-query",
                "POST",
                "/",
                "Param1=value1",
                "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11",
            ),
        ] {
            assert_eq!(
                suite(method, path, query),
                format!("{prefix}{signature}"),
                "{name}"
            );
        }
    }

    #[test]
    fn a_lambda_invoke_signs_as_botocore_signs_it() {
        // botocore's SigV4Auth, at the test suite's time, gave this for the same request.
        let credentials = Credentials {
            session_token: Some("session-token/with+chars=".to_owned()),
            ..example()
        };
        let headers = [
            ("Content-Type", "application/json"),
            ("Host", "127.0.0.1:9001"),
            ("X-Amz-Date", "20150830T123600Z"),
            ("X-Amz-Invocation-Type", "RequestResponse"),
            ("X-Amz-Security-Token", "session-token/with+chars="),
        ];
        let request = Request {
            method: "POST",
            path: "/2015-03-31/functions/greet/invocations",
            query: "Qualifier=%24LATEST",
            headers: &headers,
            body: br#"{"n":1}"#,
        };
        assert_eq!(
            authorization(
                &credentials,
                "us-east-1",
                "lambda",
                "20150830T123600Z",
                &request
            ),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lambda/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-invocation-type;x-amz-security-token, \
             Signature=7267effe39a62db35b3e55aa8b9f989cc09b1d363d84846bfade0d2677e19fd5"
        );
    }

    #[test]
    fn encoding_follows_sigv4() {
        assert_eq!(uri_encode("$LATEST", false), "%24LATEST");
        assert_eq!(uri_encode("a b/c~d", false), "a%20b%2Fc~d");
        assert_eq!(uri_encode("/a b/c", true), "/a%20b/c");
        assert_eq!(canonical_query("b=2&a=%241&c"), "a=%241&b=2&c=");
        assert_eq!(canonical_path("/x%20y"), "/x%2520y");
        assert_eq!(collapse_spaces("  a   b "), "a b");
        assert!(!format!("{:?}", example()).contains("EXAMPLEKEY"));
    }
}
