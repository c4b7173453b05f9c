//! The console's files (`assets/`), compiled into the binary, and the handlers serving them
//! with their content type and cache headers.
//!
//! The file names carry no content hash, so browsers may keep a copy but must ask again each
//! time (`Cache-Control: no-cache`); the `ETag` is the file's SHA-256, so that question is
//! answered with an empty `304 Not Modified` when nothing changed.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

/// Everything under `assets/`: embedded in release builds, read from disk in debug builds.
#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// What the console page may load: its own files and API, images as data URLs, styles the
/// graph's SVG carries inline, and no framing by other sites.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; \
     form-action 'none'";

/// `GET /`: the console's page.
pub(crate) async fn index(headers: HeaderMap) -> Response {
    let mut response = serve("index.html", &headers);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    response
}

/// `GET /console/{*path}`: one of the console's files.
pub(crate) async fn asset(Path(path): Path<String>, headers: HeaderMap) -> Response {
    // The embedded files have plain relative names; anything that climbs or is absolute
    // names none of them, and must not reach the disk in debug builds either.
    if path
        .split('/')
        .any(|segment| segment == ".." || segment.is_empty())
    {
        return not_found();
    }
    serve(&path, &headers)
}

fn serve(path: &str, headers: &HeaderMap) -> Response {
    let Some(file) = Assets::get(path) else {
        return not_found();
    };
    let etag = etag(&file.metadata.sha256_hash());
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = file.data.into_owned().into_response();
        if let Ok(value) = HeaderValue::from_str(&content_type(file.metadata.mimetype())) {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
        }
        response
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A quoted strong entity tag from a file's hash (half of it is plenty to tell versions apart).
fn etag(hash: &[u8]) -> String {
    let mut res = String::from("\"");
    for byte in hash.iter().take(16) {
        res.push_str(&format!("{byte:02x}"));
    }
    res.push('"');
    res
}

/// The `Content-Type` of a file: its guessed type, in UTF-8 when it is text, which every
/// console file is.
fn content_type(mime: &str) -> String {
    let textual = mime.starts_with("text/")
        || mime.ends_with("javascript")
        || mime.ends_with("json")
        || mime.ends_with("+xml");
    if textual && !mime.contains("charset") {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_owned()
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, "no-store")],
        "not found",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_types_are_utf_8() {
        assert_eq!(content_type("text/css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("text/javascript"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type("image/svg+xml"),
            "image/svg+xml; charset=utf-8"
        );
        assert_eq!(content_type("image/png"), "image/png");
    }

    #[test]
    fn etags_are_quoted_hex() {
        assert_eq!(etag(&[0xab; 32]), format!("\"{}\"", "ab".repeat(16)));
    }
}
